import { unreachable, type CommandMetadata, type Decider } from '@osteo/event-sourcing/decider';
import { Rejection } from '@osteo/event-sourcing/rejection';

/**
 * An account: who someone is and how they prove it. The password hash is computed outside
 * (it is slow and random by design) and comes in with the command.
 */
export type AccountKind = 'main' | 'specific';

/** The languages the platform speaks to an account holder in (mail, screens); French first. */
export const accountLanguages = ['fr', 'en'] as const;
export type AccountLanguage = (typeof accountLanguages)[number];

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
        /** A provisioned account speaks its owner's language until its holder chooses one. */
        readonly language?: AccountLanguage;
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
    }
  | {
      /** How the holder appears to others: a provisioned account chooses it at first login. */
      readonly type: 'ChooseDisplayName';
      readonly data: { readonly displayName: string };
      readonly metadata: CommandMetadata;
    }
  | {
      /** The language the holder reads the platform in: its screens and every mail it sends them. */
      readonly type: 'ChooseLanguage';
      readonly data: { readonly language: string };
      readonly metadata: CommandMetadata;
    }
  | {
      /**
       * The right to erasure of a specific account. Who may ask (the owner who created it, once no
       * delegation to it is in force) is the handler's to check, from the access projection.
       */
      readonly type: 'EraseAccount';
      readonly data: Readonly<Record<string, never>>;
      readonly metadata: CommandMetadata;
    }
  | TwoFactorCommand;

/**
 * Two-factor sign-in (RFC 6238). Codes are checked outside (an HMAC of the secret and the time,
 * by a library): a command carries the secret the code was checked against and the time step it
 * matched, so the decider can refuse a stale check (the secret changed meanwhile) and a replay.
 */
export type TwoFactorCommand =
  | {
      /** A new secret for the holder's authenticator app; starting again replaces one not yet confirmed. */
      readonly type: 'StartTwoFactorEnrolment';
      readonly data: { readonly secret: string };
      readonly metadata: CommandMetadata;
    }
  | {
      /** A first code proved the app holds the secret; only the recovery codes' hashes are kept. */
      readonly type: 'EnableTwoFactor';
      readonly data: { readonly verifiedSecret: string; readonly timeStep: number; readonly recoveryCodeHashes: readonly string[] };
      readonly metadata: CommandMetadata;
    }
  | {
      readonly type: 'AcceptTwoFactorCode';
      readonly data: { readonly verifiedSecret: string; readonly timeStep: number };
      readonly metadata: CommandMetadata;
    }
  | {
      readonly type: 'UseRecoveryCode';
      readonly data: { readonly codeHash: string };
      readonly metadata: CommandMetadata;
    }
  | {
      readonly type: 'DisableTwoFactor';
      readonly data: {
        /** The hash the password was verified against: a concurrent change makes it stale. */
        readonly verifiedAgainstHash: string;
        readonly proof: TwoFactorProof;
      };
      readonly metadata: CommandMetadata;
    }
  | {
      /** The owner's policy for everyone working in their cabinets (colleagues and specific accounts). */
      readonly type: 'SetTeamTwoFactorRequirement';
      readonly data: { readonly required: boolean };
      readonly metadata: CommandMetadata;
    };

/** What proves the second factor: a code checked against the secret, or a recovery code (by its hash). */
export type TwoFactorProof =
  | { readonly kind: 'code'; readonly verifiedSecret: string; readonly timeStep: number }
  | { readonly kind: 'recovery-code'; readonly codeHash: string };

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
        /** Absent unless provisioned in its owner's language: the holder has not chosen one yet. */
        readonly language?: AccountLanguage;
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
    }
  | {
      /** Personal data like the name it replaces: stored encrypted with the account's key. */
      readonly type: 'AccountDisplayNameChanged';
      readonly data: { readonly accountId: string; readonly displayName: string; readonly changedAt: string };
    }
  | {
      readonly type: 'AccountLanguageChosen';
      readonly data: { readonly accountId: string; readonly language: AccountLanguage; readonly chosenAt: string };
    }
  | {
      /** Its key is erased next (crypto-shredding): AccountRegistered's address and name read as erased. */
      readonly type: 'AccountErased';
      readonly data: { readonly accountId: string; readonly erasedAt: string };
    }
  | TwoFactorEvent;

export type TwoFactorEvent =
  | {
      readonly type: 'TwoFactorEnrolmentStarted';
      readonly data: { readonly accountId: string; readonly secret: string; readonly startedAt: string };
    }
  | {
      readonly type: 'TwoFactorEnabled';
      readonly data: { readonly accountId: string; readonly recoveryCodeHashes: readonly string[]; readonly timeStep: number; readonly enabledAt: string };
    }
  | {
      readonly type: 'TwoFactorCodeAccepted';
      readonly data: { readonly accountId: string; readonly timeStep: number; readonly acceptedAt: string };
    }
  | {
      readonly type: 'RecoveryCodeUsed';
      readonly data: { readonly accountId: string; readonly codeHash: string; readonly usedAt: string };
    }
  | {
      readonly type: 'TwoFactorDisabled';
      readonly data: { readonly accountId: string; readonly disabledAt: string };
    }
  | {
      readonly type: 'TeamTwoFactorRequirementChanged';
      readonly data: { readonly accountId: string; readonly required: boolean; readonly changedAt: string };
    };

/**
 * `enrolling`: a secret was shown, no code confirmed it yet (login does not ask for codes).
 * `on`: every login asks for a code; `lastAcceptedTimeStep` refuses a code seen before.
 */
export type TwoFactorState =
  | { readonly status: 'off' }
  | { readonly status: 'enrolling'; readonly secret: string }
  | {
      readonly status: 'on';
      readonly secret: string;
      readonly unusedRecoveryCodeHashes: readonly string[];
      readonly lastAcceptedTimeStep: number;
    };

/** A reset secret mailed and not yet used, by the hash of the secret. */
export interface PendingPasswordReset {
  readonly tokenHash: string;
  readonly expiresAt: string;
}

export type AccountState =
  | { readonly status: 'absent' }
  /** Nothing of its holder is kept; the id stays taken, and no command but erasing again applies. */
  | { readonly status: 'erased'; readonly accountId: string }
  | {
      readonly status: 'active';
      readonly accountId: string;
      readonly email: string;
      readonly displayName: string;
      /**
       * False for a provisioned account until its holder chooses a name: until then it goes by its
       * address (its local part on identity.events). A main account gave its name at registration.
       */
      readonly displayNameChosen: boolean;
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
      readonly twoFactor: TwoFactorState;
      /** A main account's policy: whoever works in its cabinets signs in with two factors. */
      readonly teamTwoFactorRequired: boolean;
      /** Null until chosen (or given at provisioning): the platform then speaks French. */
      readonly language: AccountLanguage | null;
    };

export const accountStreamId = (accountId: string): string => `account-${accountId}`;

/** How long a mailed reset secret works. */
export const PASSWORD_RESET_TTL_MINUTES = 30;

/**
 * Whether a reset secret (by its hash) may set a new password at `now`. Unknown, spent and
 * expired secrets get the same answer, so none tells more than the others.
 */
export function passwordResetAccepts(state: AccountState, tokenHash: string, now: Date): boolean {
  if (state.status !== 'active') return false;
  return state.pendingPasswordResets.some((pending) => pending.tokenHash === tokenHash && Date.parse(pending.expiresAt) > now.getTime());
}

/** Whether a code that matched `timeStep` (checked against the current secret) may still be used. */
export function twoFactorCodeAccepts(state: AccountState, verifiedSecret: string, timeStep: number): boolean {
  if (state.status !== 'active' || state.twoFactor.status !== 'on') return false;
  return state.twoFactor.secret === verifiedSecret && timeStep > state.twoFactor.lastAcceptedTimeStep;
}

/** Whether a recovery code (by its hash) is one of the account's and not spent. */
export function recoveryCodeAccepts(state: AccountState, codeHash: string): boolean {
  if (state.status !== 'active' || state.twoFactor.status !== 'on') return false;
  return state.twoFactor.unusedRecoveryCodeHashes.includes(codeHash);
}

export function isAccountLanguage(value: unknown): value is AccountLanguage {
  return typeof value === 'string' && (accountLanguages as readonly string[]).includes(value);
}

/** The language to speak to the holder in: the one chosen, French until then. */
export function languageOf(account: { readonly language: AccountLanguage | null }): AccountLanguage {
  return account.language ?? 'fr';
}

const notFound = () => new Rejection('not_found', 'ACCOUNT.NOT_FOUND', 'No such account');
const twoFactorNotEnabled = () => new Rejection('conflict', 'AUTH.TWO_FACTOR_NOT_ENABLED', 'Two-factor sign-in is not enabled on this account');

function refuseUnacceptedProof(state: AccountState, proof: TwoFactorProof): void {
  if (proof.kind === 'recovery-code') {
    if (!recoveryCodeAccepts(state, proof.codeHash)) {
      throw new Rejection('unauthenticated', 'AUTH.TWO_FACTOR_CODE_INVALID', 'This recovery code is not valid (unknown or already used)');
    }
    return;
  }
  if (state.status === 'active' && state.twoFactor.status === 'on' && state.twoFactor.secret === proof.verifiedSecret && proof.timeStep <= state.twoFactor.lastAcceptedTimeStep) {
    throw new Rejection('unauthenticated', 'AUTH.TWO_FACTOR_CODE_REUSED', 'This code was already used; wait for the next one');
  }
  if (!twoFactorCodeAccepts(state, proof.verifiedSecret, proof.timeStep)) {
    throw new Rejection('unauthenticated', 'AUTH.TWO_FACTOR_CODE_INVALID', 'This code is not valid');
  }
}

function decideTwoFactor(command: TwoFactorCommand, state: AccountState): readonly AccountEvent[] {
  if (state.status !== 'active') throw notFound();
  const { accountId } = state;
  const at = command.metadata.now.toISOString();
  switch (command.type) {
    case 'StartTwoFactorEnrolment':
      if (state.twoFactor.status === 'on') {
        throw new Rejection('conflict', 'AUTH.TWO_FACTOR_ALREADY_ENABLED', 'Two-factor sign-in is already enabled; disable it first to enrol another app');
      }
      return [{ type: 'TwoFactorEnrolmentStarted', data: { accountId, secret: command.data.secret, startedAt: at } }];
    case 'EnableTwoFactor': {
      if (state.twoFactor.status === 'on') throw new Rejection('conflict', 'AUTH.TWO_FACTOR_ALREADY_ENABLED', 'Two-factor sign-in is already enabled');
      if (state.twoFactor.status === 'off') {
        throw new Rejection('conflict', 'AUTH.TWO_FACTOR_ENROLMENT_NOT_STARTED', 'Start the enrolment first: no secret waits for a code');
      }
      // Enrolment started again meanwhile (another tab): this code proves the old secret only.
      if (state.twoFactor.secret !== command.data.verifiedSecret) {
        throw new Rejection('conflict', 'AUTH.TWO_FACTOR_ENROLMENT_RESTARTED', 'The enrolment was started again meanwhile; scan the new QR code');
      }
      const { recoveryCodeHashes, timeStep } = command.data;
      return [{ type: 'TwoFactorEnabled', data: { accountId, recoveryCodeHashes: [...recoveryCodeHashes], timeStep, enabledAt: at } }];
    }
    case 'AcceptTwoFactorCode':
      if (state.twoFactor.status !== 'on') throw twoFactorNotEnabled();
      refuseUnacceptedProof(state, { kind: 'code', ...command.data });
      return [{ type: 'TwoFactorCodeAccepted', data: { accountId, timeStep: command.data.timeStep, acceptedAt: at } }];
    case 'UseRecoveryCode':
      if (state.twoFactor.status !== 'on') throw twoFactorNotEnabled();
      refuseUnacceptedProof(state, { kind: 'recovery-code', codeHash: command.data.codeHash });
      return [{ type: 'RecoveryCodeUsed', data: { accountId, codeHash: command.data.codeHash, usedAt: at } }];
    case 'DisableTwoFactor':
      if (state.twoFactor.status !== 'on') throw twoFactorNotEnabled();
      if (state.passwordHash !== command.data.verifiedAgainstHash) {
        throw new Rejection('conflict', 'ACCOUNT.PASSWORD_CHANGED_CONCURRENTLY', 'The password was changed meanwhile; try again');
      }
      refuseUnacceptedProof(state, command.data.proof);
      return [{ type: 'TwoFactorDisabled', data: { accountId, disabledAt: at } }];
    case 'SetTeamTwoFactorRequirement':
      if (state.kind !== 'main') {
        throw new Rejection('forbidden', 'ACCOUNT.MAIN_ACCOUNT_REQUIRED', 'Only a main account has cabinets, and so a team to require it of');
      }
      if (state.teamTwoFactorRequired === command.data.required) return [];
      return [{ type: 'TeamTwoFactorRequirementChanged', data: { accountId, required: command.data.required, changedAt: at } }];
    default:
      return unreachable(command);
  }
}

function evolveTwoFactor(state: Extract<AccountState, { status: 'active' }>, event: TwoFactorEvent): AccountState {
  switch (event.type) {
    case 'TwoFactorEnrolmentStarted':
      return { ...state, twoFactor: { status: 'enrolling', secret: event.data.secret } };
    case 'TwoFactorEnabled':
      if (state.twoFactor.status !== 'enrolling') return state;
      return {
        ...state,
        twoFactor: { status: 'on', secret: state.twoFactor.secret, unusedRecoveryCodeHashes: event.data.recoveryCodeHashes, lastAcceptedTimeStep: event.data.timeStep },
      };
    case 'TwoFactorCodeAccepted':
      if (state.twoFactor.status !== 'on') return state;
      return { ...state, twoFactor: { ...state.twoFactor, lastAcceptedTimeStep: Math.max(state.twoFactor.lastAcceptedTimeStep, event.data.timeStep) } };
    case 'RecoveryCodeUsed':
      if (state.twoFactor.status !== 'on') return state;
      return {
        ...state,
        twoFactor: { ...state.twoFactor, unusedRecoveryCodeHashes: state.twoFactor.unusedRecoveryCodeHashes.filter((hash) => hash !== event.data.codeHash) },
      };
    case 'TwoFactorDisabled':
      return { ...state, twoFactor: { status: 'off' } };
    case 'TeamTwoFactorRequirementChanged':
      return { ...state, teamTwoFactorRequired: event.data.required };
    default:
      return unreachable(event);
  }
}

const invalidResetToken = () =>
  new Rejection('invalid', 'AUTH.RESET_TOKEN_INVALID', 'This password reset link is not valid (unknown, already used or expired); ask for a new one');

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: { status: 'absent' },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterAccount': {
        if (state.status !== 'absent') {
          throw new Rejection('conflict', 'ACCOUNT.ALREADY_EXISTS', 'This account already exists');
        }
        return [{ type: 'AccountRegistered', data: { ...command.data, registeredAt: command.metadata.now.toISOString() } }];
      }
      case 'ChangePassword': {
        if (state.status !== 'active') throw notFound();
        if (state.passwordHash !== command.data.verifiedAgainstHash) {
          throw new Rejection('conflict', 'ACCOUNT.PASSWORD_CHANGED_CONCURRENTLY', 'The password was changed meanwhile; try again');
        }
        return [
          {
            type: 'PasswordChanged',
            data: { accountId: state.accountId, passwordHash: command.data.newPasswordHash, changedAt: command.metadata.now.toISOString() },
          },
        ];
      }
      case 'IssueTemporaryPassword': {
        if (state.status !== 'active') throw notFound();
        // Only a temporary password is replaced this way: one the holder chose is theirs alone.
        if (!state.mustChangePassword) {
          throw new Rejection('conflict', 'ACCOUNT.PASSWORD_ALREADY_CHOSEN', 'The account holder has already chosen a password');
        }
        return [
          {
            type: 'TemporaryPasswordIssued',
            data: { accountId: state.accountId, passwordHash: command.data.passwordHash, issuedAt: command.metadata.now.toISOString() },
          },
        ];
      }
      case 'RequestPasswordReset': {
        if (state.status !== 'active') throw notFound();
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
        if (state.status !== 'active' || !passwordResetAccepts(state, command.data.tokenHash, command.metadata.now)) throw invalidResetToken();
        return [
          {
            type: 'PasswordReset',
            data: { accountId: state.accountId, passwordHash: command.data.newPasswordHash, resetAt: command.metadata.now.toISOString() },
          },
        ];
      }
      case 'ChooseDisplayName': {
        if (state.status !== 'active') throw notFound();
        const displayName = command.data.displayName.trim();
        if (displayName.length === 0) throw new Rejection('invalid', 'REQUEST.INVALID', 'displayName must show at least one character');
        if (state.displayNameChosen && state.displayName === displayName) return [];
        return [{ type: 'AccountDisplayNameChanged', data: { accountId: state.accountId, displayName, changedAt: command.metadata.now.toISOString() } }];
      }
      case 'ChooseLanguage': {
        if (state.status !== 'active') throw notFound();
        const { language } = command.data;
        if (!isAccountLanguage(language)) throw new Rejection('invalid', 'REQUEST.INVALID', `language must be one of ${accountLanguages.join(', ')}`);
        if (state.language === language) return [];
        return [{ type: 'AccountLanguageChosen', data: { accountId: state.accountId, language, chosenAt: command.metadata.now.toISOString() } }];
      }
      case 'EraseAccount': {
        if (state.status === 'erased') return [];
        if (state.status === 'absent') throw notFound();
        // A main account holds ledgers the law keeps for 10 years: out of this rule's reach.
        if (state.kind === 'main') {
          throw new Rejection('forbidden', 'ACCOUNT.MAIN_ACCOUNT_NOT_ERASABLE', 'A main account cannot be erased: its ledgers are kept 10 years by law');
        }
        return [{ type: 'AccountErased', data: { accountId: state.accountId, erasedAt: command.metadata.now.toISOString() } }];
      }
      case 'StartTwoFactorEnrolment':
      case 'EnableTwoFactor':
      case 'AcceptTwoFactorCode':
      case 'UseRecoveryCode':
      case 'DisableTwoFactor':
      case 'SetTeamTwoFactorRequirement':
        return decideTwoFactor(command, state);
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
          displayNameChosen: event.data.kind === 'main',
          kind: event.data.kind,
          passwordHash: event.data.passwordHash,
          mustChangePassword: event.data.mustChangePassword,
          passwordVersion: 0,
          provisionedForDelegationId: event.data.provisionedForDelegationId ?? null,
          pendingPasswordResets: [],
          twoFactor: { status: 'off' },
          teamTwoFactorRequired: false,
          language: event.data.language ?? null,
        };
      case 'PasswordChanged':
      case 'PasswordReset':
        // Either way the holder chose this password: the temporary state ends, and so does every
        // session started under the old one (the version) and every reset link still unused.
        if (state.status !== 'active') return state;
        return {
          ...state,
          passwordHash: event.data.passwordHash,
          mustChangePassword: false,
          passwordVersion: state.passwordVersion + 1,
          pendingPasswordResets: [],
        };
      case 'TemporaryPasswordIssued':
        if (state.status !== 'active') return state;
        return {
          ...state,
          passwordHash: event.data.passwordHash,
          mustChangePassword: true,
          passwordVersion: state.passwordVersion + 1,
          pendingPasswordResets: [],
        };
      case 'PasswordResetRequested': {
        if (state.status !== 'active') return state;
        // Links expired by then are forgotten, so the list stays as short as the throttle keeps it.
        const requestedAt = Date.parse(event.data.requestedAt);
        const live = state.pendingPasswordResets.filter((pending) => Date.parse(pending.expiresAt) > requestedAt);
        return { ...state, pendingPasswordResets: [...live, { tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt }] };
      }
      case 'AccountDisplayNameChanged':
        if (state.status !== 'active') return state;
        return { ...state, displayName: event.data.displayName, displayNameChosen: true };
      case 'AccountLanguageChosen':
        if (state.status !== 'active') return state;
        return { ...state, language: event.data.language };
      case 'TwoFactorEnrolmentStarted':
      case 'TwoFactorEnabled':
      case 'TwoFactorCodeAccepted':
      case 'RecoveryCodeUsed':
      case 'TwoFactorDisabled':
      case 'TeamTwoFactorRequirementChanged':
        return state.status !== 'active' ? state : evolveTwoFactor(state, event);
      case 'AccountErased':
        return { status: 'erased', accountId: event.data.accountId };
      default:
        return unreachable(event);
    }
  },
};
