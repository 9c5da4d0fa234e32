import PDFDocument from 'pdfkit';
import type { LedgerStatement } from '../../application/export-ledger/ledger-statement.query';
import { euros } from './euros';

/**
 * The printable ledger (PRODUCT.md: "export as CSV and PDF, the printable table"): a title
 * naming the holder, the period and the cabinet filter; the table of lines, its header
 * repeated on every page; the totals, overall and per cabinet; the yearly retrocession summary
 * per substitute. A4 landscape, the standard Helvetica (no font file to ship), pages numbered.
 */
const MARGIN = 36;
const ROW_HEIGHT = 15;
const FONT_SIZE = 8.5;

type Column = { readonly title: string; readonly width: number; readonly align?: 'right' };

const lineColumns: readonly Column[] = [
  { title: 'Date', width: 58 },
  { title: 'Practice', width: 110 },
  { title: 'Category', width: 70 },
  { title: 'Label', width: 262 },
  { title: 'Payment', width: 56 },
  { title: 'Counterparty', width: 94 },
  { title: 'Income (€)', width: 60, align: 'right' },
  { title: 'Expense (€)', width: 60, align: 'right' },
];
const totalsColumns: readonly Column[] = [
  { title: 'Totals', width: 250 },
  { title: 'Income (€)', width: 80, align: 'right' },
  { title: 'Expense (€)', width: 80, align: 'right' },
  { title: 'Net (€)', width: 80, align: 'right' },
];
const retrocessionColumns: readonly Column[] = [
  { title: 'Year', width: 50 },
  { title: 'Substitute', width: 200 },
  { title: 'Consultations', width: 80, align: 'right' },
  { title: 'Fees (€)', width: 80, align: 'right' },
  { title: 'Retroceded (€)', width: 80, align: 'right' },
];

export function ledgerPdf(statement: LedgerStatement): Promise<Buffer> {
  const title = `Ledger of ${statement.holder.name}`;
  const document = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: title, Author: statement.holder.name, Subject: `${periodText(statement)} · ${cabinetText(statement)}`, Creator: 'Osteo platform' },
  });
  const rendered = collect(document);

  document.font('Helvetica-Bold').fontSize(16).text(title, MARGIN, MARGIN);
  document.font('Helvetica').fontSize(10).text(`${periodText(statement)} · ${cabinetText(statement)}`).text(`Printed ${statement.printedAt.slice(0, 10)}`);
  document.moveDown();
  const table = new TableWriter(document);

  table.write(
    lineColumns,
    statement.lines.map((line) => [
      line.date,
      line.cabinetName,
      line.category,
      line.label,
      line.paymentMethod,
      line.counterpartyName ?? '',
      line.kind === 'income' ? euros(line.amountCents, { grouped: true }) : '',
      line.kind === 'expense' ? euros(line.amountCents, { grouped: true }) : '',
    ]),
    'No line in this period.',
  );
  table.gap();
  const totalsRow = (name: string, totals: { incomeCents: number; expenseCents: number; netCents: number }) => [
    name,
    euros(totals.incomeCents, { grouped: true }),
    euros(totals.expenseCents, { grouped: true }),
    euros(totals.netCents, { grouped: true }),
  ];
  table.write(totalsColumns, [
    totalsRow('All lines shown', statement.totals),
    ...statement.totalsByCabinet.map((totals) => totalsRow(totals.cabinetName, totals)),
  ]);
  table.gap();
  table.heading('Retrocessions per substitute and year (DAS2)');
  table.write(
    retrocessionColumns,
    statement.retrocessions.map((row) => [
      String(row.year),
      row.substituteName,
      String(row.consultationCount),
      euros(row.feesCents, { grouped: true }),
      euros(row.retrocededCents, { grouped: true }),
    ]),
    'No retrocession in these years.',
  );

  numberPages(document);
  document.end();
  return rendered;
}

/** Writes tables row by row, starting a new page (with the header again) where one is full. */
class TableWriter {
  private y: number;

  constructor(private readonly document: PDFKit.PDFDocument) {
    this.y = document.y;
  }

  write(columns: readonly Column[], rows: readonly (readonly string[])[], whenEmpty?: string): void {
    this.header(columns);
    if (rows.length === 0 && whenEmpty !== undefined) this.note(whenEmpty);
    for (const cells of rows) {
      if (this.y + ROW_HEIGHT > this.bottom()) {
        this.document.addPage();
        this.y = MARGIN;
        this.header(columns);
      }
      this.row(columns, cells, 'Helvetica');
    }
  }

  heading(title: string): void {
    this.document.font('Helvetica-Bold').fontSize(11).text(title, MARGIN, this.y, { lineBreak: false });
    this.y += ROW_HEIGHT + 4;
  }

  gap(): void {
    this.y += ROW_HEIGHT;
    if (this.y + 3 * ROW_HEIGHT > this.bottom()) {
      this.document.addPage();
      this.y = MARGIN;
    }
  }

  private note(text: string): void {
    this.document.font('Helvetica-Oblique').fontSize(FONT_SIZE).text(text, MARGIN + 2, this.y + 3, { lineBreak: false });
    this.y += ROW_HEIGHT;
  }

  private header(columns: readonly Column[]): void {
    this.row(columns, columns.map((column) => column.title), 'Helvetica-Bold');
    const width = columns.reduce((sum, column) => sum + column.width, 0);
    this.document.moveTo(MARGIN, this.y - 2).lineTo(MARGIN + width, this.y - 2).lineWidth(0.5).stroke();
  }

  private row(columns: readonly Column[], cells: readonly string[], font: string): void {
    this.document.font(font).fontSize(FONT_SIZE);
    let x = MARGIN;
    columns.forEach((column, index) => {
      // One line per row: a long label is cut with an ellipsis rather than pushing the table apart.
      this.document.text(cells[index] ?? '', x + 2, this.y + 3, { width: column.width - 4, height: ROW_HEIGHT, align: column.align ?? 'left', lineBreak: false, ellipsis: true });
      x += column.width;
    });
    this.y += ROW_HEIGHT;
  }

  private bottom(): number {
    return this.document.page.height - MARGIN - ROW_HEIGHT;
  }
}

function numberPages(document: PDFKit.PDFDocument): void {
  const { start, count } = document.bufferedPageRange();
  for (let page = start; page < start + count; page++) {
    document.switchToPage(page);
    // The footer lies in the bottom margin, where pdfkit would otherwise start a new page.
    document.page.margins.bottom = 0;
    document
      .font('Helvetica')
      .fontSize(8)
      .text(`Page ${page - start + 1} / ${count}`, MARGIN, document.page.height - MARGIN, { width: document.page.width - 2 * MARGIN, align: 'right', lineBreak: false });
  }
}

const periodText = ({ period }: LedgerStatement): string => {
  if (period.from !== undefined && period.to !== undefined) return `From ${period.from} to ${period.to}`;
  if (period.from !== undefined) return `From ${period.from}`;
  if (period.to !== undefined) return `Up to ${period.to}`;
  return 'Every date';
};

const cabinetText = ({ cabinets }: LedgerStatement): string =>
  cabinets === 'all' ? 'All practices' : `${cabinets.length === 1 ? 'Practice' : 'Practices'}: ${cabinets.map((cabinet) => cabinet.name).join(', ')}`;

function collect(document: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
}
