import { InvalidConfigurationError, type PlatformConfig } from './platform-config';
import { SealedTexts } from './sealed-texts';

/**
 * An e-mail address sealed for identity and access-grant (SealedTexts, its own label): for the one
 * address a topic must carry (a delegation's grantee, whom identity provisions): no other reader of
 * the topic can open it. Each address is bound to its delegation's id, which names one address for
 * ever: one delegation always seals to the same value and a value copied to another does not open.
 */
export class SealedEmails {
  private constructor(private readonly texts: SealedTexts) {}

  static from(config: PlatformConfig): SealedEmails {
    if (config.emailDigestKey === null) {
      throw new InvalidConfigurationError(['EMAIL_DIGEST_KEY is required by identity and access-grant in the distributed profile (the same value for both)']);
    }
    return SealedEmails.withKey(config.emailDigestKey);
  }

  static withKey(emailDigestKey: string): SealedEmails {
    return new SealedEmails(SealedTexts.withKey(emailDigestKey, { label: 'osteo sealed e-mail v1', what: 'e-mail address' }));
  }

  seal(address: string, boundTo: string): string {
    return this.texts.seal(address, boundTo);
  }

  /** Throws when the value was not sealed with this key for `boundTo`. */
  unseal(sealed: string, boundTo: string): string {
    return this.texts.unseal(sealed, boundTo);
  }
}
