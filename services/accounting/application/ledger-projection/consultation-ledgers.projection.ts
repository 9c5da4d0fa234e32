import type { DocumentProjection } from '@osteo/messaging';
import type { ReadStore } from '@osteo/read-store';
import { type ConsultationFact, type ConsultationLedger, evolveConsultationLedger } from '../../domain/consultation-ledger';
import { type ConsultationFactMessage, understoodConsultationFactVersions } from './ledger-facts';

/**
 * Each consultation's own ledger (consultation-ledger.ts): its terms, every line it wrote and the
 * lines in force, which a later correction or deletion must cancel. The runner's revision guard
 * on the consultation's stream makes a redelivered fact change nothing here.
 */
export const CONSULTATION_LEDGERS = 'accounting_consultation_ledgers';

export type ConsultationLedgerDocument = ConsultationLedger & { readonly _id: string };

const consultationFactTypes: readonly ConsultationFact['type'][] = ['ConsultationCompleted', 'ConsultationFeeCorrected', 'ConsultationDeleted'];

/** Fed with the facts LedgerProjection has read already, checked against their contract. */
export const consultationLedgersProjection: DocumentProjection<ConsultationLedgerDocument, ConsultationFactMessage> = {
  name: 'accounting.consultation-ledgers',
  collection: CONSULTATION_LEDGERS,
  handles: consultationFactTypes,
  // Checked per type by ledgerFactOf before the runner sees them (ConsultationFeeCorrected v2 included).
  understoodVersions: understoodConsultationFactVersions,
  documentId: ({ fact }) => fact.data.consultationId,
  evolve(ledger, { fact, posting }) {
    const evolved = evolveConsultationLedger(ledger, fact, posting);
    return evolved && { ...evolved, _id: evolved.consultationId };
  },
};

/** For the retrocession summary: an owner's consultations by date. */
export async function ensureConsultationLedgerIndexes(readStore: ReadStore): Promise<void> {
  await readStore.collection<ConsultationLedgerDocument>(CONSULTATION_LEDGERS).createIndex({ keys: { ownerId: 1, date: 1 } });
}
