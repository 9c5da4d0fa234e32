import { DomainError, unreachable, type CommandMetadata, type Decider } from '@osteo/event-sourcing/decider';

/**
 * An account: who someone is and how they prove it. The password hash is computed outside
 * (it is slow and random by design) and comes in with the command.
 */
export type AccountKind = 'main' | 'specific';

export type AccountCommand =
  | {
      readonly type: 'RegisterAccount';
      readonly data: {
        readonly accountId: string;
        readonly email: string;
        readonly displayName: string;
        readonly kind: AccountKind;
        readonly passwordHash: string;
        readonly mustChangePassword: boolean;
        /** Only when provisioning creates the account for a delegation's grantee. */
        readonly provisionedForDelegationId?: string;
      };
      readonly metadata: CommandMetadata;
    }
  | {
      readonly type: 'ChangePassword';
      readonly data: {
        readonly newPasswordHash: string;
        /** The hash the current password was verified against: a concurrent change makes it stale. */
        readonly verifiedAgainstHash: string;
      };
      readonly metadata: CommandMetadata;
    }
  | {
      /** Replaces a temporary password that never reached its holder (its plaintext is not kept). */
      readonly type: 'IssueTemporaryPassword';
      readonly data: { readonly passwordHash: string };
      readonly metadata: CommandMetadata;
    };

export type AccountEvent =
  | {
      readonly type: 'AccountRegistered';
      readonly data: {
        readonly accountId: string;
        readonly email: string;
        readonly displayName: string;
        readonly kind: AccountKind;
        readonly passwordHash: string;
        readonly mustChangePassword: boolean;
        readonly registeredAt: string;
        /**
         * The delegation this account was created for (absent when its holder registered), kept
         * with the account itself so that provisioning, resumed after a crash, can tell the
         * account it created from one that existed before.
         */
        readonly provisionedForDelegationId?: string;
      };
    }
  | {
      readonly type: 'PasswordChanged';
      readonly data: { readonly accountId: string; readonly passwordHash: string; readonly changedAt: string };
    }
  | {
      readonly type: 'TemporaryPasswordIssued';
      readonly data: { readonly accountId: string; readonly passwordHash: string; readonly issuedAt: string };
    };

export type AccountState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'active';
      readonly accountId: string;
      readonly email: string;
      readonly displayName: string;
      readonly kind: AccountKind;
      readonly passwordHash: string;
      readonly mustChangePassword: boolean;
      /** Counts password replacements; sessions started under an older version are over. */
      readonly passwordVersion: number;
      readonly provisionedForDelegationId: string | null;
    };

export const accountStreamId = (accountId: string): string => `account-${accountId}`;

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: { status: 'absent' },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterAccount': {
        if (state.status !== 'absent') {
          throw new DomainError('ACCOUNT.ALREADY_EXISTS', 'conflict', 'This account already exists');
        }
        return [{ type: 'AccountRegistered', data: { ...command.data, registeredAt: command.metadata.now.toISOString() } }];
      }
      case 'ChangePassword': {
        if (state.status === 'absent') throw new DomainError('ACCOUNT.NOT_FOUND', 'not_found', 'No such account');
        if (state.passwordHash !== command.data.verifiedAgainstHash) {
          throw new DomainError('ACCOUNT.PASSWORD_CHANGED_CONCURRENTLY', 'conflict', 'The password was changed meanwhile; try again');
        }
        return [
          {
            type: 'PasswordChanged',
            data: { accountId: state.accountId, passwordHash: command.data.newPasswordHash, changedAt: command.metadata.now.toISOString() },
          },
        ];
      }
      case 'IssueTemporaryPassword': {
        if (state.status === 'absent') throw new DomainError('ACCOUNT.NOT_FOUND', 'not_found', 'No such account');
        // Only a temporary password is replaced this way: one the holder chose is theirs alone.
        if (!state.mustChangePassword) {
          throw new DomainError('ACCOUNT.PASSWORD_ALREADY_CHOSEN', 'conflict', 'The account holder has already chosen a password');
        }
        return [
          {
            type: 'TemporaryPasswordIssued',
            data: { accountId: state.accountId, passwordHash: command.data.passwordHash, issuedAt: command.metadata.now.toISOString() },
          },
        ];
      }
      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'AccountRegistered':
        return {
          status: 'active',
          accountId: event.data.accountId,
          email: event.data.email,
          displayName: event.data.displayName,
          kind: event.data.kind,
          passwordHash: event.data.passwordHash,
          mustChangePassword: event.data.mustChangePassword,
          passwordVersion: 0,
          provisionedForDelegationId: event.data.provisionedForDelegationId ?? null,
        };
      case 'PasswordChanged':
        if (state.status === 'absent') return state;
        return { ...state, passwordHash: event.data.passwordHash, mustChangePassword: false, passwordVersion: state.passwordVersion + 1 };
      case 'TemporaryPasswordIssued':
        if (state.status === 'absent') return state;
        return { ...state, passwordHash: event.data.passwordHash, mustChangePassword: true, passwordVersion: state.passwordVersion + 1 };
      default:
        return unreachable(event);
    }
  },
};
