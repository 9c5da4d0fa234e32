import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccessCheck, can } from '@osteo/auth';
import type { LedgerEntryKind, PaymentMethod } from '@osteo/contracts';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { RequestRejected } from '@osteo/http';
import { Clock } from '@osteo/platform';
import { ledgerDecider, ledgerStreamId } from '../../domain/ledger';
import { Caller, commandMetadata } from '../request-context';

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
 * practice where the caller practises: the policy's `ledger.write` says the caller works there,
 * and a secretary or an accountant, who keep no ledger of the practice, are refused.
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
    const access = await this.access.require(holderId, 'ledger.write', { kind: 'ledger', holderId, cabinetId: input.cabinetId }, 'Practice');
    // Those who complete consultations in a practice are exactly those whose ledgers have lines there.
    if (can(access, 'consultation.complete', { kind: 'practice', cabinetId: input.cabinetId }) !== 'allow') {
      throw new RequestRejected('forbidden', 'LEDGER.NOT_A_PRACTITIONER', 'Only those who practise in this practice keep ledger lines there');
    }
    const entryId = randomUUID();
    await handleCommand(this.store, ledgerStreamId(holderId), ledgerDecider, {
      type: 'RecordManualEntry',
      data: { entryId, holderId, cabinetId: input.cabinetId, date: input.date, kind: input.kind, label: input.label.trim(), amountCents: input.amountCents, paymentMethod: input.paymentMethod },
      metadata: commandMetadata(caller, this.clock.now()),
    });
    return { entryId };
  }
}
