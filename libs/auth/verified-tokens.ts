import type { TokenSession } from './ended-sessions';
import type { Principal } from './principal';

/** What passport-jwt's verification of an access token gives: who calls, and in which session. */
export interface VerifiedAccessToken {
  readonly principal: Principal;
  readonly session: TokenSession;
}

/**
 * Access tokens this process has verified, with the principal each stands for, until each one's
 * expiry. A token is an immutable signed string, so verifying it again can only give the same
 * answer until it expires: the HMAC and claim checks (a fifth of a listing request's CPU) are
 * done once per token, not once per request. Nothing else is skipped: the password-change rule
 * and every access check still run on each request, and a token not seen before, or changed by
 * a single character, goes through passport-jwt in full. Nor does a remembered token outlive
 * its session: the guard asks EndedSessions on every request, remembered or not.
 *
 * Bounded: beyond `capacity` tokens the one remembered first is forgotten (it is verified again
 * if it comes back). One process's memory only; the signing key lives as long as the process.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { readonly verified: VerifiedAccessToken; readonly expiresAtMs: number }>();

  constructor(
    private readonly capacity = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** What a token verified earlier and not yet expired stands for. */
  verifiedBefore(token: string): VerifiedAccessToken | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (entry.expiresAtMs <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.verified;
  }

  /** Call only once passport-jwt has accepted the token; a token without an expiry is not remembered. */
  remember(token: string, verified: VerifiedAccessToken): void {
    const expiresAtMs = expiryOf(token);
    if (expiresAtMs === undefined || expiresAtMs <= this.now()) return;
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    // Frozen: the same object now stands for the token in every later request.
    this.entries.set(token, {
      verified: Object.freeze({ principal: Object.freeze({ ...verified.principal }), session: Object.freeze({ ...verified.session }) }),
      expiresAtMs,
    });
  }

  get size(): number {
    return this.entries.size;
  }
}

/** `exp` of a token already verified (so its payload is known to be well formed), in milliseconds. */
function expiryOf(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' && Number.isFinite(payload.exp) ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
