import { InvalidConfigurationError, type PlatformConfig } from './platform-config';
import { SealedTexts } from './sealed-texts';

/** The contact details of a practice that access.events carry sealed (CabinetOpened v2, CabinetReminderSettingsChanged v2). */
export type PracticeContactField = 'address' | 'phone';

/** Where a sealed value was published: the practice and the id of the event that carries it. */
export type SealedIn = { readonly cabinetId: string; readonly eventId: string };

/**
 * A practice's address and phone number as access.events carry them since #14: sealed for
 * access-grant, which writes them, and patient-records, which prints them in reminders (the
 * holders of EMAIL_DIGEST_KEY); analytics and the operators' console read ids and names only.
 * Unlike a grantee's address, a practice's address changes, so each value is bound to the event
 * that carries it and to its field (`<cabinetId>/<eventId>/<field>`): no two texts ever share an
 * IV, the same stored event seals alike on every re-publication, and a value moved to another
 * event, practice or field does not open.
 */
export class SealedPracticeContacts {
  private constructor(private readonly texts: SealedTexts) {}

  static from(config: PlatformConfig): SealedPracticeContacts {
    if (config.emailDigestKey === null) {
      throw new InvalidConfigurationError([
        "EMAIL_DIGEST_KEY is required by access-grant and patient-records in the distributed profile (a practice's address and phone travel sealed with it; the same value as identity's)",
      ]);
    }
    return SealedPracticeContacts.withKey(config.emailDigestKey);
  }

  static withKey(emailDigestKey: string): SealedPracticeContacts {
    return new SealedPracticeContacts(SealedTexts.withKey(emailDigestKey, { label: 'osteo sealed practice contact v1', what: 'practice contact' }));
  }

  /** Null stays null: a practice without an address or a phone publishes none. */
  seal(value: string | null, field: PracticeContactField, sealedIn: SealedIn): string | null {
    return value === null ? null : this.texts.seal(value, boundTo(field, sealedIn));
  }

  /** Throws when the value was not sealed with this key for this field of this event. */
  open(sealed: string | null, field: PracticeContactField, sealedIn: SealedIn): string | null {
    return sealed === null ? null : this.texts.unseal(sealed, boundTo(field, sealedIn));
  }
}

const boundTo = (field: PracticeContactField, { cabinetId, eventId }: SealedIn): string => `${cabinetId}/${eventId}/${field}`;
