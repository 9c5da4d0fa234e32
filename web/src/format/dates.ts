/**
 * Dates as a French cabinet reads them (04/12/2026, 14:30), in the cabinet's time zone; the API
 * speaks ISO 8601 with an offset, and calendar days as YYYY-MM-DD.
 */
function intlLocale(locale: string): string {
  return locale === 'en' ? 'en-GB' : 'fr-FR';
}

/** `2026-12-04` → `04/12/2026` (fr) or `04/12/2026` (en-GB); a calendar day has no time zone. */
export function formatCalendarDay(day: string, locale: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(Date.UTC(year, month - 1, date)),
  );
}

/** An instant as date and time in a time zone: `04/12/2026 14:30`. */
export function formatDateTime(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** An instant's time of day in a time zone: `14:30`. */
export function formatTime(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** Today's calendar day in a time zone, as the API writes days. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return calendarDayIn(now.toISOString(), timeZone);
}

/** The calendar day an instant falls on in a time zone (YYYY-MM-DD). */
export function calendarDayIn(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The offset of a time zone at an instant, in minutes east of UTC (Paris: 60 in winter, 120 in summer). */
export function offsetMinutes(timeZone: string, instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * A wall-clock time in a time zone (`2026-12-04`, `14:30`, `Europe/Paris`) as ISO 8601 with its
 * offset (`2026-12-04T14:30:00+01:00`), the form the API takes. In the hour a clock skips, the
 * time is read with the offset before the change.
 */
export function zonedWallTimeToIso(day: string, time: string, timeZone: string): string {
  const [year, month, date] = day.split('-').map(Number);
  const [hours, minutes] = time.split(':').map(Number);
  const wallAsUtc = Date.UTC(year, month - 1, date, hours, minutes);
  let offset = offsetMinutes(timeZone, new Date(wallAsUtc));
  offset = offsetMinutes(timeZone, new Date(wallAsUtc - offset * 60000));
  return `${day}T${time.padStart(5, '0')}:00${formatOffset(offset)}`;
}

/** An instant as ISO 8601 with the offset of the time zone at that instant. */
export function isoInZone(instant: Date, timeZone: string): string {
  const offset = offsetMinutes(timeZone, instant);
  const shifted = new Date(instant.getTime() + offset * 60000).toISOString();
  return `${shifted.slice(0, 19)}${formatOffset(offset)}`;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}
