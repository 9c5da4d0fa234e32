import type { LedgerStatement } from '../../application/export-ledger/ledger-statement.query';
import { euros } from './euros';
import { ledgerCsv } from './ledger-csv';

const statement: LedgerStatement = {
  holder: { accountId: 'acc-claire', name: 'Dr Claire Martin' },
  period: { from: '2026-01-01', to: '2026-12-31' },
  cabinets: 'all',
  lines: [
    {
      entryId: 'evt-1:fee',
      date: '2026-03-02',
      cabinetId: 'cab-a',
      cabinetName: 'Cabinet A',
      kind: 'income',
      category: 'consultation',
      amountCents: 10_000,
      label: 'Consultation — Jeanne Dupont',
      paymentMethod: 'card',
      patientName: 'Jeanne Dupont',
      consultationId: 'cons-1',
    },
    {
      entryId: 'evt-1:retrocession-paid',
      date: '2026-03-02',
      cabinetId: 'cab-a',
      cabinetName: 'Cabinet A',
      kind: 'expense',
      category: 'retrocession',
      amountCents: 3_000,
      label: 'Retrocession — Jeanne Dupont',
      paymentMethod: 'other',
      patientName: 'Jeanne Dupont',
      consultationId: 'cons-1',
      counterpartyAccountId: 'acc-lea',
      counterpartyName: 'Léa Petit',
    },
    {
      entryId: 'entry-1',
      date: '2026-03-05',
      cabinetId: 'cab-a',
      cabinetName: 'Cabinet A',
      kind: 'expense',
      category: 'manual',
      amountCents: 123_456,
      label: '=HYPERLINK("http://evil") ; "quoted"',
      paymentMethod: 'transfer',
    },
  ],
  totals: { incomeCents: 10_000, expenseCents: 126_456, netCents: -116_456 },
  totalsByCabinet: [{ cabinetId: 'cab-a', cabinetName: 'Cabinet A', incomeCents: 10_000, expenseCents: 126_456, netCents: -116_456 }],
  retrocessions: [{ year: 2026, substituteAccountId: 'acc-lea', substituteName: 'Léa Petit', consultationCount: 1, feesCents: 10_000, retrocededCents: 3_000 }],
  printedAt: '2027-01-05T09:00:00.000Z',
};

describe('ledger CSV for French spreadsheets', () => {
  const csv = ledgerCsv(statement);
  const rows = csv.slice(1).split('\r\n');

  it('starts with a UTF-8 byte-order mark so that Excel reads the accents', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('has a header row, then one `;`-separated row per line, amounts in euros with a decimal comma', () => {
    expect(rows[0]).toBe('Date;Practice;Kind;Category;Label;Patient;Payment method;Income (EUR);Expense (EUR);Consultation;Counterparty;Entry');
    expect(rows[1]).toBe('2026-03-02;Cabinet A;income;consultation;Consultation — Jeanne Dupont;Jeanne Dupont;card;100,00;;cons-1;;evt-1:fee');
    expect(rows[2]).toBe('2026-03-02;Cabinet A;expense;retrocession;Retrocession — Jeanne Dupont;Jeanne Dupont;other;;30,00;cons-1;Léa Petit;evt-1:retrocession-paid');
  });

  it('quotes what holds a separator or a quote, and defuses text a spreadsheet would run as a formula', () => {
    expect(rows[3]).toBe('2026-03-05;Cabinet A;expense;manual;"\'=HYPERLINK(""http://evil"") ; ""quoted""";;transfer;;1234,56;;;entry-1');
  });

  it('follows with the totals, overall and per cabinet, the net signed', () => {
    expect(rows.slice(4, 8)).toEqual(['', 'Totals;Income (EUR);Expense (EUR);Net (EUR)', 'All lines shown;100,00;1264,56;-1164,56', 'Cabinet A;100,00;1264,56;-1164,56']);
  });

  it('ends with the yearly retrocession summary per substitute', () => {
    expect(rows.slice(8)).toEqual(['', 'Retrocession summary (DAS2);Substitute;Consultations;Fees (EUR);Retroceded (EUR)', '2026;Léa Petit;1;100,00;30,00', '']);
  });
});

describe('euros', () => {
  it.each([
    [0, '0,00'],
    [5, '0,05'],
    [10_000, '100,00'],
    [-116_456, '-1164,56'],
    [100_000_000, '1000000,00'],
  ])('%i cents is %s', (cents, shown) => expect(euros(cents)).toBe(shown));

  it('groups thousands with no-break spaces when asked, for print', () => {
    expect(euros(123_456_789, { grouped: true })).toBe('1\u00a0234\u00a0567,89');
    expect(euros(-99_999, { grouped: true })).toBe('-999,99');
  });
});
