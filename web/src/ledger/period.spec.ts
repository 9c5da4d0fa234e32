import { isCalendarDay, isValidPeriod, isWithin, parseTypedDay, periodOfPreset, presetOfPeriod, recentYears } from './period';

describe('ledger periods', () => {
  it('gives each preset its days for a today', () => {
    expect(periodOfPreset('thisMonth', '2026-12-04')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(periodOfPreset('lastMonth', '2026-12-04')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(periodOfPreset('thisQuarter', '2026-12-04')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodOfPreset('lastQuarter', '2026-12-04')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(periodOfPreset('thisYear', '2026-12-04')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodOfPreset('lastYear', '2026-12-04')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('crosses the year in January and knows February', () => {
    expect(periodOfPreset('lastMonth', '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(periodOfPreset('lastQuarter', '2027-02-10')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodOfPreset('thisMonth', '2028-02-29')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodOfPreset('lastMonth', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('recognises a preset, else custom', () => {
    expect(presetOfPeriod({ from: '2026-10-01', to: '2026-12-31' }, '2026-12-04')).toBe('thisQuarter');
    expect(presetOfPeriod({ from: '2026-10-02', to: '2026-12-31' }, '2026-12-04')).toBe('custom');
  });

  it('reads typed days, day first, and refuses what is no day', () => {
    expect(parseTypedDay('04/12/2026')).toBe('2026-12-04');
    expect(parseTypedDay(' 4/2/2026 ')).toBe('2026-02-04');
    expect(parseTypedDay('04.12.2026')).toBe('2026-12-04');
    expect(parseTypedDay('2026-12-04')).toBe('2026-12-04');
    expect(parseTypedDay('31/02/2026')).toBeNull();
    expect(parseTypedDay('12/2026')).toBeNull();
    expect(isCalendarDay('2026-13-01')).toBe(false);
  });

  it('accepts a period only in order', () => {
    expect(isValidPeriod({ from: '2026-01-01', to: '2026-01-01' })).toBe(true);
    expect(isValidPeriod({ from: '2026-02-01', to: '2026-01-01' })).toBe(false);
    expect(isValidPeriod({ from: null, to: '2026-01-01' })).toBe(false);
    expect(isWithin('2026-01-31', { from: '2026-01-01', to: '2026-01-31' })).toBe(true);
    expect(isWithin('2026-02-01', { from: '2026-01-01', to: '2026-01-31' })).toBe(false);
  });

  it('offers this year first', () => {
    expect(recentYears('2026-12-04', 3)).toEqual([2026, 2025, 2024]);
  });
});
