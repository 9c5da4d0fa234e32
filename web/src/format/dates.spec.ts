import { calendarDayIn, formatCalendarDay, formatDateTime, isoInZone, offsetMinutes, zonedWallTimeToIso } from './dates';

describe('dates in the cabinet\'s time zone', () => {
  it('formats a calendar day as 04/12/2026', () => {
    expect(formatCalendarDay('2026-12-04', 'fr')).toBe('04/12/2026');
  });

  it('shows an instant at the cabinet\'s wall-clock time, whatever the browser\'s zone', () => {
    expect(formatDateTime('2026-12-04T13:30:00Z', 'fr', 'Europe/Paris')).toBe('04/12/2026 14:30');
    expect(formatDateTime('2026-07-04T13:30:00Z', 'fr', 'Europe/Paris')).toBe('04/07/2026 15:30');
    expect(formatDateTime('2026-12-04T13:30:00Z', 'fr', 'America/Martinique')).toBe('04/12/2026 09:30');
  });

  it('knows Paris is UTC+1 in winter and UTC+2 in summer', () => {
    expect(offsetMinutes('Europe/Paris', new Date('2026-01-15T12:00:00Z'))).toBe(60);
    expect(offsetMinutes('Europe/Paris', new Date('2026-07-15T12:00:00Z'))).toBe(120);
  });

  it('turns a wall-clock time in the cabinet into ISO 8601 with its offset', () => {
    expect(zonedWallTimeToIso('2026-12-04', '14:30', 'Europe/Paris')).toBe('2026-12-04T14:30:00+01:00');
    expect(zonedWallTimeToIso('2026-07-04', '09:00', 'Europe/Paris')).toBe('2026-07-04T09:00:00+02:00');
    expect(zonedWallTimeToIso('2026-12-04', '09:00', 'Pacific/Noumea')).toBe('2026-12-04T09:00:00+11:00');
  });

  it('reads a time in the hour the clocks skip with the offset before the change', () => {
    // 29 March 2026: Paris goes from 02:00 to 03:00.
    expect(new Date(zonedWallTimeToIso('2026-03-29', '02:30', 'Europe/Paris')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('writes an instant back with the zone\'s offset at that instant', () => {
    expect(isoInZone(new Date('2026-12-04T13:30:00Z'), 'Europe/Paris')).toBe('2026-12-04T14:30:00+01:00');
    expect(isoInZone(new Date('2026-03-29T00:30:00Z'), 'Europe/Paris')).toBe('2026-03-29T01:30:00+01:00');
    expect(isoInZone(new Date('2026-03-29T01:30:00Z'), 'Europe/Paris')).toBe('2026-03-29T03:30:00+02:00');
  });

  it('gives the calendar day of an instant in the zone, not in UTC', () => {
    expect(calendarDayIn('2026-12-04T23:30:00Z', 'Europe/Paris')).toBe('2026-12-05');
    expect(calendarDayIn('2026-12-04T23:30:00Z', 'UTC')).toBe('2026-12-04');
  });
});
