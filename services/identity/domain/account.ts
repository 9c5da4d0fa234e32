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
    }
  | {
      /** "Mot de passe oublié": a single-use secret, mailed to the holder; only its hash is kept. */
      readonly type: 'RequestPasswordReset';
      readonly data: { readonly tokenHash: string };
      readonly metadata: CommandMetadata;
    }
  | {
      /** Sets a new password on the strength of a reset secret instead of the current password. */
      readonly type: 'ResetPassword';
      readonly data: { readonly tokenHash: string; readonly newPasswordHash: string };
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
    }
  | {
      readonly type: 'PasswordResetRequested';
      readonly data: { readonly accountId: string; readonly tokenHash: string; readonly expiresAt: string; readonly requestedAt: string };
    }
  | {
      readonly type: 'PasswordReset';
      readonly data: { readonly accountId: string; readonly passwordHash: string; readonly resetAt: string };
    };

/** A reset secret mailed and not yet used, by the hash of the secret. */
export interface PendingPasswordReset {
  readonly tokenHash: string;
  readonly expiresAt: string;
}

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
      /**
       * Reset secrets mailed since the password last changed, unexpired when the latest was
       * requested. Any password change (a reset included) spends them all.
       */
      readonly pendingPasswordResets: readonly PendingPasswordReset[];
    };

export const accountStreamId = (accountId: string): string => `account-${accountId}`;

/** How long a mailed reset secret works. */
export const PASSWORD_RESET_TTL_MINUTES = 30;

/**
 * Whether a reset secret (by its hash) may set a new password at `now`. Unknown, spent and
 * expired secrets get the same answer, so none tells more than the others.
 */
export function passwordResetAccepts(state: AccountState, tokenHash: string, now: Date): boolean {
  if (state.status === 'absent') return false;
  return state.pendingPasswordResets.some((pending) => pending.tokenHash === tokenHash && Date.parse(pending.expiresAt) > now.getTime());
}

const invalidResetToken = () =>
  new DomainError('AUTH.RESET_TOKEN_INVALID', 'invalid', 'This password reset link is not valid (unknown, already used or expired); ask for a new one');

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
      case 'RequestPasswordReset': {
        if (state.status === 'absent') throw new DomainError('ACCOUNT.NOT_FOUND', 'not_found', 'No such account');
        const { now } = command.metadata;
        const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MINUTES * 60_000).toISOString();
        return [
          {
            type: 'PasswordResetRequested',
            data: { accountId: state.accountId, tokenHash: command.data.tokenHash, expiresAt, requestedAt: now.toISOString() },
          },
        ];
      }
      case 'ResetPassword': {
        if (state.status === 'absent' || !passwordResetAccepts(state, command.data.tokenHash, command.metadata.now)) throw invalidResetToken();
        return [
          {
            type: 'PasswordReset',
            data: { accountId: state.accountId, passwordHash: command.data.newPasswordHash, resetAt: command.metadata.now.toISOString() },
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
          pendingPasswordResets: [],
        };
      case 'PasswordChanged':
      case 'PasswordReset':
        // Either way the holder chose this password: the temporary state ends, and so does every
        // session started under the old one (the version) and every reset link still unused.
        if (state.status === 'absent') return state;
        return {
          ...state,
          passwordHash: event.data.passwordHash,
          mustChangePassword: false,
          passwordVersion: state.passwordVersion + 1,
          pendingPasswordResets: [],
        };
      case 'TemporaryPasswordIssued':
        if (state.status === 'absent') return state;
        return {
          ...state,
          passwordHash: event.data.passwordHash,
          mustChangePassword: true,
          passwordVersion: state.passwordVersion + 1,
          pendingPasswordResets: [],
        };
      case 'PasswordResetRequested': {
        if (state.status === 'absent') return state;
        // Links expired by then are forgotten, so the list stays as short as the throttle keeps it.
        const requestedAt = Date.parse(event.data.requestedAt);
        const live = state.pendingPasswordResets.filter((pending) => Date.parse(pending.expiresAt) > requestedAt);
        return { ...state, pendingPasswordResets: [...live, { tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt }] };
      }
      default:
        return unreachable(event);
    }
  },
};
