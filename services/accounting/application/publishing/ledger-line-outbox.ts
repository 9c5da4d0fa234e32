import { createHash } from 'node:crypto';
import type { LedgerLineWrittenV1 } from '@osteo/contracts';
import { DuplicateEventIdError, type EventStore, type EventToAppend } from '@osteo/event-sourcing';
import type { WrittenLine } from '../../domain/consultation-ledger';
import { ledgerStreamId } from '../../domain/ledger';
import { figureOf } from '../../domain/ledger-totals';

/** A line to publish, with the tracing of the fact that wrote it. */
export type LineToPublish = WrittenLine & { readonly causationId: string; readonly correlationId: string | null };

/** The public form of a ledger line (LedgerLineWritten v1): its figure is computed here, by the ledger's own rule. */
export function ledgerLineWrittenOf({ line, reversesLineId }: WrittenLine): LedgerLineWrittenV1 {
  const { figure, cents } = figureOf(line);
  return {
    lineId: line.entryId,
    holderId: line.holderId,
    cabinetId: line.cabinetId,
    date: line.date,
    kind: line.kind,
    category: line.category,
    amountCents: line.amountCents,
    paymentMethod: line.paymentMethod,
    counterpartyAccountId: line.counterpartyAccountId ?? null,
    consultationId: line.consultationId ?? null,
    patientName: line.patientName ?? null,
    reversesLineId,
    figure,
    figureCents: cents,
    recordedAt: line.recordedAt,
  };
}

/** Any fixed UUID: it keeps these ids apart from name-based ids of other names. */
const LINE_EVENT_NAMESPACE = 'b3c5f0de-4f0b-4b69-9a3e-7d2c51e0a8f4';

/**
 * The event id of a line's LedgerLineWritten: a name-based UUID (RFC 9562, version 5) of the line
 * id, so every writing of the same line is the same event, which the store keeps once and
 * consumers dedupe by. A UUID, as EventStoreDB accepts no other event id.
 */
export function ledgerLineEventId(lineId: string, namespace = LINE_EVENT_NAMESPACE): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replaceAll('-', ''), 'hex')).update(lineId, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Appends the lines the ledger wrote to accounting's event store, the outbox the EventPublisher
 * relays to accounting.events: one append per holder's stream (`ledger-<holderId>`, the key that
 * keeps a holder's lines in order). Called again with the same lines (a redelivered run), it adds
 * none: their event ids are stored already and the store keeps an id once. Why an outbox in the
 * event store: docs/adr/0010-ledger-lines-published.md.
 */
export class LedgerLineOutbox {
  constructor(private readonly store: EventStore) {}

  async append(lines: readonly LineToPublish[]): Promise<void> {
    const byHolder = new Map<string, EventToAppend[]>();
    for (const written of lines) {
      const event = eventOf(written);
      const ofHolder = byHolder.get(written.line.holderId);
      if (ofHolder === undefined) byHolder.set(written.line.holderId, [event]);
      else ofHolder.push(event);
    }
    await Promise.all([...byHolder].map(([holderId, events]) => this.appendToHolder(ledgerStreamId(holderId), events)));
  }

  private async appendToHolder(streamId: string, events: readonly EventToAppend[]): Promise<void> {
    try {
      // 'any': lines of consultations and the holder's manual entries come in any order; no rule sits between them.
      await this.store.appendToStream(streamId, events, { expectedRevision: 'any' });
    } catch (error) {
      // SQLite refuses the whole append when one id is stored (EventStoreDB absorbs a repeated
      // append instead): an earlier delivery of the run got this far. Append what it did not.
      if (!(error instanceof DuplicateEventIdError)) throw error;
      for (const event of events) {
        await this.store.appendToStream(streamId, [event], { expectedRevision: 'any' }).catch((single: unknown) => {
          if (!(single instanceof DuplicateEventIdError)) throw single;
        });
      }
    }
  }
}

function eventOf(written: LineToPublish): EventToAppend {
  const data = ledgerLineWrittenOf(written);
  return {
    eventId: ledgerLineEventId(data.lineId),
    type: 'LedgerLineWritten',
    data,
    metadata: {
      occurredAt: data.recordedAt,
      causationId: written.causationId,
      ...(written.correlationId !== null && { correlationId: written.correlationId }),
    },
  };
}
