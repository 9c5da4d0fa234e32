import { Rejection } from '@osteo/event-sourcing/rejection';
import type { ActiveAccount } from '../accounts/account-lookup';
import type { PasswordHasher } from '../ports';
import { type PasswordConfirmationThrottle, tooManyAttempts } from '../throttling';

/**
 * The password asked again before a two-factor change, as `/auth/password` asks for the current
 * one: a stolen access token alone must neither enrol the thief's app nor switch the factor off.
 * Reserved before it is verified, in the same per-account count as `/auth/password`.
 */
export async function refuseWrongPassword(
  account: ActiveAccount,
  password: string,
  dependencies: { readonly hasher: PasswordHasher; readonly throttle: PasswordConfirmationThrottle },
): Promise<void> {
  const reservation = await dependencies.throttle.reserve(account.accountId);
  if (!reservation.granted) throw tooManyAttempts('AUTH.TOO_MANY_ATTEMPTS', 'wrong passwords', reservation.retryAfterSeconds);
  if (!(await dependencies.hasher.verify(account.passwordHash, password))) {
    throw new Rejection('invalid', 'ACCOUNT.CURRENT_PASSWORD_INCORRECT', 'password is incorrect');
  }
  await reservation.attempt.succeeded();
}
