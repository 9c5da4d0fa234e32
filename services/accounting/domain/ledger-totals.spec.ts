import type { ConsultationFact, ConsultationLedger } from './consultation-ledger';
import { categoryCorrectedBy, evolveConsultationLedger } from './consultation-ledger';
import type { LedgerLine } from './ledger-line';
import { breakdownByCabinetOf, breakdownOf, totalsByCabinetOf, totalsOf } from './ledger-totals';

const OWNER = 'acc-claire';
const SUBSTITUTE = 'acc-lea';

const completed: ConsultationFact = {
  type: 'ConsultationCompleted',
  data: {
    consultationId: 'cons-1',
    patientId: 'pat-1',
    cabinetId: 'cab-a',
    ownerId: OWNER,
    practitionerId: SUBSTITUTE,
    practitionerRole: 'substitute',
    patientName: 'Jeanne Dupont',
    date: '2026-03-02',
    feeCents: 10_000,
    paymentMethod: 'card',
    retrocessionBasisPoints: 3_000,
  },
};
const corrected = (feeCents: number): ConsultationFact => ({
  type: 'ConsultationFeeCorrected',
  data: { consultationId: 'cons-1', cabinetId: 'cab-a', ownerId: OWNER, feeCents, paymentMethod: 'card' },
});
const deleted: ConsultationFact = { type: 'ConsultationDeleted', data: { consultationId: 'cons-1', cabinetId: 'cab-a', ownerId: OWNER, wasCompleted: true } };

/** Every line the facts wrote, in order, as the ledger holds them. */
function linesAfter(facts: readonly ConsultationFact[]): LedgerLine[] {
  const ledger = facts.reduce<ConsultationLedger | null>(
    (current, fact, index) => evolveConsultationLedger(current, fact, { eventId: `evt-${index}`, recordedAt: `2026-03-0${index + 2}T17:00:00.000Z` }),
    null,
  );
  return [...(ledger?.lines ?? [])];
}
const ofHolder = (lines: readonly LedgerLine[], holderId: string) => lines.filter((line) => line.holderId === holderId);

const manual = (cabinetId: string, kind: 'income' | 'expense', amountCents: number, entryId: string) => ({ entryId, cabinetId, kind, category: 'manual', amountCents }) as const;

describe('ledger totals, net of corrections', () => {
  // 100.00 € at 30 %, corrected up to 150.00 €, then down to 120.00 €: the owner keeps 120.00 − 36.00.
  const lines = linesAfter([completed, corrected(15_000), corrected(12_000)]);

  it('given a fee corrected up then down, then the owner’s receipts are the corrected fee once, and the retroceded fees the corrected share once', () => {
    // What the gross sums said: every income-kind line, counter-entries included.
    const grossIncome = ofHolder(lines, OWNER).filter((line) => line.kind === 'income').reduce((sum, line) => sum + line.amountCents, 0);
    expect(grossIncome).toBe(10_000 + 3_000 + 15_000 + 4_500 + 12_000);

    expect(breakdownOf(ofHolder(lines, OWNER))).toEqual({
      receiptsCents: 12_000,
      receiptsByCategory: { consultationCents: 12_000, retrocessionCents: 0, manualCents: 0 },
      retrocededFeesCents: 3_600,
      otherExpensesCents: 0,
      otherExpensesByCategory: { manualCents: 0 },
      netCents: 8_400,
    });
    expect(totalsOf(ofHolder(lines, OWNER))).toEqual({ incomeCents: 12_000, expenseCents: 3_600, netCents: 8_400 });
  });

  it('given the same corrections, then the substitute received the corrected share once', () => {
    expect(totalsOf(ofHolder(lines, SUBSTITUTE))).toEqual({ incomeCents: 3_600, expenseCents: 0, netCents: 3_600 });
    expect(breakdownOf(ofHolder(lines, SUBSTITUTE)).receiptsByCategory).toEqual({ consultationCents: 0, retrocessionCents: 3_600, manualCents: 0 });
  });

  it('given the consultation deleted after its corrections, then it adds nothing to any figure', () => {
    const afterDeletion = linesAfter([completed, corrected(15_000), corrected(12_000), deleted]);
    expect(totalsOf(ofHolder(afterDeletion, OWNER))).toEqual({ incomeCents: 0, expenseCents: 0, netCents: 0 });
    expect(totalsOf(ofHolder(afterDeletion, SUBSTITUTE))).toEqual({ incomeCents: 0, expenseCents: 0, netCents: 0 });
  });

  it('given manual lines next to the consultation, then they stay in their own category, per cabinet too', () => {
    const ownerLines = [...ofHolder(lines, OWNER), manual('cab-b', 'income', 5_000, 'm-1'), manual('cab-a', 'expense', 12_900, 'm-2'), manual('cab-b', 'expense', 1_000, 'm-3')];
    expect(breakdownOf(ownerLines)).toEqual({
      receiptsCents: 17_000,
      receiptsByCategory: { consultationCents: 12_000, retrocessionCents: 0, manualCents: 5_000 },
      retrocededFeesCents: 3_600,
      otherExpensesCents: 13_900,
      otherExpensesByCategory: { manualCents: 13_900 },
      netCents: 17_000 - 3_600 - 13_900,
    });
    expect(totalsByCabinetOf(ownerLines)).toEqual([
      { cabinetId: 'cab-a', incomeCents: 12_000, expenseCents: 3_600 + 12_900, netCents: 12_000 - 3_600 - 12_900 },
      { cabinetId: 'cab-b', incomeCents: 5_000, expenseCents: 1_000, netCents: 4_000 },
    ]);
    expect(breakdownByCabinetOf(ownerLines).map(({ cabinetId, retrocededFeesCents, otherExpensesCents }) => ({ cabinetId, retrocededFeesCents, otherExpensesCents }))).toEqual([
      { cabinetId: 'cab-a', retrocededFeesCents: 3_600, otherExpensesCents: 12_900 },
      { cabinetId: 'cab-b', retrocededFeesCents: 0, otherExpensesCents: 1_000 },
    ]);
  });

  it('totals nothing as zeros', () => {
    expect(totalsOf([])).toEqual({ incomeCents: 0, expenseCents: 0, netCents: 0 });
    expect(totalsByCabinetOf([])).toEqual([]);
  });

  it('reads which category a counter-entry corrects from its id, and refuses one that names none', () => {
    expect(categoryCorrectedBy({ entryId: 'evt-1:reversal-of-fee' })).toBe('consultation');
    expect(categoryCorrectedBy({ entryId: 'evt-1:reversal-of-retrocession-paid' })).toBe('retrocession');
    expect(() => categoryCorrectedBy({ entryId: 'evt-1:fee' })).toThrow(/names no line/);
    expect(() => categoryCorrectedBy({ entryId: 'evt-1:reversal-of-constructor' })).toThrow(/names no line/);
  });
});
