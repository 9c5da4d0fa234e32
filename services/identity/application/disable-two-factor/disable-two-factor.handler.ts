import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { Clock } from '@osteo/platform';
import { type TwoFactorProof, accountDecider, accountStreamId, recoveryCodeAccepts } from '../../domain/account';
import { AccountLookup, type ActiveAccount } from '../accounts/account-lookup';
import { activeAccount } from '../enrol-two-factor/enrol-two-factor.handlers';
import { OneTimePasswords, PasswordHasher } from '../ports';
import type { RequestContext } from '../request-context/request-context';
import { LoginThrottle, PasswordConfirmationThrottle, tooManyAttempts } from '../throttling';
import { recoveryCodeHash } from '../two-factor/recovery-codes';
import { TwoFactorRequirement } from '../two-factor/two-factor-requirement';
import { refuseWrongPassword } from '../two-factor/verify-password';

export interface DisableTwoFactorInput {
  readonly password: string;
  /** Exactly one of the two. */
  readonly code?: string;
  readonly recoveryCode?: string;
}

/** Turns two-factor sign-in off, on the strength of the password and a second factor. */
@Injectable()
export class DisableTwoFactorHandler {
  constructor(
    private readonly store: EventStore,
    private readonly accounts: AccountLookup,
    private readonly hasher: PasswordHasher,
    private readonly passwordThrottle: PasswordConfirmationThrottle,
    private readonly codeThrottle: LoginThrottle,
    private readonly oneTimePasswords: OneTimePasswords,
    private readonly requirement: TwoFactorRequirement,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, input: DisableTwoFactorInput, context: RequestContext): Promise<void> {
    const account = await activeAccount(this.accounts, accountId);
    if (account.twoFactor.status !== 'on') throw notEnabled();
    // It would be asked for again at the next login: say so now rather than lock the holder out of everything.
    if (await this.requirement.isRequiredOf(accountId)) {
      throw new Rejection('conflict', 'AUTH.TWO_FACTOR_REQUIRED_BY_CABINET', 'A cabinet you work in requires two-factor sign-in: it cannot be turned off');
    }
    await refuseWrongPassword(account, input.password, { hasher: this.hasher, throttle: this.passwordThrottle });
    // Codes are reserved before they are checked, in the same count as at login.
    const reservation = await this.codeThrottle.reserveSecondFactorAttempt({ accountId, clientAddress: context.clientAddress });
    if (!reservation.granted) throw tooManyAttempts('AUTH.TOO_MANY_ATTEMPTS', 'wrong codes', reservation.retryAfterSeconds);
    const now = this.clock.now();
    const proof = await this.proofOf(account, input, now);
    await handleCommand(this.store, accountStreamId(accountId), accountDecider, {
      type: 'DisableTwoFactor',
      data: { verifiedAgainstHash: account.passwordHash, proof },
      metadata: { now, actorId: accountId, correlationId: context.correlationId },
    });
    await reservation.attempt.succeeded();
  }

  private async proofOf(account: ActiveAccount, input: DisableTwoFactorInput, now: Date): Promise<TwoFactorProof> {
    if (account.twoFactor.status !== 'on') throw notEnabled();
    if (input.recoveryCode !== undefined) {
      const codeHash = recoveryCodeHash(input.recoveryCode);
      if (!recoveryCodeAccepts(account, codeHash)) throw invalidCode('recoveryCode is not valid (unknown or already used)');
      return { kind: 'recovery-code', codeHash };
    }
    const { secret, lastAcceptedTimeStep } = account.twoFactor;
    const timeStep = await this.oneTimePasswords.matchingTimeStep(secret, input.code ?? '', now);
    if (timeStep === null || timeStep <= lastAcceptedTimeStep) throw invalidCode('code is not valid (wrong, or already used)');
    return { kind: 'code', verifiedSecret: secret, timeStep };
  }
}

const notEnabled = () => new Rejection('conflict', 'AUTH.TWO_FACTOR_NOT_ENABLED', 'Two-factor sign-in is not enabled on this account');
const invalidCode = (message: string) => new Rejection('invalid', 'AUTH.TWO_FACTOR_CODE_INVALID', message);
