/**
 * The period a ledger is read over: calendar days (YYYY-MM-DD), both inclusive, as the API takes
 * them. Presets are computed from "today" given by the caller, so they are pure and testable.
 */
export interface Period {
  readonly from: string;
  readonly to: string;
}

export const periodPresets = ['thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'thisYear', 'lastYear'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function partsOf(day: string): [number, number, number] {
  const match = DAY.exec(day);
  if (!match) throw new Error(`not a calendar day: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function dayString(year: number, month: number, date: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The months [first, last] (1–12, may spill over years by normalising) as a period. */
function months(year: number, firstMonth: number, count: number): Period {
  const start = new Date(Date.UTC(year, firstMonth - 1, 1));
  const end = new Date(Date.UTC(year, firstMonth - 1 + count, 0));
  return {
    from: dayString(start.getUTCFullYear(), start.getUTCMonth() + 1, 1),
    to: dayString(end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate()),
  };
}

/** The days a preset covers, for a given today (YYYY-MM-DD, in the cabinet's time zone). */
export function periodOfPreset(preset: PeriodPreset, today: string): Period {
  const [year, month] = partsOf(today);
  const quarterStart = Math.floor((month - 1) / 3) * 3 + 1;
  switch (preset) {
    case 'thisMonth':
      return months(year, month, 1);
    case 'lastMonth':
      return months(year, month - 1, 1);
    case 'thisQuarter':
      return months(year, quarterStart, 3);
    case 'lastQuarter':
      return months(year, quarterStart - 3, 3);
    case 'thisYear':
      return { from: dayString(year, 1, 1), to: dayString(year, 12, 31) };
    case 'lastYear':
      return { from: dayString(year - 1, 1, 1), to: dayString(year - 1, 12, 31) };
  }
}

/** The preset a period is, for that today; `custom` when none is. */
export function presetOfPeriod(period: Period, today: string): PeriodPreset | 'custom' {
  return periodPresets.find((preset) => {
    const candidate = periodOfPreset(preset, today);
    return candidate.from === period.from && candidate.to === period.to;
  }) ?? 'custom';
}

/** A real calendar day written YYYY-MM-DD. */
export function isCalendarDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1900 && month >= 1 && month <= 12 && date >= 1 && date <= lastDayOfMonth(year, month);
}

/**
 * What a person typed in a date field as a calendar day: `04/12/2026`, `4/12/2026`, `04.12.2026`
 * (day first, as in French and British English) or `2026-12-04`. Null when it is no real day.
 */
export function parseTypedDay(typed: string): string | null {
  const text = typed.trim();
  const iso = DAY.exec(text);
  if (iso) return isCalendarDay(text) ? text : null;
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!dayFirst) return null;
  const day = dayString(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  return isCalendarDay(day) ? day : null;
}

/** A usable period: two real days, the first not after the last. */
export function isValidPeriod(period: { from: string | null; to: string | null }): period is Period {
  return period.from !== null && period.to !== null && isCalendarDay(period.from) && isCalendarDay(period.to) && period.from <= period.to;
}

/** The years offered for the retrocession summary: this one first, then the previous ones. */
export function recentYears(today: string, count = 6): number[] {
  const [year] = partsOf(today);
  return Array.from({ length: count }, (_, index) => year - index);
}

/** Whether a day lies in a period (the new line will show in the current listing). */
export function isWithin(day: string, period: Period): boolean {
  return day >= period.from && day <= period.to;
}
