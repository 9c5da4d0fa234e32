// `min` metadata: lengths per country, enough to tell a person at once; the API checks the digits
// with `max` and has the last word (400 PATIENT.INVALID_PHONE or CABINET.INVALID_PHONE under the
// field). Measured with `npm run build:web`: a lazy chunk of its own, 30 kB gzipped, loaded with the
// patients and the cabinets areas, the entry chunk not at all; `max` would add 65 kB more metadata
// for a check the API makes anyway.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** A number typed without a country code is French, as the API reads it. */
function parsedPhone(typed: string) {
  const parsed = parsePhoneNumberFromString(typed.trim(), { defaultCountry: 'FR', extract: false });
  return parsed?.isValid() && parsed.ext === undefined ? parsed : undefined;
}

/** What the API stores for a phone as typed (`06 12 34 56 78` → `+33612345678`); undefined when it is none. */
export function phoneInE164(typed: string): string | undefined {
  return parsedPhone(typed)?.number;
}

/**
 * A stored phone to read (`+33612345678` → `+33 6 12 34 56 78`); one stored before the API
 * kept E.164 is shown as it was typed.
 */
export function phoneForReading(stored: string): string {
  return parsedPhone(stored)?.formatInternational() ?? stored;
}

/** A `tel:` link for a stored phone: E.164 when it parses, else its digits. */
export function phoneHref(stored: string): string {
  return `tel:${phoneInE164(stored) ?? stored.replace(/[^+0-9]/g, '')}`;
}
