import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccessCheck, Caller, commandMetadata } from '@osteo/auth';
import type { LedgerEntryKind, PaymentMethod } from '@osteo/contracts';
import { EventStore } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { type LedgerCommand, ledgerDecider, ledgerStreamId } from '../../domain/ledger';

export type ManualEntryInput = {
  readonly kind: LedgerEntryKind;
  readonly cabinetId: string;
  readonly date: string;
  readonly label: string;
  readonly amountCents: number;
  readonly paymentMethod: PaymentMethod;
};

/**
 * POST /ledgers/me/entries: the caller writes in their own ledger, never anyone else's (the
 * holder is the caller by construction, there is no way to name another). The line goes in a
 * cabinet where the caller practises: the policy's `ledger.write` refuses a secretary or an
 * accountant, who keep no ledger of the cabinet.
 */
@Injectable()
export class RecordManualEntryHandler {
  constructor(
    private readonly store: EventStore,
    private readonly access: AccessCheck,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, input: ManualEntryInput): Promise<{ entryId: string }> {
    const holderId = caller.principal.accountId;
    await this.access.require(holderId, 'ledger.write', { kind: 'ledger', holderId, cabinetId: input.cabinetId }, 'Cabinet');
    const entryId = randomUUID();
    const metadata = commandMetadata(caller, this.clock.now());
    const command: LedgerCommand = {
      type: 'RecordManualEntry',
      data: { entryId, holderId, cabinetId: input.cabinetId, date: input.date, kind: input.kind, label: input.label.trim(), amountCents: input.amountCents, paymentMethod: input.paymentMethod },
      metadata,
    };
    // Decided without reading the stream: it is the caller's by construction and entries have no
    // rule between them, while the ledger appends every line it writes to it (LedgerLineWritten).
    // Expecting a revision would make a completed consultation fail a manual entry written meanwhile.
    const events = ledgerDecider.decide(command, { holderId });
    await this.store.appendToStream(
      ledgerStreamId(holderId),
      events.map(({ type, data }) => ({
        type,
        data,
        metadata: {
          occurredAt: metadata.now.toISOString(),
          ...(metadata.correlationId !== undefined && { correlationId: metadata.correlationId }),
          ...(metadata.causationId !== undefined && { causationId: metadata.causationId }),
          ...(metadata.actorId !== undefined && { actorId: metadata.actorId }),
        },
      })),
      { expectedRevision: 'any' },
    );
    return { entryId };
  }
}
