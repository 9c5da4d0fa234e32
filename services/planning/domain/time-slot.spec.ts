import { overlaps, utcDaysOf, utcInstant } from './time-slot';

describe('time slots', () => {
  it('reads a date-time with an offset as its UTC instant', () => {
    expect(utcInstant('2026-03-02T09:00+01:00')).toBe('2026-03-02T08:00:00.000Z');
  });

  it.each([
    ['one inside the other', { start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T10:00:00.000Z' }, { start: '2026-03-02T09:15:00.000Z', end: '2026-03-02T09:30:00.000Z' }, true],
    ['crossing', { start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T10:00:00.000Z' }, { start: '2026-03-02T09:45:00.000Z', end: '2026-03-02T10:30:00.000Z' }, true],
    ['touching ends', { start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T09:45:00.000Z' }, { start: '2026-03-02T09:45:00.000Z', end: '2026-03-02T10:30:00.000Z' }, false],
    ['apart', { start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T09:45:00.000Z' }, { start: '2026-03-02T11:00:00.000Z', end: '2026-03-02T11:45:00.000Z' }, false],
  ])('given two slots %s, overlaps says %p both ways', (_label, left, right, expected) => {
    expect(overlaps(left, right)).toBe(expected);
    expect(overlaps(right, left)).toBe(expected);
  });

  it.each([
    ['within a day', '2026-03-02T09:00:00.000Z', '2026-03-02T09:45:00.000Z', ['2026-03-02']],
    ['over midnight', '2026-03-02T23:30:00.000Z', '2026-03-03T00:30:00.000Z', ['2026-03-02', '2026-03-03']],
    ['ending at midnight', '2026-03-02T23:00:00.000Z', '2026-03-03T00:00:00.000Z', ['2026-03-02']],
    ['starting at midnight', '2026-03-03T00:00:00.000Z', '2026-03-03T00:45:00.000Z', ['2026-03-03']],
    ['over the end of a month', '2026-02-28T20:00:00.000Z', '2026-03-01T08:00:00.000Z', ['2026-02-28', '2026-03-01']],
  ])('given a slot %s, utcDaysOf lists the UTC days it touches', (_label, start, end, days) => {
    expect(utcDaysOf({ start, end })).toEqual(days);
  });
});
