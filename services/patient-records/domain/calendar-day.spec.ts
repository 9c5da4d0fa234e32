import { isLaterThanEveryToday } from './calendar-day';

describe('calendar days', () => {
  it('given 23:30 UTC on 1 March (00:30 on the 2nd in Paris), the 2nd has begun somewhere, the 3rd has not', () => {
    const now = new Date('2026-03-01T23:30:00.000Z');
    expect(isLaterThanEveryToday('2026-03-02', now)).toBe(false);
    expect(isLaterThanEveryToday('2026-03-03', now)).toBe(true);
  });

  it('given 09:59 UTC, UTC+14 is still on the same day; from 10:00 UTC it is on the next', () => {
    expect(isLaterThanEveryToday('2026-03-03', new Date('2026-03-02T09:59:59.999Z'))).toBe(true);
    expect(isLaterThanEveryToday('2026-03-03', new Date('2026-03-02T10:00:00.000Z'))).toBe(false);
  });
});
