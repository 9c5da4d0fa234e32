import { totalsByCabinetOf, totalsOf } from './ledger-line';

describe('ledger totals', () => {
  const lines = [
    { cabinetId: 'cab-b', kind: 'income', amountCents: 5_000 },
    { cabinetId: 'cab-a', kind: 'income', amountCents: 10_000 },
    { cabinetId: 'cab-a', kind: 'expense', amountCents: 3_000 },
    { cabinetId: 'cab-b', kind: 'expense', amountCents: 7_001 },
  ] as const;

  it('adds incomes and expenses apart, and the net is their difference', () => {
    expect(totalsOf(lines)).toEqual({ incomeCents: 15_000, expenseCents: 10_001, netCents: 4_999 });
  });

  it('gives the same totals per cabinet, in cabinet id order', () => {
    expect(totalsByCabinetOf(lines)).toEqual([
      { cabinetId: 'cab-a', incomeCents: 10_000, expenseCents: 3_000, netCents: 7_000 },
      { cabinetId: 'cab-b', incomeCents: 5_000, expenseCents: 7_001, netCents: -2_001 },
    ]);
  });

  it('totals nothing as zeros', () => {
    expect(totalsOf([])).toEqual({ incomeCents: 0, expenseCents: 0, netCents: 0 });
    expect(totalsByCabinetOf([])).toEqual([]);
  });
});
