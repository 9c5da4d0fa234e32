import { contractCheckOf } from './contract-schemas';

describe('contractCheckOf', () => {
  const manualEntry = contractCheckOf('ManualEntryRecorded', 1);
  const entry = { entryId: 'e-1', holderId: 'acc-1', cabinetId: 'cab-1', date: '2026-03-02', kind: 'income', label: 'Atelier', amountCents: 4_000, paymentMethod: 'card' };

  it('given data that keeps its contract, then it finds nothing wrong', () => {
    expect(manualEntry(entry)).toBeNull();
  });

  it('given data that breaks its contract, then it names each field at fault once', () => {
    expect(manualEntry({ ...entry, amountCents: -100, date: '2026-02-30' })).toBe('invalid date, amountCents');
    expect(manualEntry({ ...entry, label: '   ' })).toBe('invalid label');
    const { holderId, ...withoutHolder } = entry;
    expect(manualEntry({ ...withoutHolder, note: 'x' })).toBe('invalid holderId, note (not in the contract)');
  });

  it('compiles each contract once, however many consumers ask for it', () => {
    expect(contractCheckOf('ManualEntryRecorded', 1)).toBe(manualEntry);
  });

  it('given a type or version no contract describes, then it throws at once', () => {
    expect(() => contractCheckOf('ManualEntryRecorded', 2)).toThrow(/ManualEntryRecorded version 2/);
  });
});
