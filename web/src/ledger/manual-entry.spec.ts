import { formFieldOfApiField, manualEntryBody, manualEntryErrors, type ManualEntryValues } from './manual-entry';

const valid: ManualEntryValues = { kind: 'expense', cabinetId: 'cab-1', date: '2026-12-04', label: ' Table de massage ', amount: '1 234,56', paymentMethod: 'card' };

describe('a manual ledger line', () => {
  it('is sent as cents, the label trimmed', () => {
    expect(manualEntryErrors(valid, ['cab-1'])).toEqual({});
    expect(manualEntryBody(valid)).toEqual({ kind: 'expense', cabinetId: 'cab-1', date: '2026-12-04', label: 'Table de massage', amountCents: 123456, paymentMethod: 'card' });
  });

  it('says what is wrong with each field before anything is sent', () => {
    expect(manualEntryErrors({ kind: '', cabinetId: 'cab-2', date: '2026-02-30', label: '  ', amount: '', paymentMethod: '' }, ['cab-1'])).toEqual({
      kind: 'entry.error.kind',
      cabinetId: 'entry.error.cabinet',
      date: 'entry.error.date',
      label: 'entry.error.labelRequired',
      amount: 'entry.error.amountRequired',
      paymentMethod: 'entry.error.paymentMethod',
    });
    expect(manualEntryErrors({ ...valid, label: 'x'.repeat(201) }, ['cab-1']).label).toBe('entry.error.labelTooLong');
    expect(manualEntryErrors({ ...valid, label: 'x'.repeat(200) }, ['cab-1']).label).toBeUndefined();
    expect(manualEntryErrors({ ...valid, amount: '12,345' }, ['cab-1']).amount).toBe('entry.error.amountFormat');
    expect(manualEntryErrors({ ...valid, amount: '-5' }, ['cab-1']).amount).toBe('entry.error.amountFormat');
    expect(manualEntryErrors({ ...valid, amount: '0,00' }, ['cab-1']).amount).toBe('entry.error.amountPositive');
    expect(manualEntryErrors({ ...valid, amount: '1000000,01' }, ['cab-1']).amount).toBe('entry.error.amountTooLarge');
    expect(manualEntryErrors({ ...valid, amount: '1000000' }, ['cab-1']).amount).toBeUndefined();
  });

  it('maps the API field names to the form', () => {
    expect(formFieldOfApiField('amountCents')).toBe('amount');
    expect(formFieldOfApiField('holderId')).toBeUndefined();
  });
});
