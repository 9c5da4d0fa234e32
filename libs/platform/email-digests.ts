import { createHmac } from 'node:crypto';
import { InvalidConfigurationError, type PlatformConfig } from './platform-config';

/**
 * Keyed digests of e-mail addresses (HMAC-SHA-256 of the trimmed, lower-cased address, in hex):
 * what identity names its reservation streams by and publishes in place of an address, and what
 * access-grant computes from an address an owner typed to find the account it belongs to. Without
 * the key, a digest cannot be matched against a list of guessed addresses, unlike a plain hash.
 */
export class EmailDigests {
  private constructor(private readonly key: string) {}

  static withKey(key: string): EmailDigests {
    if (Buffer.byteLength(key) < 32) throw new Error('The e-mail digest key must be at least 32 bytes long');
    return new EmailDigests(key);
  }

  /** For the services that need the key: a clear refusal to start where it was not given. */
  static from(config: PlatformConfig): EmailDigests {
    if (config.emailDigestKey === null) {
      throw new InvalidConfigurationError(['EMAIL_DIGEST_KEY is required by identity and access-grant in the distributed profile (the same value for both)']);
    }
    return EmailDigests.withKey(config.emailDigestKey);
  }

  of(address: string): string {
    return createHmac('sha256', this.key).update(address.trim().toLowerCase()).digest('hex');
  }
}
