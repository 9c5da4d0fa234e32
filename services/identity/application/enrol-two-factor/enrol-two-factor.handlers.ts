import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { Clock } from '@osteo/platform';
import { accountDecider, accountStreamId } from '../../domain/account';
import { AccountLookup, type ActiveAccount } from '../accounts/account-lookup';
import { OneTimePasswords, PasswordHasher } from '../ports';
import { PasswordConfirmationThrottle } from '../throttling';
import type { RequestContext } from '../request-context/request-context';
import { newRecoveryCodes, recoveryCodeHash } from '../two-factor/recovery-codes';
import { refuseWrongPassword } from '../two-factor/verify-password';

export interface TwoFactorEnrolment {
  /** Base32, for typing into an app by hand. */
  readonly secret: string;
  /** What the QR code holds. */
  readonly otpauthUri: string;
}

/** Step one: a new secret, shown once (a second start replaces it). */
@Injectable()
export class StartTwoFactorEnrolmentHandler {
  constructor(
    private readonly store: EventStore,
    private readonly accounts: AccountLookup,
    private readonly hasher: PasswordHasher,
    private readonly throttle: PasswordConfirmationThrottle,
    private readonly oneTimePasswords: OneTimePasswords,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, input: { readonly password: string }, context: RequestContext): Promise<TwoFactorEnrolment> {
    const account = await activeAccount(this.accounts, accountId);
    if (account.twoFactor.status === 'on') {
      throw new Rejection('conflict', 'AUTH.TWO_FACTOR_ALREADY_ENABLED', 'Two-factor sign-in is already enabled; disable it first to enrol another app');
    }
    await refuseWrongPassword(account, input.password, { hasher: this.hasher, throttle: this.throttle });
    const secret = this.oneTimePasswords.newSecret();
    await handleCommand(this.store, accountStreamId(accountId), accountDecider, {
      type: 'StartTwoFactorEnrolment',
      data: { secret },
      metadata: { now: this.clock.now(), actorId: accountId, correlationId: context.correlationId },
    });
    return { secret, otpauthUri: this.oneTimePasswords.provisioningUri(secret, account.email) };
  }
}

/** Step two: a first code from the app turns it on; the ten recovery codes are shown once. */
@Injectable()
export class ConfirmTwoFactorEnrolmentHandler {
  constructor(
    private readonly store: EventStore,
    private readonly accounts: AccountLookup,
    private readonly oneTimePasswords: OneTimePasswords,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, input: { readonly code: string }, context: RequestContext): Promise<{ readonly recoveryCodes: readonly string[] }> {
    const account = await activeAccount(this.accounts, accountId);
    if (account.twoFactor.status === 'on') throw new Rejection('conflict', 'AUTH.TWO_FACTOR_ALREADY_ENABLED', 'Two-factor sign-in is already enabled');
    if (account.twoFactor.status === 'off') {
      throw new Rejection('conflict', 'AUTH.TWO_FACTOR_ENROLMENT_NOT_STARTED', 'Start the enrolment first: no secret waits for a code');
    }
    const now = this.clock.now();
    const timeStep = await this.oneTimePasswords.matchingTimeStep(account.twoFactor.secret, input.code, now);
    if (timeStep === null) throw new Rejection('invalid', 'AUTH.TWO_FACTOR_CODE_INVALID', 'code is not the one the app shows now');
    const recoveryCodes = newRecoveryCodes();
    await handleCommand(this.store, accountStreamId(accountId), accountDecider, {
      type: 'EnableTwoFactor',
      data: { verifiedSecret: account.twoFactor.secret, timeStep, recoveryCodeHashes: recoveryCodes.map(recoveryCodeHash) },
      metadata: { now, actorId: accountId, correlationId: context.correlationId },
    });
    return { recoveryCodes };
  }
}

export async function activeAccount(accounts: AccountLookup, accountId: string): Promise<ActiveAccount> {
  const found = await accounts.byId(accountId);
  if (!found) throw new Rejection('unauthenticated', 'AUTH.UNAUTHENTICATED', 'This account no longer exists');
  return found.account;
}
