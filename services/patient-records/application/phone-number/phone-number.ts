// `max` metadata: it holds each country's digit patterns, so isValid() refuses numbers no
// operator assigns (07 00 00 00 00 is not one); `min` checks lengths only. The server has the last
// word on what is stored, and 65 kB more metadata costs a Node process nothing.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { Rejection } from '@osteo/event-sourcing/rejection';

/** Numbers typed without a country code are French: the platform's users and patients are. */
const DEFAULT_COUNTRY = 'FR';

/**
 * A phone number as people type it (`06 12 34 56 78`, `06.12.34.56.78`, `+33 6 12 34 56 78`,
 * `0033612345678`, or a foreign one with its `+` code) in E.164 (`+33612345678`), the one form
 * the records store and an SMS gateway takes. Not a phone number, or one with an extension
 * (E.164 has none): PATIENT.INVALID_PHONE naming the field, before anything is written.
 */
export function phoneInE164(typed: string): string {
  // extract: false: the whole text must be the number, not "call 06 12 34 56 78 after 6".
  const parsed = parsePhoneNumberFromString(typed, { defaultCountry: DEFAULT_COUNTRY, extract: false });
  if (!parsed?.isValid() || parsed.ext !== undefined) {
    throw new Rejection('invalid', 'PATIENT.INVALID_PHONE', 'phone must be a phone number: a French one as 06 12 34 56 78, another with its country code (+44 20 7946 0958)');
  }
  return parsed.number;
}

/** A phone field as the use cases receive it: blank is none, anything else must be a number. */
export function phoneOrNull(typed: string | null | undefined): string | null {
  const text = typed?.trim();
  return text ? phoneInE164(text) : null;
}
