import type { StatementHeading } from '../../application/export-ledger/ledger-statement.query';

/**
 * ASCII only (ids and dates), so Content-Disposition needs no encoding:
 * ledger-<holder>_<from>_<to>[_<cabinet>].csv for the lines, `<report>-…` for the others.
 */
export function exportFileName(report: 'ledger' | 'totals' | 'retrocessions' | 'yearly-summary', statement: StatementHeading, extension: 'csv' | 'pdf'): string {
  const parts = [`${report}-${statement.holder.accountId}`, statement.period.from ?? 'start', statement.period.to ?? 'today'];
  if (statement.cabinets !== 'all' && statement.cabinets.length === 1) parts.push(statement.cabinets[0].cabinetId);
  return `${parts.join('_').replace(/[^A-Za-z0-9._-]/g, '-')}.${extension}`;
}
