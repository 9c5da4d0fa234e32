import type { LedgerStatement, YearlyStatement } from '../../application/export-ledger/ledger-statement.query';
import { type ReaderLanguage, translatorFor } from '../../application/ledger-language/ledger-catalog';
import { breakdownByCabinetOf, breakdownOf } from '../../domain/ledger-totals';
import { yearFiguresOf } from '../../application/yearly-summary/yearly-summary.query';
import { linesCsv, retrocessionsCsv, totalsCsv, yearlyCsv } from './ledger-csv';
import { linesPdf, yearlyPdf } from './ledger-pdf';
import { textRuns } from './pdf-writer';
import { amountText, dateText } from './reader-formats';
import { textOfPdf } from '../../../../test/support/pdf-text';

const lines: LedgerStatement['lines'] = [
  {
    entryId: 'evt-1:fee',
    date: '2026-03-02',
    cabinetId: 'cab-a',
    cabinetName: 'Cabinet des Lilas',
    kind: 'income',
    category: 'consultation',
    amountCents: 10_000,
    label: 'Consultation — محمد علي',
    paymentMethod: 'card',
    patientName: 'محمد علي',
    consultationId: 'cons-1',
  },
  {
    entryId: 'evt-1:retrocession-paid',
    date: '2026-03-02',
    cabinetId: 'cab-a',
    cabinetName: 'Cabinet des Lilas',
    kind: 'expense',
    category: 'retrocession',
    amountCents: 3_000,
    label: 'Rétrocession versée — 王小明',
    paymentMethod: 'other',
    patientName: '王小明',
    consultationId: 'cons-1',
    counterpartyAccountId: 'acc-lea',
    counterpartyName: 'Léa Petit',
  },
  {
    entryId: 'entry-1',
    date: '2026-03-05',
    cabinetId: 'cab-b',
    cabinetName: '=Cabinet; "B"',
    kind: 'expense',
    category: 'manual',
    amountCents: 123_456,
    label: '=HYPERLINK("http://evil") ; "quoted"',
    paymentMethod: 'transfer',
  },
];

const statementIn = (language: ReaderLanguage): LedgerStatement => ({
  language,
  holder: { accountId: 'acc-claire', name: 'Dr Claire Martin' },
  period: { from: '2026-01-01', to: '2026-12-31' },
  cabinets: 'all',
  printedAt: '2027-01-05T09:00:00.000Z',
  lines,
  breakdown: breakdownOf(lines),
  breakdownByCabinet: breakdownByCabinetOf(lines).map((figures) => ({ ...figures, cabinetName: figures.cabinetId === 'cab-a' ? 'Cabinet des Lilas' : '=Cabinet; "B"' })),
  retrocessions: [{ year: 2026, substituteAccountId: 'acc-lea', substituteName: 'Léa Petit', consultationCount: 1, feesCents: 10_000, retrocededCents: 3_000 }],
});

/** RFC 4180 fields of each row, the way a spreadsheet reads them. */
function parsedCsv(csv: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < csv.length; index++) {
    const character = csv[index];
    if (quoted) {
      if (character === '"' && csv[index + 1] === '"') field += csv[++index];
      else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === separator) {
      row.push(field);
      field = '';
    } else if (character === '\r' && csv[index + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      index++;
    } else field += character;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

describe('CSV exports', () => {
  it('write the lines for a French spreadsheet: BOM, one table with French headers, words, dates as 02/03/2026, decimal commas', () => {
    const csv = linesCsv(statementIn('fr'));
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parsedCsv(csv.slice(1), ';');
    expect(rows[0]).toEqual(['Date', 'Cabinet', 'Nature', 'Catégorie', 'Libellé', 'Patient', 'Mode de règlement', 'Recette', 'Dépense', 'Consultation', 'Contrepartie', 'Écriture']);
    expect(rows.slice(1)).toEqual([
      ['02/03/2026', 'Cabinet des Lilas', 'Recette', 'Consultation', 'Consultation — محمد علي', 'محمد علي', 'carte bancaire', '100,00', '', 'cons-1', '', 'evt-1:fee'],
      ['02/03/2026', 'Cabinet des Lilas', 'Dépense', 'Rétrocession', 'Rétrocession versée — 王小明', '王小明', 'autre', '', '30,00', 'cons-1', 'Léa Petit', 'evt-1:retrocession-paid'],
      // Text a spreadsheet would run as a formula is defused; separators and quotes stay inside their field.
      ['05/03/2026', '\'=Cabinet; "B"', 'Dépense', 'Saisie manuelle', '\'=HYPERLINK("http://evil") ; "quoted"', '', 'virement', '', '1234,56', '', '', 'entry-1'],
    ]);
    // One table: every row as wide as the header, nothing after it.
    expect(rows.every((row) => row.length === rows[0].length)).toBe(true);
  });

  it('write the lines for an English reader: commas between fields, ISO dates, decimal points', () => {
    const rows = parsedCsv(linesCsv(statementIn('en')).slice(1), ',');
    expect(rows[0]).toEqual(['Date', 'Practice', 'Kind', 'Category', 'Label', 'Patient', 'Payment method', 'Income', 'Expense', 'Consultation', 'Counterparty', 'Entry']);
    expect(rows[1]).toEqual(['2026-03-02', 'Cabinet des Lilas', 'Income', 'Consultation', 'Consultation — محمد علي', 'محمد علي', 'card', '100.00', '', 'cons-1', '', 'evt-1:fee']);
    expect(rows[3][8]).toBe('1234.56');
  });

  it('write the totals net of corrections as their own table: the scope, then each cabinet', () => {
    const rows = parsedCsv(totalsCsv(statementIn('fr')).slice(1), ';');
    expect(rows[0]).toEqual([
      'Cabinet',
      'Recettes : consultations',
      'Recettes : rétrocessions reçues',
      'Recettes : saisies manuelles',
      'Recettes encaissées',
      'Honoraires rétrocédés',
      'Autres dépenses',
      'Résultat',
    ]);
    expect(rows[1]).toEqual(['Tous les cabinets', '100,00', '0,00', '0,00', '100,00', '30,00', '1234,56', '-1164,56']);
    expect(rows.slice(2).map((row) => row[0])).toEqual(['Cabinet des Lilas', '\'=Cabinet; "B"']);
  });

  it('write the retrocessions per substitute (DAS2) as their own table', () => {
    expect(parsedCsv(retrocessionsCsv(statementIn('fr')).slice(1), ';')).toEqual([
      ['Année', 'Remplaçant', 'Consultations', 'Honoraires', 'Rétrocédé'],
      ['2026', 'Léa Petit', '1', '100,00', '30,00'],
    ]);
  });

  it('write the yearly 2035 figures, the year then each month, as one table', () => {
    const statement: YearlyStatement = {
      ...statementIn('fr'),
      period: { from: '2026-01-01', to: '2026-12-31' },
      year: 2026,
      allCabinets: yearFiguresOf(lines, 2026),
      byCabinet: [],
      das2: [],
    };
    const rows = parsedCsv(yearlyCsv(statement).slice(1), ';');
    expect(rows[0].slice(0, 2)).toEqual(['Cabinet', 'Période']);
    expect(rows.map((row) => row[1])).toEqual(['Période', 'Année 2026', ...['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'].map((month) => `${month} 2026`)]);
    expect(rows[4]).toEqual(['Tous les cabinets', 'mars 2026', '100,00', '0,00', '0,00', '100,00', '30,00', '1234,56', '-1164,56']);
  });
});

describe('PDF exports', () => {
  it('embed DejaVu Sans and Noto Sans SC, are tagged with their language, and print every name', async () => {
    for (const language of ['fr', 'en'] as const) {
      const pdf = await linesPdf(statementIn(language));
      const source = pdf.toString('latin1');
      expect(source).toContain(`/Lang (${language === 'fr' ? 'fr-FR' : 'en-GB'})`);
      expect(source).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
      expect(source).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold/);
      expect(source).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
      // The font programs themselves are in the file, not only their names.
      expect(source.match(/\/FontFile2 \d+ 0 R/g)?.length).toBe(3);
      expect(source).not.toMatch(/\/BaseFont \/Helvetica/);
    }
    const text = textOfPdf(await linesPdf(statementIn('fr')));
    expect(text).toContain('Livre-journal de Dr Claire Martin');
    expect(text).toContain('Du 01/01/2026 au 31/12/2026 · Tous les cabinets');
    expect(text).toContain('Cabinet : Cabinet des Lilas · Du 01/01/2026 au 31/12/2026');
    expect(text).toContain('Mode de règlement');
    expect(text).toContain('carte bancaire');
    expect(text).toContain('王小明');
    expect(text).toContain('Léa Petit');
    expect(text).toContain('1\u00a0234,56');
    expect(textOfPdf(await linesPdf(statementIn('en')))).toContain('Ledger of Dr Claire Martin');
  });

  it('print a yearly summary with its 2035 figures and its DAS2', async () => {
    const statement: YearlyStatement = { ...statementIn('en'), year: 2026, allCabinets: yearFiguresOf(lines, 2026), byCabinet: [], das2: statementIn('en').retrocessions };
    const text = textOfPdf(await yearlyPdf(statement));
    expect(text).toContain('Yearly summary 2026 of Dr Claire Martin (2035 and DAS2)');
    expect(text).toContain('March 2026');
    expect(text).toContain('DAS2: retrocessions per substitute');
    expect(text).toContain('Léa Petit');
  });
});

describe('text runs and reader formats', () => {
  it('cut text where the script changes, spaces staying with their run', () => {
    expect(textRuns('Consultation — 王小明 et محمد علي')).toEqual([
      { text: 'Consultation — ', script: 'other' },
      { text: '王小明 ', script: 'han' },
      { text: 'et ', script: 'other' },
      { text: 'محمد علي', script: 'arabic' },
    ]);
  });

  it.each([
    ['fr', 0, '0,00', '0,00'],
    ['fr', 5, '0,05', '0,05'],
    ['fr', -116_456, '-1164,56', '-1\u00a0164,56'],
    ['en', 123_456_789, '1234567.89', '1,234,567.89'],
  ] as const)('%s: %i cents is %s (%s in print)', (language, cents, plain, grouped) => {
    expect(amountText(cents, language)).toBe(plain);
    expect(amountText(cents, language, { grouped: true })).toBe(grouped);
  });

  it('write dates as 04/12/2026 in French, ISO in English', () => {
    expect(dateText('2026-12-04', 'fr')).toBe('04/12/2026');
    expect(dateText('2026-12-04', 'en')).toBe('2026-12-04');
    expect(translatorFor('fr')('heading.between', { from: '01/01/2026', to: '31/12/2026' })).toBe('Du 01/01/2026 au 31/12/2026');
  });
});
