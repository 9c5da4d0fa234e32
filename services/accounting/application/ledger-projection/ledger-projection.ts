import type { IntegrationEnvelope } from '@osteo/contracts';
import { unreachable } from '@osteo/event-sourcing';
import { applyDocumentProjection, applyDocumentProjectionRun } from '@osteo/messaging';
import type { ReadStore } from '@osteo/read-store';
import type { LedgerLine } from '../../domain/ledger-line';
import { manualEntryLine } from '../../domain/ledger';
import { consultationLedgersProjection } from './consultation-ledgers.projection';
import { LEDGER_ENTRIES, type LedgerEntryDocument } from './ledger-entries';
import { type ConsultationFactMessage, ledgerFactOf } from './ledger-facts';

/**
 * Writes the ledger lines of every fact on records.events and accounting.events, at least once
 * delivered, exactly once written. A consultation fact writes several lines, which one document
 * per envelope cannot express: it evolves the consultation's own ledger, then inserts every line
 * that ledger wrote unless already there; a backlog goes in runs. Why: docs/adr/0003-ledger-runs.md.
 */
export class LedgerProjection {
  constructor(private readonly readStore: ReadStore) {}

  /**
   * Throws, having written nothing, MalformedLedgerFactError for an envelope that breaks its
   * contract and UnknownEventVersionError for a version accounting does not understand.
   */
  async apply(envelope: IntegrationEnvelope): Promise<void> {
    const read = ledgerFactOf(envelope);
    if (read === null) return;
    switch (read.source) {
      case 'consultation': {
        const ledger = await applyDocumentProjection(this.readStore, consultationLedgersProjection, read);
        await this.writeOnce(ledger?.lines ?? []);
        return;
      }
      case 'manual-entry':
        await this.writeOnce([manualEntryLine(read.entry, read.posting)]);
        return;
      default:
        return unreachable(read);
    }
  }

  /**
   * The same as `apply` on each envelope in turn, in fewer writes. Throws, having written
   * nothing, when any of them would make `apply` throw: the caller then applies them one by one,
   * which sets the faulty one aside alone.
   */
  async applyRun(envelopes: readonly IntegrationEnvelope[]): Promise<void> {
    const consultationFacts: ConsultationFactMessage[] = [];
    const manualLines: LedgerLine[] = [];
    for (const envelope of envelopes) {
      const read = ledgerFactOf(envelope);
      if (read === null) continue;
      switch (read.source) {
        case 'consultation':
          consultationFacts.push(read);
          break;
        case 'manual-entry':
          manualLines.push(manualEntryLine(read.entry, read.posting));
          break;
        default:
          return unreachable(read);
      }
    }
    const ledgers = await applyDocumentProjectionRun(this.readStore, consultationLedgersProjection, consultationFacts);
    // A ledger only ever adds lines (counter-entries included), so its last state holds every line the run wrote.
    await this.writeOnce([...[...ledgers.values()].flatMap((ledger) => ledger?.lines ?? []), ...manualLines]);
  }

  private async writeOnce(lines: readonly LedgerLine[]): Promise<void> {
    await this.readStore.collection<LedgerEntryDocument>(LEDGER_ENTRIES).insertAbsent(lines.map((line) => ({ ...line, _id: line.entryId })));
  }
}
