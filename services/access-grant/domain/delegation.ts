import { BASIS_POINTS_PER_UNIT, type DelegatedRole } from '@osteo/contracts';
import { unreachable, type CommandMetadata, type Decider } from '@osteo/event-sourcing/decider';
import { Rejection } from '@osteo/event-sourcing/rejection';

/**
 * A specific account's access, granted by an owner: a role, the owner's cabinets it covers, a
 * retrocession rate for a substitute, an optional last day. It is in force once the grantee's
 * account exists (activation), until revoked.
 */
export type DelegationTerms = {
  readonly delegationId: string;
  readonly ownerId: string;
  readonly granteeEmail: string;
  readonly granteeAccountId: string | null;
  readonly role: DelegatedRole;
  readonly cabinetIds: readonly string[];
  readonly retrocessionBasisPoints: number | null;
  readonly endsOn: string | null;
};

export type DelegationCommand =
  | { readonly type: 'GrantDelegation'; readonly data: DelegationTerms; readonly metadata: CommandMetadata }
  | { readonly type: 'ActivateDelegation'; readonly data: { readonly granteeAccountId: string }; readonly metadata: CommandMetadata }
  | {
      /** One command for every change of terms, so a request changing two things is all or nothing. */
      readonly type: 'ChangeDelegationTerms';
      readonly data: { readonly byAccountId: string; readonly cabinetIds?: readonly string[]; readonly retrocessionBasisPoints?: number };
      readonly metadata: CommandMetadata;
    }
  | { readonly type: 'RevokeDelegation'; readonly data: { readonly byAccountId: string }; readonly metadata: CommandMetadata };

export type DelegationEvent =
  | { readonly type: 'DelegationGranted'; readonly data: DelegationTerms }
  | { readonly type: 'DelegationActivated'; readonly data: { readonly delegationId: string; readonly ownerId: string; readonly granteeAccountId: string } }
  | { readonly type: 'DelegationCabinetsChanged'; readonly data: { readonly delegationId: string; readonly ownerId: string; readonly cabinetIds: readonly string[] } }
  | { readonly type: 'DelegationRetrocessionChanged'; readonly data: { readonly delegationId: string; readonly ownerId: string; readonly retrocessionBasisPoints: number } }
  | { readonly type: 'DelegationRevoked'; readonly data: { readonly delegationId: string; readonly ownerId: string } };

export type DelegationState =
  | { readonly status: 'absent' }
  | ({ readonly status: 'pending' | 'active' | 'revoked' } & DelegationTerms);

export const delegationStreamId = (delegationId: string): string => `delegation-${delegationId}`;

function checkCabinets(cabinetIds: readonly string[]): void {
  if (cabinetIds.length === 0) throw new Rejection('invalid', 'DELEGATION.NO_CABINET', 'cabinetIds must name at least one cabinet');
  if (new Set(cabinetIds).size !== cabinetIds.length) throw new Rejection('invalid', 'DELEGATION.DUPLICATE_CABINET', 'cabinetIds must not repeat a cabinet');
}

function checkRate(basisPoints: number): void {
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > BASIS_POINTS_PER_UNIT) {
    throw new Rejection('invalid', 'DELEGATION.INVALID_RETROCESSION', 'retrocessionPercent must be from 0 to 100 with at most two decimals');
  }
}

type ExistingDelegation = Extract<DelegationState, { status: 'pending' | 'active' | 'revoked' }>;

function liveDelegationOwnedBy(state: DelegationState, accountId: string): ExistingDelegation {
  if (state.status === 'absent') throw new Rejection('not_found', 'DELEGATION.NOT_FOUND', 'No such delegation');
  if (state.ownerId !== accountId) throw new Rejection('forbidden', 'DELEGATION.NOT_OWNER', 'Only the owner who granted this delegation may change it');
  if (state.status === 'revoked') throw new Rejection('conflict', 'DELEGATION.REVOKED', 'This delegation was revoked');
  return state;
}

export const delegationDecider: Decider<DelegationCommand, DelegationEvent, DelegationState> = {
  initialState: { status: 'absent' },

  decide(command, state) {
    switch (command.type) {
      case 'GrantDelegation': {
        if (state.status !== 'absent') throw new Rejection('conflict', 'DELEGATION.ALREADY_EXISTS', 'This delegation already exists');
        const terms = command.data;
        checkCabinets(terms.cabinetIds);
        if (terms.granteeAccountId === terms.ownerId) throw new Rejection('invalid', 'DELEGATION.TO_SELF', 'An owner cannot delegate to themself');
        if (terms.endsOn !== null && terms.endsOn < command.metadata.now.toISOString().slice(0, 10)) {
          throw new Rejection('invalid', 'DELEGATION.ENDS_IN_THE_PAST', 'endsOn must be today or a later day');
        }
        if (terms.role === 'substitute') {
          if (terms.retrocessionBasisPoints === null) {
            throw new Rejection('invalid', 'DELEGATION.RETROCESSION_REQUIRED', 'retrocessionPercent is required for a substitute');
          }
          checkRate(terms.retrocessionBasisPoints);
        } else if (terms.retrocessionBasisPoints !== null) {
          throw new Rejection('invalid', 'DELEGATION.RETROCESSION_NOT_ALLOWED', 'retrocessionPercent applies to a substitute only');
        }
        return [{ type: 'DelegationGranted', data: terms }];
      }

      case 'ActivateDelegation':
        if (state.status === 'absent') throw new Rejection('not_found', 'DELEGATION.NOT_FOUND', 'No such delegation');
        // Activation answers an account appearing; it may arrive late or twice: it changes nothing then.
        if (state.status !== 'pending') return [];
        // The owner's own address, granted before we knew it was theirs: it never gives access.
        if (command.data.granteeAccountId === state.ownerId) return [];
        return [{ type: 'DelegationActivated', data: { delegationId: state.delegationId, ownerId: state.ownerId, granteeAccountId: command.data.granteeAccountId } }];

      case 'ChangeDelegationTerms': {
        const delegation = liveDelegationOwnedBy(state, command.data.byAccountId);
        const { cabinetIds, retrocessionBasisPoints } = command.data;
        const changes: DelegationEvent[] = [];
        if (cabinetIds !== undefined) {
          checkCabinets(cabinetIds);
          if (!sameMembers(delegation.cabinetIds, cabinetIds)) {
            changes.push({ type: 'DelegationCabinetsChanged', data: { delegationId: delegation.delegationId, ownerId: delegation.ownerId, cabinetIds } });
          }
        }
        if (retrocessionBasisPoints !== undefined) {
          if (delegation.role !== 'substitute') {
            throw new Rejection('invalid', 'DELEGATION.RETROCESSION_NOT_ALLOWED', 'retrocessionPercent applies to a substitute only');
          }
          checkRate(retrocessionBasisPoints);
          if (delegation.retrocessionBasisPoints !== retrocessionBasisPoints) {
            changes.push({ type: 'DelegationRetrocessionChanged', data: { delegationId: delegation.delegationId, ownerId: delegation.ownerId, retrocessionBasisPoints } });
          }
        }
        return changes;
      }

      case 'RevokeDelegation': {
        if (state.status === 'revoked' && state.ownerId === command.data.byAccountId) return [];
        const delegation = liveDelegationOwnedBy(state, command.data.byAccountId);
        return [{ type: 'DelegationRevoked', data: { delegationId: delegation.delegationId, ownerId: delegation.ownerId } }];
      }

      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    if (event.type === 'DelegationGranted') {
      return { ...event.data, status: event.data.granteeAccountId === null ? 'pending' : 'active' };
    }
    if (state.status === 'absent') return state;
    switch (event.type) {
      case 'DelegationActivated':
        return { ...state, status: 'active', granteeAccountId: event.data.granteeAccountId };
      case 'DelegationCabinetsChanged':
        return { ...state, cabinetIds: event.data.cabinetIds };
      case 'DelegationRetrocessionChanged':
        return { ...state, retrocessionBasisPoints: event.data.retrocessionBasisPoints };
      case 'DelegationRevoked':
        return { ...state, status: 'revoked' };
      default:
        return unreachable(event);
    }
  },
};

function sameMembers(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((item) => right.includes(item));
}
