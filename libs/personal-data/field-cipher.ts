import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM of one field's value, as a string stored in the event's JSON in place of the
 * value: `$pd1$` then base64url(IV ‖ tag ‖ ciphertext). A random 96-bit IV per value; the
 * associated data binds the ciphertext to its event and field, so a value copied into another
 * event or field fails to decrypt instead of reading as someone else's data.
 * Anything not in this form (events stored before encryption) is plain and reads as it is.
 */
const PREFIX = '$pd1$';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export interface FieldAddress {
  readonly eventId: string;
  readonly path: string;
}

const associatedData = ({ eventId, path }: FieldAddress): Buffer => Buffer.from(`${eventId}\u0000${path}`, 'utf8');

export function encryptField(key: Buffer, value: unknown, address: FieldAddress): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(address));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

export function isEncryptedField(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

/** Throws when the value was altered or encrypted for another event, field or key. */
export function decryptField(key: Buffer, encrypted: string, address: FieldAddress): unknown {
  const bytes = Buffer.from(encrypted.slice(PREFIX.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(associatedData(address));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
}
