import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';

const PREFIX = '$se1$';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What a sealer is for: its HKDF label (one key per purpose) and what its values are, for errors. */
export type SealingPurpose = { readonly label: string; readonly what: string };

/**
 * Text sealed for the holders of EMAIL_DIGEST_KEY, so that it can travel on a topic that others
 * read: AES-256-GCM under a key derived from it by HKDF with the purpose's own label (the digest
 * key itself never encrypts, and one purpose's values never open as another's), as `$se1$` then
 * base64url(IV ‖ tag ‖ ciphertext).
 *
 * Each value is sealed for one thing it belongs to (`boundTo`), the associated data: a value
 * copied elsewhere does not open. The IV is derived from `boundTo`, so sealing is deterministic (a
 * publisher translates an event again on every re-publication and must give the same message);
 * GCM forbids one IV for two texts, so `boundTo` must name ONE value for ever: a delegation's id
 * for its grantee's address (it never changes), an event's id and field for a value that changes.
 */
export class SealedTexts {
  private constructor(
    private readonly key: Buffer,
    private readonly purpose: SealingPurpose,
  ) {}

  static withKey(emailDigestKey: string, purpose: SealingPurpose): SealedTexts {
    if (Buffer.byteLength(emailDigestKey) < 32) throw new Error('The e-mail digest key must be at least 32 bytes long');
    return new SealedTexts(Buffer.from(hkdfSync('sha256', emailDigestKey, '', purpose.label, 32)), purpose);
  }

  seal(text: string, boundTo: string): string {
    const iv = createHmac('sha256', this.key).update(boundTo).digest().subarray(0, IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
  }

  /** Throws when the value was not sealed with this key and purpose for `boundTo`. */
  unseal(sealed: string, boundTo: string): string {
    if (!sealed.startsWith(PREFIX)) throw new Error(`Not a sealed ${this.purpose.what}`);
    const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
