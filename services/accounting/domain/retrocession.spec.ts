import { retrocededCents } from './retrocession';

describe('retrocededCents: R = A × rate, half-up to the cent, in integers', () => {
  it.each([
    ['30 % of 100.00', 10_000, 3_000, 3_000],
    ['30.5 % of 100.00', 10_000, 3_050, 3_050],
    ['half a cent rounds up: 50 % of 0.05', 5, 5_000, 3],
    ['half a cent rounds up: 50 % of 0.01', 1, 5_000, 1],
    ['just under half a cent rounds down: 49.99 % of 0.01', 1, 4_999, 0],
    ['33.33 % of 100.01 = 33.333333 → 33.33', 10_001, 3_333, 3_333],
    ['12.35 % of 0.38 = 0.04693 → 0.05', 38, 1_235, 5],
    ['0 % retrocedes nothing', 12_345, 0, 0],
    ['100 % retrocedes everything', 12_345, 10_000, 12_345],
    ['the largest fee at 99.99 % stays exact', 100_000_000, 9_999, 99_990_000],
    ['the largest fee at 33.33 % plus a cent: 33 330 000.3333 → 33 330 000', 100_000_001, 3_333, 33_330_000],
  ])('%s', (_case, feeCents, basisPoints, expected) => {
    expect(retrocededCents(feeCents, basisPoints)).toBe(expected);
  });

  it('50 % of 2.01 € is 1.005 €, which floats round to 1.00 € (Math.round(1.005 * 100) is 100); integers give 1.01 €', () => {
    expect(retrocededCents(201, 5_000)).toBe(101);
  });

  it.each([
    ['a fractional fee', 10.5, 3_000],
    ['a negative fee', -100, 3_000],
    ['a rate above 100 %', 100, 10_001],
    ['a fractional rate', 100, 30.5],
  ])('refuses %s', (_case, feeCents, basisPoints) => {
    expect(() => retrocededCents(feeCents, basisPoints)).toThrow(RangeError);
  });
});
