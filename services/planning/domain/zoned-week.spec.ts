import { weekIn } from './zoned-week';

describe('the week of a cabinet, on its wall clocks', () => {
  it.each([
    // now (UTC), zone, Monday 00:00 local, next Monday 00:00 local, both as UTC instants
    ['a Wednesday in Paris, winter', '2026-01-14T12:00:00.000Z', 'Europe/Paris', '2026-01-11T23:00:00.000Z', '2026-01-18T23:00:00.000Z'],
    ['Monday 00:30 in Paris, still Sunday in UTC', '2026-01-11T23:30:00.000Z', 'Europe/Paris', '2026-01-11T23:00:00.000Z', '2026-01-18T23:00:00.000Z'],
    ['Sunday 23:30 in Paris, summer', '2026-07-12T21:30:00.000Z', 'Europe/Paris', '2026-07-05T22:00:00.000Z', '2026-07-12T22:00:00.000Z'],
    ['the week Paris moves to summer time (one hour shorter)', '2026-03-25T10:00:00.000Z', 'Europe/Paris', '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
    ['the week Paris moves back to winter time (one hour longer)', '2026-10-21T10:00:00.000Z', 'Europe/Paris', '2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z'],
    ['Martinique, behind UTC: Sunday evening there is Monday in UTC', '2026-01-12T02:00:00.000Z', 'America/Martinique', '2026-01-05T04:00:00.000Z', '2026-01-12T04:00:00.000Z'],
    ['Réunion', '2026-01-14T12:00:00.000Z', 'Indian/Reunion', '2026-01-11T20:00:00.000Z', '2026-01-18T20:00:00.000Z'],
    ['a week across the new year', '2026-12-31T12:00:00.000Z', 'Europe/Paris', '2026-12-27T23:00:00.000Z', '2027-01-03T23:00:00.000Z'],
    ['UTC', '2026-01-14T12:00:00.000Z', 'UTC', '2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z'],
  ])('%s', (_case, now, timeZone, start, end) => {
    expect(weekIn(timeZone, new Date(now))).toEqual({ start, end });
  });

  it('given clocks that skip midnight (Santiago, Sunday 6 September 2026, -04:00 to -03:00), then that week is an hour shorter and the next starts at Monday 00:00', () => {
    expect(weekIn('America/Santiago', new Date('2026-09-03T12:00:00.000Z'))).toEqual({ start: '2026-08-31T04:00:00.000Z', end: '2026-09-07T03:00:00.000Z' });
    expect(weekIn('America/Santiago', new Date('2026-09-09T12:00:00.000Z')).start).toBe('2026-09-07T03:00:00.000Z');
  });

  it('always contains now', () => {
    for (const timeZone of ['Europe/Paris', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Martinique', 'Asia/Kathmandu']) {
      for (let hour = 0; hour < 24 * 14; hour += 5) {
        const now = new Date(Date.parse('2026-03-20T00:00:00.000Z') + hour * 3_600_000);
        const { start, end } = weekIn(timeZone, now);
        expect(start <= now.toISOString() && now.toISOString() < end).toBe(true);
      }
    }
  });
});
