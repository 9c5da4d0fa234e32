import type { ReaderLanguage } from '../../application/ledger-language/ledger-catalog';

/**
 * One table as CSV, written as a spreadsheet of the reader's language opens it without an
 * import dialog:
 * - French: `;` between fields, as a French Excel or LibreOffice expects, since the comma is the
 *   decimal separator there ("100,00"); English: `,` and a decimal point;
 * - UTF-8 with a byte-order mark in both, without which Excel reads UTF-8 as Windows-1252 (é → Ã©);
 * - CRLF line ends and RFC 4180 quoting; the header on the first row, nothing but the table.
 */
export function csvTable(language: ReaderLanguage, header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const separator = language === 'fr' ? ';' : ',';
  const lines = [header.map(text), ...rows.map((row) => row.map((cell) => (typeof cell === 'string' ? text(cell) : cell.number)))];
  return `\ufeff${lines.map((line) => line.map((field) => quoted(field, separator)).join(separator)).join('\r\n')}\r\n`;
}

/** Free text, or a number already written in the reader's form (kept as it is: a negative net stays a number). */
export type Cell = string | { readonly number: string };

/**
 * Free text (labels, names) that a spreadsheet would run as a formula if it began with = + - @
 * or a tab (CSV injection): a leading apostrophe makes it plain text.
 */
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quoted(field: string, separator: string): string {
  return field.includes(separator) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
