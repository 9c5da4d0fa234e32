import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { type Machine, machineSummary } from './machine';

/** What one benchmark found: its figures next to the baseline measured in the same run. */
export interface BenchmarkReport {
  readonly title: string;
  /** The settings both sides ran with, one per line, so a reader can judge the fairness. */
  readonly settings: readonly string[];
  readonly table: Table;
  /** Ratios against their targets, stated plainly. */
  readonly verdicts: readonly string[];
}

export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export function ratioVerdict(what: string, ratio: number, target: number): string {
  const outcome = ratio >= target ? 'met' : 'NOT met';
  return `${what}: ${ratio.toFixed(2)} (target ≥ ${target}: ${outcome})`;
}

/** Thousands separated by a thin space, so large rates stay readable in any locale. */
export function formatCount(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

export function formatMs(value: number): string {
  return value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(1)} ms`;
}

export function renderMarkdown(report: BenchmarkReport, machine: Machine): string {
  return [
    `### ${report.title}`,
    '',
    `Measured on ${machineSummary(machine)}.`,
    '',
    ...renderTable(report.table),
    '',
    ...report.verdicts.map((verdict) => `- ${verdict}`),
    '',
    'Settings:',
    '',
    ...report.settings.map((setting) => `- ${setting}`),
  ].join('\n');
}

function renderTable({ headers, rows }: Table): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)];
}

const sectionStart = (id: string) => `<!-- generated:${id} -->`;
const sectionEnd = (id: string) => `<!-- /generated:${id} -->`;

/**
 * Rewrites the generated section of one benchmark only, so that running one benchmark keeps the
 * others' figures and the hand-written text around them. A section the document does not have
 * yet is appended at its end.
 */
export function writeGeneratedSection(documentPath: string, id: string, markdown: string): void {
  const document = existsSync(documentPath) ? readFileSync(documentPath, 'utf8') : '# Benchmarks\n';
  const block = `${sectionStart(id)}\n${markdown}\n${sectionEnd(id)}`;
  const start = document.indexOf(sectionStart(id));
  const end = document.indexOf(sectionEnd(id));
  writeFileSync(
    documentPath,
    start >= 0 && end > start
      ? document.slice(0, start) + block + document.slice(end + sectionEnd(id).length)
      : `${document.trimEnd()}\n\n${block}\n`,
  );
}
