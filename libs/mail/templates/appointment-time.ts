import type { MailLanguage } from './mail-language';

/** The parts of an instant as read on the practice's clock. */
function partsOf(locale: string, startsAt: string, timeZone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const instant = new Date(startsAt);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Not an instant: ${startsAt}`);
  const parts: Record<string, string> = {};
  for (const part of new Intl.DateTimeFormat(locale, { ...options, timeZone }).formatToParts(instant)) parts[part.type] = part.value;
  return parts;
}

/** « jeudi 10 décembre 2026 à 14 h 30 », "Thursday 10 December 2026 at 2:30 pm": for a mail. */
export function appointmentTimeInWords(language: MailLanguage, startsAt: string, timeZone: string): string {
  if (language === 'fr') {
    const p = partsOf('fr-FR', startsAt, timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    return `${p.weekday} ${p.day} ${p.month} ${p.year} à ${frenchClock(p.hour, p.minute)}`;
  }
  const p = partsOf('en-GB', startsAt, timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true });
  return `${p.weekday} ${p.day} ${p.month} ${p.year} at ${p.hour}:${p.minute} ${p.dayPeriod.toLowerCase()}`;
}

/**
 * « jeudi 10/12 à 14 h 30 », "Thu 10 Dec, 2:30 pm": for an SMS, short, in the GSM-7 alphabet
 * (no month name: « août » would push the whole message into UCS-2, at 70 characters a part).
 */
export function appointmentTimeShort(language: MailLanguage, startsAt: string, timeZone: string): string {
  if (language === 'fr') {
    const p = partsOf('fr-FR', startsAt, timeZone, { weekday: 'long', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    return `${p.weekday} ${p.day}/${p.month} à ${frenchClock(p.hour, p.minute)}`;
  }
  const p = partsOf('en-GB', startsAt, timeZone, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', hour12: true });
  return `${p.weekday} ${p.day} ${p.month}, ${p.hour}:${p.minute} ${p.dayPeriod.toLowerCase()}`;
}

/** French typography: 14 h 30, 9 h 05, 14 h on the hour. */
function frenchClock(hour: string, minute: string): string {
  const hours = String(Number(hour));
  return minute === '00' ? `${hours} h` : `${hours} h ${minute}`;
}
