import { RateLimiterMemoryAttemptCounters } from '../../infrastructure/rate-limiter-memory-attempt-counters';
import { LoginThrottle, PasswordAttemptSubject, loginLimits } from './login-throttle';
import { PasswordConfirmationThrottle } from './password-confirmation-throttle';
import { PasswordResetThrottle } from './password-reset-throttle';
import { RegistrationThrottle } from './registration-throttle';

/** 2026-12-04 10:00:00 UTC: the start of a 15-minute window and of a 300-second one. */
const WINDOW_START = Date.UTC(2026, 11, 4, 10, 0, 0);

describe('the login throttle (OWASP: per account and address, per address, slow down across addresses)', () => {
  let now: number;
  let counters: RateLimiterMemoryAttemptCounters;
  let throttle: LoginThrottle;

  beforeEach(() => {
    now = WINDOW_START;
    counters = new RateLimiterMemoryAttemptCounters(() => now);
    throttle = new LoginThrottle(counters);
  });

  const claire = { accountId: 'claire', twoFactorEnabled: false };
  const guess = (clientAddress: string, account: PasswordAttemptSubject['account'] = claire) =>
    throttle.reservePasswordAttempt({ email: 'claire@example.fr', clientAddress, account });
  const granted = async (attempts: Promise<{ granted: boolean }>[]) => (await Promise.all(attempts)).filter((decision) => decision.granted).length;

  it('given 50 then 200 concurrent guesses from one address, then 5 of each burst are let through to be verified', async () => {
    expect(await granted(Array.from({ length: 50 }, () => guess('203.0.113.9')))).toBe(5);
    expect(await granted(Array.from({ length: 200 }, () => guess('203.0.113.9')))).toBe(0);
  });

  it('given 5 failures from an address, then it waits for the end of the window, and a success from it clears its count', async () => {
    for (let attempt = 0; attempt < 4; attempt += 1) expect((await guess('203.0.113.9')).granted).toBe(true);
    const fifth = await guess('203.0.113.9');
    if (!fifth.granted) throw new Error('the fifth attempt is allowed');
    await fifth.attempt.succeeded();
    expect(await granted(Array.from({ length: 10 }, () => guess('203.0.113.9')))).toBe(5);

    now = WINDOW_START + 10 * 60_000;
    expect(await guess('203.0.113.9')).toEqual({ granted: false, retryAfterSeconds: 5 * 60 });
    now = WINDOW_START + 15 * 60_000;
    expect((await guess('203.0.113.9')).granted).toBe(true);
  });

  it("given an attacker's failures from another address, then the owner still signs in from the address they use", async () => {
    const atHome = await guess('198.51.100.7');
    if (!atHome.granted) throw new Error('first attempt');
    await atHome.attempt.succeeded();
    // 25 attackers' addresses, 5 guesses each: the slowdown lets few of them through, never a lock.
    for (let address = 1; address <= 25; address += 1) await Promise.all(Array.from({ length: 5 }, () => guess(`203.0.113.${address}`)));
    expect((await guess('198.51.100.7')).granted).toBe(true);
  });

  it('remembers for 10 to 20 days the addresses an account signed in from, across the boundary of a window', async () => {
    const atHome = await guess('198.51.100.7');
    if (!atHome.granted) throw new Error('first attempt');
    await atHome.attempt.succeeded();
    // Past every 15-minute window and into the next 10-day one, then far enough into the slowdown to refuse a new address.
    now += 12 * 24 * 3600 * 1000;
    for (let address = 1; address <= 3; address += 1) await Promise.all(Array.from({ length: 5 }, () => guess(`203.0.113.${address}`)));
    expect((await guess('192.0.2.1')).granted).toBe(false);
    expect((await guess('198.51.100.7')).granted).toBe(true);
  });

  it('given more than 10 failures across addresses, then the account is slowed down, not locked: one attempt per 15 s from new addresses', async () => {
    for (let address = 1; address <= 2; address += 1) await Promise.all(Array.from({ length: 5 }, () => guess(`203.0.113.${address}`)));
    const paced = await Promise.all(Array.from({ length: 5 }, (_, index) => guess(`192.0.2.${index}`)));
    expect(paced.filter((decision) => decision.granted)).toHaveLength(1);
    expect(paced.find((decision) => !decision.granted)).toEqual({ granted: false, retryAfterSeconds: 15 });
    now += 15_000;
    expect((await guess('192.0.2.50')).granted).toBe(true);
    expect((await guess('192.0.2.51')).granted).toBe(false);
    expect(loginLimits.accountSlowdown.map(({ after }) => after)).toEqual([100, 30, 10]);
  });

  it('given two-factor sign-in, then password failures across addresses do not slow the account down', async () => {
    const withSecondFactor = { accountId: 'claire', twoFactorEnabled: true };
    for (let address = 1; address <= 4; address += 1) {
      expect(await granted(Array.from({ length: 5 }, () => guess(`203.0.113.${address}`, withSecondFactor)))).toBe(5);
    }
  });

  it('given 30 failures from one address on many accounts, then that address is refused (password spraying)', async () => {
    const spray = Array.from({ length: 40 }, (_, index) => throttle.reservePasswordAttempt({ email: `user${index}@example.fr`, clientAddress: '203.0.113.9', account: null }));
    expect(await granted(spray)).toBe(loginLimits.perAddress);
  });

  it('counts second-factor codes apart from passwords, with the same limits', async () => {
    await Promise.all(Array.from({ length: 5 }, () => guess('203.0.113.9')));
    const codes = Array.from({ length: 10 }, () => throttle.reserveSecondFactorAttempt({ accountId: 'claire', clientAddress: '203.0.113.9' }));
    expect(await granted(codes)).toBe(5);
  });

  it('keeps wrong current passwords (/auth/password) apart from logins: 5 per account', async () => {
    const confirmations = new PasswordConfirmationThrottle(counters);
    expect(await granted(Array.from({ length: 8 }, () => confirmations.reserve('claire')))).toBe(5);
    expect((await guess('198.51.100.7')).granted).toBe(true);
  });

  it('counts registrations per address and password-reset requests per e-mail and address, before any work', async () => {
    const registrations = new RegistrationThrottle(counters, 3);
    const answers = await Promise.all(Array.from({ length: 10 }, () => registrations.reserve('203.0.113.9')));
    expect(answers.filter((retryAfter) => retryAfter === null)).toHaveLength(3);
    expect(answers.filter((retryAfter) => retryAfter === 15 * 60)).toHaveLength(7);

    const resets = new PasswordResetThrottle(counters);
    const perEmail = await Promise.all(Array.from({ length: 5 }, () => resets.reserve('claire@example.fr', '203.0.113.9')));
    expect(perEmail.filter((retryAfter) => retryAfter === null)).toHaveLength(3);
  });
});
