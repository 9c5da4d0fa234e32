import { balanceTone, categoryKey, isCounterEntry, kindKey, paymentMethodKey, cabinetTotalsRows, sumOf } from './ledger-display';
import fr from '../i18n/locales/fr/ledger.json';
import en from '../i18n/locales/en/ledger.json';

describe('ledger display', () => {
  it('names every kind, category and payment method in both languages', () => {
    const keys = [
      ...['income', 'expense', 'refund'].map(kindKey),
      ...['consultation', 'retrocession', 'manual', 'correction', 'other'].map(categoryKey),
      ...['cash', 'cheque', 'card', 'transfer', 'other', 'bitcoin'].map(paymentMethodKey),
    ];
    for (const key of keys) {
      expect((fr as Record<string, string>)[key]).toBeTruthy();
      expect((en as Record<string, string>)[key]).toBeTruthy();
    }
    expect(categoryKey('correction')).toBe('category.correction');
    expect(paymentMethodKey('bitcoin')).toBe('payment.other');
    expect((fr as Record<string, string>)['payment.cheque']).toBe('Chèque');
  });

  it('marks counter-entries', () => {
    expect(isCounterEntry({ category: 'correction' })).toBe(true);
    expect(isCounterEntry({ category: 'consultation' })).toBe(false);
  });

  it('gives a balance its tone', () => {
    expect(balanceTone(1)).toBe('positive');
    expect(balanceTone(-1)).toBe('negative');
    expect(balanceTone(0)).toBe('zero');
  });

  it('names and orders the totals per cabinet', () => {
    const names: Record<string, string> = { a: 'Cabinet Vauban', b: 'Cabinet Alésia' };
    const rows = cabinetTotalsRows(
      [
        { cabinetId: 'x', incomeCents: 1, expenseCents: 0, netCents: 1 },
        { cabinetId: 'a', incomeCents: 2, expenseCents: 0, netCents: 2 },
        { cabinetId: 'b', incomeCents: 3, expenseCents: 1, netCents: 2 },
      ],
      (id) => names[id],
      'Cabinet fermé',
      'fr',
    );
    expect(rows.map((row) => row.name)).toEqual(['Cabinet Alésia', 'Cabinet Vauban', 'Cabinet fermé']);
    expect(sumOf(rows, (row) => row.incomeCents)).toBe(6);
  });
});
