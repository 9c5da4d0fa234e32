import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { ReaderLanguage } from '../../application/ledger-language/ledger-catalog';

/**
 * A printable table document (A4 landscape, pages numbered) whose text prints any name:
 * DejaVu Sans covers Latin, accented letters, Greek, Cyrillic and Arabic; Noto Sans SC covers
 * Chinese (and the Japanese kana). No single font covers both, so every piece of text is cut
 * into runs, each drawn in the font that has its glyphs; an Arabic run is drawn on its own so
 * that it is shaped and set right to left. Both fonts come from npm packages and are embedded
 * (subset to the glyphs used): the file prints the same on any machine. The document carries
 * its language (/Lang), which screen readers and text extraction use.
 */
const MARGIN = 36;
const ROW_HEIGHT = 15;
const FONT_SIZE = 8.5;
/** Where the baseline lies below the top of a line, in font sizes: DejaVu Sans's ascent. */
const BASELINE_FROM_TOP = 0.93;
const HEADER_LINE_HEIGHT = 10.5;

type FontName = 'regular' | 'bold' | 'chinese';

/** Read once per process: Noto Sans SC is 11 MB, too much to read for every export. */
let fontFiles: Readonly<Record<FontName, Buffer>> | undefined;
function fonts(): Readonly<Record<FontName, Buffer>> {
  fontFiles ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
    chinese: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
  };
  return fontFiles;
}

const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff01-\uff60]/u;
const ARABIC = /\p{Script=Arabic}/u;
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;

type Script = 'han' | 'arabic' | 'other';
export type TextRun = { readonly text: string; readonly script: Script };

/** Cuts text where the script changes; spaces and punctuation stay with the run they are in. */
export function textRuns(text: string): TextRun[] {
  const runs: { text: string; script: Script }[] = [];
  for (const character of text) {
    const script: Script | null = HAN.test(character) ? 'han' : ARABIC.test(character) ? 'arabic' : NEUTRAL.test(character) ? null : 'other';
    const current = runs[runs.length - 1];
    if (current !== undefined && (script === null || script === current.script)) current.text += character;
    else runs.push({ text: character, script: script ?? 'other' });
  }
  return runs;
}

/**
 * An Arabic run is shaped and set right to left by the font engine one word at a time: given
 * several words at once, it lost the spaces between them. Its words are drawn one by one, the
 * last one leftmost, which is how a right-to-left name reads inside a left-to-right line.
 */
function inDrawingOrder(run: TextRun): TextRun[] {
  if (run.script !== 'arabic' || !/\s/.test(run.text.trim())) return [run];
  const [, leading, words, trailing] = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text)!;
  const pieces = words.split(/(\s+)/).reverse().map((text): TextRun => ({ text, script: /^\s+$/.test(text) ? 'other' : 'arabic' }));
  return [{ text: leading, script: 'other' as const }, ...pieces, { text: trailing, script: 'other' as const }].filter((piece) => piece.text !== '');
}

export type Column = { readonly title: string; readonly width: number; readonly align?: 'right' };

export class PdfWriter {
  readonly document: PDFKit.PDFDocument;
  private readonly rendered: Promise<Buffer>;
  private y = MARGIN;

  constructor(language: ReaderLanguage, info: { readonly title: string; readonly author: string; readonly subject: string }) {
    this.document = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      bufferPages: true,
      lang: language === 'fr' ? 'fr-FR' : 'en-GB',
      displayTitle: true,
      info: { Title: info.title, Author: info.author, Subject: info.subject, Creator: 'Osteo platform' },
    });
    const files = fonts();
    this.document.registerFont('DejaVuSans', files.regular);
    this.document.registerFont('DejaVuSans-Bold', files.bold);
    this.document.registerFont('NotoSansSC', files.chinese);
    this.rendered = collect(this.document);
  }

  title(text: string, lines: readonly string[]): void {
    this.draw(text, MARGIN, this.y, { size: 16, bold: true });
    this.y += 24;
    for (const line of lines) {
      this.draw(line, MARGIN, this.y, { size: 10 });
      this.y += 14;
    }
    this.y += 8;
  }

  heading(text: string): void {
    this.makeRoom(3 * ROW_HEIGHT);
    this.draw(text, MARGIN, this.y, { size: 11, bold: true });
    this.y += ROW_HEIGHT + 4;
  }

  table(columns: readonly Column[], rows: readonly (readonly string[])[], whenEmpty?: string): void {
    this.makeRoom(2 * ROW_HEIGHT);
    this.header(columns);
    if (rows.length === 0 && whenEmpty !== undefined) {
      this.draw(whenEmpty, MARGIN + 2, this.y + 3, { size: FONT_SIZE });
      this.y += ROW_HEIGHT;
    }
    for (const cells of rows) {
      if (this.y + ROW_HEIGHT > this.bottom()) {
        this.document.addPage();
        this.y = MARGIN;
        this.header(columns);
      }
      this.row(columns, cells, false);
    }
    this.y += ROW_HEIGHT;
  }

  /** Numbers the pages ("Page 1 / 3" in the reader's words) and closes the document. */
  end(pageNumber: (page: number, count: number) => string): Promise<Buffer> {
    const { start, count } = this.document.bufferedPageRange();
    for (let page = start; page < start + count; page++) {
      this.document.switchToPage(page);
      // The footer lies in the bottom margin, where pdfkit would otherwise start a new page.
      this.document.page.margins.bottom = 0;
      const text = pageNumber(page - start + 1, count);
      this.draw(text, MARGIN, this.document.page.height - MARGIN, { size: 8, width: this.document.page.width - 2 * MARGIN, align: 'right' });
    }
    this.document.end();
    return this.rendered;
  }

  /** Headings wrap on two lines where one is too narrow ("Honoraires / rétrocédés"), the rest of a table on one. */
  private header(columns: readonly Column[]): void {
    const titles = columns.map((column) => this.wrapped(column.title, column.width - 4));
    const lineCount = Math.max(...titles.map((lines) => lines.length));
    for (let line = 0; line < lineCount; line++) {
      // Bottom-aligned: a one-line heading sits on the last line, next to the end of a two-line one.
      this.row(columns, titles.map((lines) => lines[line - (lineCount - lines.length)] ?? ''), true, HEADER_LINE_HEIGHT);
    }
    this.y += ROW_HEIGHT - HEADER_LINE_HEIGHT;
    const width = columns.reduce((sum, column) => sum + column.width, 0);
    this.document.moveTo(MARGIN, this.y - 2).lineTo(MARGIN + width, this.y - 2).lineWidth(0.5).stroke();
  }

  /** At most two lines of words that fit `width`; what does not fit the second is cut with an ellipsis when drawn. */
  private wrapped(title: string, width: number): string[] {
    const fits = (text: string) => this.document.font('DejaVuSans-Bold').fontSize(FONT_SIZE).widthOfString(text) <= width;
    if (fits(title)) return [title];
    const words = title.split(' ');
    let first = words[0];
    let index = 1;
    while (index < words.length && fits(`${first} ${words[index]}`)) first += ` ${words[index++]}`;
    return index < words.length ? [first, words.slice(index).join(' ')] : [first];
  }

  private row(columns: readonly Column[], cells: readonly string[], bold: boolean, height = ROW_HEIGHT): void {
    let x = MARGIN;
    columns.forEach((column, index) => {
      // One line per row: a long label is cut with an ellipsis rather than pushing the table apart.
      this.draw(cells[index] ?? '', x + 2, this.y + 3, { size: FONT_SIZE, bold, width: column.width - 4, align: column.align });
      x += column.width;
    });
    this.y += height;
  }

  /** Draws text run by run, each in its font, cut with an ellipsis to `width` when given. */
  private draw(text: string, x: number, y: number, options: { readonly size: number; readonly bold?: boolean; readonly width?: number; readonly align?: 'right' }): void {
    const fontOf = (run: TextRun) => (run.script === 'han' ? 'NotoSansSC' : options.bold ? 'DejaVuSans-Bold' : 'DejaVuSans');
    const widthOf = (runs: readonly TextRun[]) => runs.reduce((sum, run) => sum + this.document.font(fontOf(run)).fontSize(options.size).widthOfString(run.text), 0);
    let runs = textRuns(text);
    if (options.width !== undefined && widthOf(runs) > options.width) {
      const characters = [...text];
      do {
        characters.pop();
        runs = textRuns(`${characters.join('').trimEnd()}…`);
      } while (characters.length > 0 && widthOf(runs) > options.width);
    }
    runs = runs.flatMap(inDrawingOrder);
    let runX = options.align === 'right' && options.width !== undefined ? x + options.width - widthOf(runs) : x;
    // Every run on one baseline: from the top (pdfkit's default), fonts of other ascents would not line up.
    const baseline = y + options.size * BASELINE_FROM_TOP;
    for (const run of runs) {
      this.document.font(fontOf(run)).fontSize(options.size).text(run.text, runX, baseline, { lineBreak: false, baseline: 'alphabetic' });
      runX += this.document.widthOfString(run.text);
    }
  }

  private makeRoom(height: number): void {
    if (this.y + height > this.bottom()) {
      this.document.addPage();
      this.y = MARGIN;
    }
  }

  private bottom(): number {
    return this.document.page.height - MARGIN - ROW_HEIGHT;
  }
}

function collect(document: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
}
