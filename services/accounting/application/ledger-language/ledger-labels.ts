import { consultationLineOf, type ConsultationLineRole } from '../../domain/consultation-ledger';
import type { LedgerLine } from '../../domain/ledger-line';
import type { CatalogKey, Translate } from './ledger-catalog';

type LabelledLine = Pick<LedgerLine, 'entryId' | 'category' | 'label' | 'patientName'>;

const labelOfRole: Readonly<Record<ConsultationLineRole, CatalogKey>> = {
  fee: 'label.fee',
  'retrocession-paid': 'label.retrocessionPaid',
  'retrocession-received': 'label.retrocessionReceived',
};

/**
 * A line's label in the reader's language. A manual line's label is its holder's own words,
 * shown as written. A consultation's line is labelled from its facts (its role and the patient),
 * whether it was written with an English label, before #13, or without one: a French and an
 * English reader each see theirs, and a rebuild that drops the old labels changes nothing shown.
 * Only a line whose facts say nothing (none is known) keeps the text it was stored with.
 */
export function ledgerLabelOf(line: LabelledLine, t: Translate): string {
  const consultationLine = line.category === 'manual' ? null : consultationLineOf(line);
  if (consultationLine === null || line.patientName === undefined) return line.label ?? '';
  const label = t(labelOfRole[consultationLine.role], { patient: line.patientName });
  return consultationLine.reversal ? t('label.reversal', { cancelled: label }) : label;
}
