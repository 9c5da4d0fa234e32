import type { IntegrationEnvelope } from '@osteo/contracts';
import { type EventStore, unreachable } from '@osteo/event-sourcing';
import { applyDocumentProjection, applyDocumentProjectionRun } from '@osteo/messaging';
import type { ReadStore } from '@osteo/read-store';
import { type ConsultationLedger, linesWrittenBy } from '../../domain/consultation-ledger';
import type { LedgerLine } from '../../domain/ledger-line';
import { manualEntryLine } from '../../domain/ledger';
import { LedgerLineOutbox, type LineToPublish } from '../publishing/ledger-line-outbox';
import { consultationLedgersProjection } from './consultation-ledgers.projection';
import { LEDGER_ENTRIES, type LedgerEntryDocument } from './ledger-entries';
import { type ConsultationFactMessage, ledgerFactOf } from './ledger-facts';

/**
 * Writes the ledger lines of every fact on records.events and accounting.events, at least once
 * delivered, exactly once written. A consultation fact writes several lines, which one document
 * per envelope cannot express: it evolves the consultation's own ledger, then inserts every line
 * that ledger wrote unless already there; a backlog goes in runs. Why: docs/adr/0003-ledger-runs.md.
 * Then the lines the envelopes wrote go to the outbox, to be published as LedgerLineWritten, each
 * once whatever the redeliveries (docs/adr/0010-ledger-lines-published.md).
 */
export class LedgerProjection {
  private readonly outbox: LedgerLineOutbox;

  constructor(
    private readonly readStore: ReadStore,
    store: EventStore,
  ) {
    this.outbox = new LedgerLineOutbox(store);
  }

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
        await this.outbox.append(ledger === null ? [] : linesToPublish(ledger, [envelope]));
        return;
      }
      case 'manual-entry': {
        const line = manualEntryLine(read.entry, read.posting);
        await this.writeOnce([line]);
        await this.outbox.append([manualLineToPublish(line, envelope)]);
        return;
      }
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
    const factEnvelopes: IntegrationEnvelope[] = [];
    const manualLines: LineToPublish[] = [];
    for (const envelope of envelopes) {
      const read = ledgerFactOf(envelope);
      if (read === null) continue;
      switch (read.source) {
        case 'consultation':
          consultationFacts.push(read);
          factEnvelopes.push(envelope);
          break;
        case 'manual-entry':
          manualLines.push(manualLineToPublish(manualEntryLine(read.entry, read.posting), envelope));
          break;
        default:
          return unreachable(read);
      }
    }
    const ledgers = [...(await applyDocumentProjectionRun(this.readStore, consultationLedgersProjection, consultationFacts)).values()].filter(
      (ledger): ledger is NonNullable<typeof ledger> => ledger !== null,
    );
    // A ledger only ever adds lines (counter-entries included), so its last state holds every line the run wrote.
    await this.writeOnce([...ledgers.flatMap((ledger) => ledger.lines), ...manualLines.map(({ line }) => line)]);
    // Once the ledger holds them: a line is published only once it can be read.
    await this.outbox.append([...ledgers.flatMap((ledger) => linesToPublish(ledger, factEnvelopes)), ...manualLines]);
  }

  private async writeOnce(lines: readonly LedgerLine[]): Promise<void> {
    await this.readStore.collection<LedgerEntryDocument>(LEDGER_ENTRIES).insertAbsent(lines.map((line) => ({ ...line, _id: line.entryId })));
  }
}

/** The lines these envelopes wrote in the consultation's ledger; a ledger holds only its own consultation's facts. */
function linesToPublish(ledger: ConsultationLedger, envelopes: readonly IntegrationEnvelope[]): LineToPublish[] {
  const byEventId = new Map(envelopes.map((envelope) => [envelope.eventId, envelope]));
  return linesWrittenBy(ledger, new Set(byEventId.keys())).map((written) => {
    const fact = byEventId.get(written.line.entryId.slice(0, written.line.entryId.lastIndexOf(':')))!;
    return { ...written, causationId: fact.eventId, correlationId: fact.correlationId };
  });
}

function manualLineToPublish(line: LedgerLine, envelope: IntegrationEnvelope): LineToPublish {
  return { line, reversesLineId: null, causationId: envelope.eventId, correlationId: envelope.correlationId };
}
