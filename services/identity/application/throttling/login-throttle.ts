import { Injectable } from '@nestjs/common';
import { AttemptCounters, AttemptLimit } from '../ports';
import { ThrottleDecision, emailCounterKey } from './throttle-decision';

const WINDOW_SECONDS = 15 * 60;

/**
 * OWASP's authentication cheat sheet, applied to guesses at a password or a second-factor code:
 * - per (account, client address): 5 failures in 15 minutes, then that pair waits for the window
 *   to end; a success from the pair clears its count;
 * - per client address, whatever the account: 30 failures in 15 minutes (password spraying);
 * - per account across addresses, no lock but a slowdown: past 10 failures in the window, one
 *   attempt every 15 s for the whole account, past 30 one a minute, past 100 one every 5 minutes.
 *   An address the account signed in from within the last 10 to 20 days is spared the slowdown, so an
 *   attacker elsewhere never locks the owner out of their usual address; so is an account with a
 *   second factor, whose password alone opens nothing.
 * Every attempt is reserved in each counter before the secret is verified (AttemptCounters), so
 * a burst, however concurrent, never gets more than these limits verified.
 */
export const loginLimits = {
  perAccountAndAddress: 5,
  perAddress: 30,
  accountSlowdown: [
    { after: 100, oneAttemptPerSeconds: 300 },
    { after: 30, oneAttemptPerSeconds: 60 },
    { after: 10, oneAttemptPerSeconds: 15 },
  ],
  /** An address is known for the window it signed in in and the next one: 10 to 20 days. */
  knownAddressDays: 10,
  windowSeconds: WINDOW_SECONDS,
} as const;

export interface PasswordAttemptSubject {
  /** Normalized. */
  readonly email: string;
  readonly clientAddress: string;
  /** The account the address belongs to, if any. */
  readonly account: { readonly accountId: string; readonly twoFactorEnabled: boolean } | null;
}

export interface SecondFactorAttemptSubject {
  readonly accountId: string;
  readonly clientAddress: string;
}

/** A reserved attempt. A failure needs no call: the reservation was the count. */
export interface ReservedAttempt {
  /** The secret was right: the pair's failures are forgotten, and the others' reservations given back. */
  succeeded(): Promise<void>;
}

/** Limits of one kind of secret: passwords and second-factor codes are counted apart. */
interface SecretLimits {
  readonly pair: AttemptLimit;
  readonly address: AttemptLimit;
  readonly accountAttempts: AttemptLimit;
  readonly accountPaces: readonly { readonly after: number; readonly pace: AttemptLimit }[];
}

function limitsOf(secret: 'password' | 'two-factor'): SecretLimits {
  return {
    pair: { name: `${secret}-pair`, limit: loginLimits.perAccountAndAddress, windowSeconds: WINDOW_SECONDS },
    address: { name: `${secret}-address`, limit: loginLimits.perAddress, windowSeconds: WINDOW_SECONDS },
    accountAttempts: { name: `${secret}-account`, limit: Number.MAX_SAFE_INTEGER, windowSeconds: WINDOW_SECONDS },
    accountPaces: loginLimits.accountSlowdown.map(({ after, oneAttemptPerSeconds }) => ({
      after,
      pace: { name: `${secret}-account-pace-${oneAttemptPerSeconds}`, limit: 1, windowSeconds: oneAttemptPerSeconds },
    })),
  };
}

const passwordLimits = limitsOf('password');
const secondFactorLimits = limitsOf('two-factor');
const knownAddress: AttemptLimit = { name: 'signed-in-from', limit: Number.MAX_SAFE_INTEGER, windowSeconds: loginLimits.knownAddressDays * 24 * 3600 };

interface ThrottledSubject {
  /** Who is guessed at: an account id, or a digest of the e-mail when no account has it. */
  readonly accountKey: string;
  readonly clientAddress: string;
  /** Whether the slowdown across addresses applies to this attempt. */
  readonly slowedDownAcrossAddresses: boolean;
  /** Whether a success marks the address as one the account signs in from. */
  readonly successSignsIn: boolean;
}

@Injectable()
export class LoginThrottle {
  constructor(private readonly counters: AttemptCounters) {}

  /** Before verifying a password at login. */
  async reservePasswordAttempt({ email, clientAddress, account }: PasswordAttemptSubject): Promise<ThrottleDecision<ReservedAttempt>> {
    const accountKey = account?.accountId ?? emailCounterKey(email);
    const spared = account !== null && (account.twoFactorEnabled || (await this.signedInFrom(account.accountId, clientAddress)));
    return this.reserve(passwordLimits, {
      accountKey,
      clientAddress,
      slowedDownAcrossAddresses: !spared,
      // With a second factor, the password alone does not sign in: its code will.
      successSignsIn: account !== null && !account.twoFactorEnabled,
    });
  }

  /** Before verifying a second-factor code (or a recovery code) at login. */
  async reserveSecondFactorAttempt({ accountId, clientAddress }: SecondFactorAttemptSubject): Promise<ThrottleDecision<ReservedAttempt>> {
    return this.reserve(secondFactorLimits, {
      accountKey: accountId,
      clientAddress,
      slowedDownAcrossAddresses: !(await this.signedInFrom(accountId, clientAddress)),
      successSignsIn: true,
    });
  }

  /** Pair keys of known accounts are `<accountId>|<address>`, the key the address is remembered by. */
  private async signedInFrom(accountId: string, clientAddress: string): Promise<boolean> {
    return (await this.counters.count(knownAddress, `${accountId}|${clientAddress}`, 2)) > 0;
  }

  private async rememberAddress(accountAndAddress: string): Promise<void> {
    if ((await this.counters.count(knownAddress, accountAndAddress)) === 0) await this.counters.reserve(knownAddress, accountAndAddress);
  }

  private async reserve(limits: SecretLimits, subject: ThrottledSubject): Promise<ThrottleDecision<ReservedAttempt>> {
    const pairKey = `${subject.accountKey}|${subject.clientAddress}`;
    const reserved: { limit: AttemptLimit; key: string }[] = [];
    const giveBack = () => Promise.all(reserved.map(({ limit, key }) => this.counters.release(limit, key)));
    const refuse = async (retryAfterSeconds: number): Promise<ThrottleDecision<ReservedAttempt>> => {
      await giveBack();
      return { granted: false, retryAfterSeconds };
    };

    const pair = await this.counters.reserve(limits.pair, pairKey);
    if (!pair.granted) return refuse(pair.retryAfterSeconds);
    reserved.push({ limit: limits.pair, key: pairKey });

    const address = await this.counters.reserve(limits.address, subject.clientAddress);
    if (!address.granted) return refuse(address.retryAfterSeconds);
    reserved.push({ limit: limits.address, key: subject.clientAddress });

    if (subject.slowedDownAcrossAddresses) {
      const attempts = await this.counters.reserve(limits.accountAttempts, subject.accountKey);
      if (!attempts.granted) return refuse(attempts.retryAfterSeconds);
      reserved.push({ limit: limits.accountAttempts, key: subject.accountKey });
      const tier = limits.accountPaces.find(({ after }) => attempts.count > after);
      if (tier) {
        const paced = await this.counters.reserve(tier.pace, subject.accountKey);
        if (!paced.granted) return refuse(paced.retryAfterSeconds);
      }
    }

    return {
      granted: true,
      attempt: {
        succeeded: async () => {
          const [, ...others] = reserved;
          await Promise.all([
            this.counters.clear(limits.pair, pairKey),
            ...others.map(({ limit, key }) => this.counters.release(limit, key)),
            subject.successSignsIn ? this.rememberAddress(pairKey) : Promise.resolve(),
          ]);
        },
      },
    };
  }
}
