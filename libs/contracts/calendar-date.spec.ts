import { isCalendarDate } from './calendar-date';

describe('isCalendarDate', () => {
  it.each(['2026-03-02', '2024-02-29', '2026-12-31', '1931-12-31'])('accepts %s', (date) => expect(isCalendarDate(date)).toBe(true));
  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-3-2', '02/03/2026', '2026-03-02T10:00:00Z', 'tomorrow', ''])('refuses %p', (date) =>
    expect(isCalendarDate(date)).toBe(false),
  );
});
