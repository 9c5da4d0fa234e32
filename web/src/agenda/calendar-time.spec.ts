import { offsetMinutes } from '../format/dates';
import { addDays, zoneOffsetMinutes, fromWallDate, minutesOfDay, rangeOfWallDates, timeOfMinutes, toWallDate, wallDateOf, wallDayAndTime, wallNow } from './calendar-time';

const PARIS = 'Europe/Paris';
const wallText = (iso: string, timeZone = PARIS) => toWallDate(iso, timeZone).toISOString().slice(0, 16);

function behavesTheSameInAnyBrowserZone() {
  it('shows an instant at the cabinet\'s wall-clock time: UTC+1 in winter, UTC+2 in summer', () => {
    expect(wallText('2026-12-07T13:30:00Z')).toBe('2026-12-07T14:30');
    expect(wallText('2026-12-07T14:30:00+01:00')).toBe('2026-12-07T14:30');
    expect(wallText('2026-07-07T07:00:00Z')).toBe('2026-07-07T09:00');
    expect(wallText('2026-12-07T13:30:00Z', 'America/Martinique')).toBe('2026-12-07T09:30');
    expect(wallText('2026-12-07T13:30:00Z', 'Pacific/Noumea')).toBe('2026-12-08T00:30');
  });

  it('writes a wall date back with the cabinet\'s offset on that day', () => {
    expect(fromWallDate(wallDateOf('2026-12-07', '14:30'), PARIS)).toBe('2026-12-07T14:30:00+01:00');
    expect(fromWallDate(wallDateOf('2026-07-07', '09:00'), PARIS)).toBe('2026-07-07T09:00:00+02:00');
    expect(fromWallDate(wallDateOf('2026-12-07', '09:00'), 'America/Martinique')).toBe('2026-12-07T09:00:00-04:00');
  });

  it('keeps every instant of the spring change day (29 March 2026, 02:00 → 03:00) through a round trip', () => {
    for (let minute = -120; minute <= 6 * 60; minute += 15) {
      const instant = new Date(Date.parse('2026-03-29T00:00:00Z') + minute * 60_000);
      expect(new Date(fromWallDate(toWallDate(instant.toISOString(), PARIS), PARIS)).getTime()).toBe(instant.getTime());
    }
    expect(wallText('2026-03-29T00:59:00Z')).toBe('2026-03-29T01:59');
    expect(wallText('2026-03-29T01:00:00Z')).toBe('2026-03-29T03:00');
    // A time the clock skips is read with the offset before the change.
    expect(fromWallDate(wallDateOf('2026-03-29', '02:30'), PARIS)).toBe('2026-03-29T02:30:00+01:00');
  });

  it('shows the hour repeated on the autumn change day (25 October 2026) at the same place, and writes it back as its second occurrence', () => {
    expect(wallText('2026-10-25T00:30:00Z')).toBe('2026-10-25T02:30');
    expect(wallText('2026-10-25T01:30:00Z')).toBe('2026-10-25T02:30');
    expect(fromWallDate(wallDateOf('2026-10-25', '02:30'), PARIS)).toBe('2026-10-25T02:30:00+01:00');
    expect(fromWallDate(wallDateOf('2026-10-25', '09:00'), PARIS)).toBe('2026-10-25T09:00:00+01:00');
    expect(fromWallDate(wallDateOf('2026-10-24', '09:00'), PARIS)).toBe('2026-10-24T09:00:00+02:00');
  });

  it('asks the API for the week from midnight to midnight in the cabinet, with each day\'s own offset', () => {
    expect(rangeOfWallDates(wallDateOf('2026-03-23', '00:00'), wallDateOf('2026-03-30', '00:00'), PARIS)).toEqual({
      from: '2026-03-23T00:00:00+01:00',
      to: '2026-03-30T00:00:00+02:00',
    });
    expect(rangeOfWallDates(wallDateOf('2026-10-19', '00:00'), wallDateOf('2026-10-26', '00:00'), PARIS)).toEqual({
      from: '2026-10-19T00:00:00+02:00',
      to: '2026-10-26T00:00:00+01:00',
    });
  });

  it('gives now as the cabinet\'s wall clock', () => {
    expect(wallNow(PARIS, new Date('2026-12-07T23:30:00Z')).toISOString()).toBe('2026-12-08T00:30:00.000Z');
    expect(wallDayAndTime(wallNow(PARIS, new Date('2026-07-01T06:05:00Z')))).toEqual({ day: '2026-07-01', time: '08:05' });
  });
}

describe('the agenda\'s wall dates', () => {
  describe('in this process\'s zone', () => {
    behavesTheSameInAnyBrowserZone();
  });

  describe('whatever the browser\'s own zone (reading it throws here)', () => {
    const localReaders = ['getTimezoneOffset', 'getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'toString', 'toLocaleString'] as const;
    const originals = new Map<string, unknown>();
    beforeAll(() => {
      for (const name of localReaders) {
        originals.set(name, Date.prototype[name]);
        Object.defineProperty(Date.prototype, name, {
          configurable: true,
          value: () => {
            throw new Error(`the browser's zone was read (${name})`);
          },
        });
      }
    });
    afterAll(() => {
      for (const name of localReaders) Object.defineProperty(Date.prototype, name, { configurable: true, writable: true, value: originals.get(name) });
    });
    behavesTheSameInAnyBrowserZone();
  });

  it('keeps offsets per quarter hour that agree with format/dates all year round', () => {
    for (const zone of ['Europe/Paris', 'America/Martinique', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      for (let instant = Date.parse('2026-01-01T00:00:00Z'); instant < Date.parse('2027-01-01T00:00:00Z'); instant += 37 * 60_000) {
        if (zoneOffsetMinutes(zone, instant) !== offsetMinutes(zone, new Date(instant))) throw new Error(`${zone} at ${new Date(instant).toISOString()}`);
      }
    }
  });

  it('counts days and minutes of the day', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(minutesOfDay('14:30')).toBe(870);
    expect(minutesOfDay('24:00')).toBeNaN();
    expect(minutesOfDay('9:00')).toBeNaN();
    expect(timeOfMinutes(870)).toBe('14:30');
  });
});
