import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccessCheck, Caller, commandMetadata } from '@osteo/auth';
import type { LedgerEntryKind, PaymentMethod } from '@osteo/contracts';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { ledgerDecider, ledgerStreamId } from '../../domain/ledger';

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
    await handleCommand(this.store, ledgerStreamId(holderId), ledgerDecider, {
      type: 'RecordManualEntry',
      data: { entryId, holderId, cabinetId: input.cabinetId, date: input.date, kind: input.kind, label: input.label.trim(), amountCents: input.amountCents, paymentMethod: input.paymentMethod },
      metadata: commandMetadata(caller, this.clock.now()),
    });
    return { entryId };
  }
}
