import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { InvalidConfigurationError, type PlatformConfig } from './platform-config';

const PREFIX = '$se1$';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * An e-mail address sealed for identity and access-grant, the two holders of EMAIL_DIGEST_KEY:
 * AES-256-GCM under a key derived from it (HKDF, its own label, so the digest key itself never
 * encrypts), as `$se1$` then base64url(IV ‖ tag ‖ ciphertext). For the one address a topic must
 * carry (a delegation's grantee, whom identity provisions): no other reader of the topic can open
 * it. Each address is sealed for one thing it belongs to (`boundTo`: a delegation's id): the IV
 * is derived from it and it is the associated data, so one delegation always seals to the same
 * value (the publisher translates an event again on every re-publication) and a value copied to
 * another delegation does not open.
 */
export class SealedEmails {
  private constructor(private readonly key: Buffer) {}

  static from(config: PlatformConfig): SealedEmails {
    if (config.emailDigestKey === null) {
      throw new InvalidConfigurationError(['EMAIL_DIGEST_KEY is required by identity and access-grant in the distributed profile (the same value for both)']);
    }
    return SealedEmails.withKey(config.emailDigestKey);
  }

  static withKey(emailDigestKey: string): SealedEmails {
    if (Buffer.byteLength(emailDigestKey) < 32) throw new Error('The e-mail digest key must be at least 32 bytes long');
    return new SealedEmails(Buffer.from(hkdfSync('sha256', emailDigestKey, '', 'osteo sealed e-mail v1', 32)));
  }

  seal(address: string, boundTo: string): string {
    const iv = createHmac('sha256', this.key).update(boundTo).digest().subarray(0, IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(address, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
  }

  /** Throws when the value was not sealed with this key for `boundTo`. */
  unseal(sealed: string, boundTo: string): string {
    if (!sealed.startsWith(PREFIX)) throw new Error('Not a sealed e-mail address');
    const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
