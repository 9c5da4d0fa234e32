import { specFor } from '@osteo/event-sourcing/decider-spec';
import { ledgerDecider, manualEntryLine, type LedgerCommand, type LedgerEvent, type ManualEntry } from './ledger';

const metadata = { now: new Date('2026-03-02T08:30:00.000Z') };
const HOLDER = 'acc-claire';

const entry: ManualEntry = {
  entryId: 'entry-1',
  holderId: HOLDER,
  cabinetId: 'cab-lyon',
  date: '2026-03-02',
  kind: 'expense',
  label: 'Table de massage',
  amountCents: 129_900,
  paymentMethod: 'card',
};

const record = (data: ManualEntry): LedgerCommand => ({ type: 'RecordManualEntry', data, metadata });
const recorded = (data: ManualEntry): LedgerEvent => ({ type: 'ManualEntryRecorded', data });

describe('ledger decider', () => {
  const spec = specFor(ledgerDecider);

  it('given an empty ledger, when its holder records an expense, then the entry is recorded', () => {
    spec.given([]).when(record(entry)).then([recorded(entry)]);
  });

  it('given a ledger with entries, when its holder records an income, then it is recorded after them', () => {
    const income = { ...entry, entryId: 'entry-2', kind: 'income' as const, label: 'Atelier de prévention', amountCents: 25_000, paymentMethod: 'transfer' as const };
    spec.given([recorded(entry)]).when(record(income)).then([recorded(income)]);
  });

  it('given a holder’s ledger, when an entry names another holder, then LEDGER.NOT_HOLDER', () => {
    spec.given([recorded(entry)]).when(record({ ...entry, entryId: 'entry-2', holderId: 'acc-other' })).thenThrows('LEDGER.NOT_HOLDER');
  });

  describe('rejects what no ledger line may be', () => {
    it.each([
      ['a zero amount', { amountCents: 0 }, 'LEDGER.INVALID_AMOUNT'],
      ['a negative amount', { amountCents: -500 }, 'LEDGER.INVALID_AMOUNT'],
      ['a fraction of a cent', { amountCents: 10.5 }, 'LEDGER.INVALID_AMOUNT'],
      ['an amount past the largest', { amountCents: 100_000_001 }, 'LEDGER.INVALID_AMOUNT'],
      ['a day that does not exist', { date: '2026-02-30' }, 'LEDGER.INVALID_DATE'],
      ['a blank label', { label: '   ' }, 'LEDGER.INVALID_LABEL'],
      ['a label of 201 characters', { label: 'x'.repeat(201) }, 'LEDGER.INVALID_LABEL'],
      ['an unknown kind', { kind: 'gift' }, 'LEDGER.INVALID_KIND'],
      ['an unknown payment method', { paymentMethod: 'bitcoin' }, 'LEDGER.INVALID_PAYMENT_METHOD'],
    ])('%s', (_case, change, code) => {
      spec.given([]).when(record({ ...entry, ...(change as Partial<ManualEntry>) })).thenThrows(code);
    });
  });

  it('writes a manual entry as one line of category manual, ordered by when it was recorded', () => {
    expect(manualEntryLine(entry, { eventId: 'evt-9', recordedAt: '2026-03-02T08:30:00.000Z' })).toEqual({
      ...entry,
      category: 'manual',
      recordedAt: '2026-03-02T08:30:00.000Z',
      orderingKey: '2026-03-02T08:30:00.000Z|evt-9|00',
    });
  });
});
