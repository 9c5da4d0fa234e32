// `max` metadata: it holds each country's digit patterns, so isValid() refuses numbers no
// operator assigns (07 00 00 00 00 is not one); `min` checks lengths only.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Numbers typed without a country code are French: the platform's users and patients are. */
const DEFAULT_COUNTRY = 'FR';

/**
 * A phone number as people type it (`06 12 34 56 78`, `06.12.34.56.78`, `+33 6 12 34 56 78`,
 * `0033612345678`, or a foreign one with its `+` code) in E.164 (`+33612345678`), the form an
 * SMS goes to; null when the text is not a phone number, or holds an extension (E.164 has none).
 * Each service refuses a null with its own code, naming its field.
 */
export function phoneNumberInE164(typed: string): string | null {
  // extract: false: the whole text must be the number, not "call 06 12 34 56 78 after 6".
  const parsed = parsePhoneNumberFromString(typed, { defaultCountry: DEFAULT_COUNTRY, extract: false });
  return parsed?.isValid() && parsed.ext === undefined ? parsed.number : null;
}
