import { type CommandMetadata, type Decider } from '@osteo/event-sourcing/decider';
import { Rejection } from '@osteo/event-sourcing/rejection';

/**
 * At most one live delegation per (owner, grantee e-mail, role): the slot is a stream claimed
 * with an expected revision, so two racing grants cannot both take it. A slot held by a revoked
 * delegation, or by one whose grant was never written (a crash between the two appends), may be
 * claimed again: the handler checks the holder and tells the decider.
 */
export type DelegationSlotCommand = {
  readonly type: 'ClaimDelegationSlot';
  readonly data: { readonly delegationId: string; readonly holderIsLive: boolean };
  readonly metadata: CommandMetadata;
};

export type DelegationSlotEvent = { readonly type: 'DelegationSlotClaimed'; readonly data: { readonly delegationId: string } };

export type DelegationSlotState = { readonly holderDelegationId: string | null };

/** Named by the address's keyed digest (EmailDigests): a stream's name is never encrypted nor erased. */
export const delegationSlotStreamId = (ownerId: string, granteeEmailDigest: string, role: string): string =>
  `delegation-slot-${ownerId}-${role}-${granteeEmailDigest}`;

/** Where slots were claimed before #11, named by the address itself: still read, never written. */
export const legacyDelegationSlotStreamId = (ownerId: string, granteeEmail: string, role: string): string =>
  `delegation-slot-${ownerId}-${role}-${granteeEmail}`;

export const delegationSlotDecider: Decider<DelegationSlotCommand, DelegationSlotEvent, DelegationSlotState> = {
  initialState: { holderDelegationId: null },
  decide(command, state) {
    if (state.holderDelegationId !== null && command.data.holderIsLive) {
      throw new Rejection('conflict', 'DELEGATION.DUPLICATE', 'This person already holds this role from you; change that delegation instead');
    }
    return [{ type: 'DelegationSlotClaimed', data: { delegationId: command.data.delegationId } }];
  },
  evolve(_state, event) {
    return { holderDelegationId: event.data.delegationId };
  },
};
