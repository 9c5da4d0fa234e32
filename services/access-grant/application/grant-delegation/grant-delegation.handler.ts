import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { DelegatedRole } from '@osteo/contracts';
import { EventStore, handleCommand, loadAggregate } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { Clock, EmailDigests } from '@osteo/platform';
import { DelegationCommand, delegationDecider, delegationStreamId } from '../../domain/delegation';
import { delegationSlotDecider, delegationSlotStreamId, legacyDelegationSlotStreamId } from '../../domain/delegation-slot';
import { AccountDirectory } from '../account-directory/account-directory';
import { OwnedCabinets } from '../access/owned-cabinets';
import { Caller, commandMetadata } from '@osteo/auth';
import { basisPointsFromPercent } from '../../domain/retrocession-percent';

export interface GrantDelegationInput {
  readonly email: string;
  readonly role: DelegatedRole;
  readonly cabinetIds: readonly string[];
  readonly retrocessionPercent?: number;
  readonly endsOn?: string;
}

/**
 * Gives a specific account access to some of the caller's cabinets. The grantee's account may
 * not exist yet: identity provisions it from the DelegationGranted event and the delegation comes
 * into force when it does.
 */
@Injectable()
export class GrantDelegationHandler {
  constructor(
    private readonly store: EventStore,
    private readonly directory: AccountDirectory,
    private readonly cabinets: OwnedCabinets,
    private readonly clock: Clock,
    private readonly digests: EmailDigests,
  ) {}

  async execute(caller: Caller, input: GrantDelegationInput): Promise<{ delegationId: string }> {
    const ownerId = caller.principal.accountId;
    if (caller.principal.kind !== 'main') {
      throw new Rejection('forbidden', 'DELEGATION.MAIN_ACCOUNT_REQUIRED', 'Only a main account may grant access to its cabinets');
    }
    const granteeEmail = input.email.trim().toLowerCase();
    if (await this.directory.holdsEmail(ownerId, granteeEmail)) {
      throw new Rejection('invalid', 'DELEGATION.TO_SELF', 'You cannot delegate to yourself');
    }
    const grantee = await this.directory.byEmail(granteeEmail);
    const delegationId = randomUUID();
    const now = this.clock.now();
    const grant: Extract<DelegationCommand, { type: 'GrantDelegation' }> = {
      type: 'GrantDelegation',
      data: {
        delegationId,
        ownerId,
        granteeEmail,
        granteeAccountId: grantee?.accountId ?? null,
        role: input.role,
        cabinetIds: input.cabinetIds,
        retrocessionBasisPoints: input.retrocessionPercent === undefined ? null : basisPointsFromPercent(input.retrocessionPercent),
        endsOn: input.endsOn ?? null,
      },
      metadata: commandMetadata(caller, now),
    };
    // Every rule is checked before anything is written: a rejected grant leaves no trace.
    delegationDecider.decide(grant, delegationDecider.initialState);
    await this.cabinets.requireAll(ownerId, input.cabinetIds);

    await this.claimSlot(ownerId, granteeEmail, input.role, delegationId, caller, now);
    await handleCommand(this.store, delegationStreamId(delegationId), delegationDecider, grant);
    return { delegationId };
  }

  private async claimSlot(ownerId: string, granteeEmail: string, role: DelegatedRole, delegationId: string, caller: Caller, now: Date): Promise<void> {
    const metadata = commandMetadata(caller, now);
    // A slot claimed before #11, under the address itself, still holds its role while its delegation lives.
    const legacy = await loadAggregate(this.store, legacyDelegationSlotStreamId(ownerId, granteeEmail, role), delegationSlotDecider);
    const legacyHolderIsLive = await this.isLive(legacy.state.holderDelegationId);
    delegationSlotDecider.decide({ type: 'ClaimDelegationSlot', data: { delegationId, holderIsLive: legacyHolderIsLive }, metadata }, legacy.state);

    const slotStreamId = delegationSlotStreamId(ownerId, this.digests.of(granteeEmail), role);
    const slot = await loadAggregate(this.store, slotStreamId, delegationSlotDecider);
    const holderIsLive = await this.isLive(slot.state.holderDelegationId);
    await handleCommand(
      this.store,
      slotStreamId,
      delegationSlotDecider,
      { type: 'ClaimDelegationSlot', data: { delegationId, holderIsLive }, metadata },
      // The holder was judged at this revision: a claim racing in between is a conflict, not a second grant.
      { expectedRevision: slot.revision },
    );
  }

  private async isLive(delegationId: string | null): Promise<boolean> {
    if (delegationId === null) return false;
    return ['pending', 'active'].includes((await loadAggregate(this.store, delegationStreamId(delegationId), delegationDecider)).state.status);
  }
}
