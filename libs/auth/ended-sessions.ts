import type { IntegrationEnvelope } from '@osteo/contracts';

/** What an access token says of the session it belongs to (claims `sid`, `sub`, `iat`). */
export interface TokenSession {
  readonly sessionId: string;
  readonly accountId: string;
  /** `iat` in milliseconds; identity signs it to the millisecond (see JwtAccessTokenIssuer). */
  readonly issuedAtMs: number;
}

/** Beyond the access-token lifetime: clocks of two processes may differ by this much. */
export const CLOCK_SKEW_MS = 60_000;

/**
 * The sessions identity ended (`SessionEnded`; `AccountPasswordChanged` and `AccountErased` for
 * every session of the account started before), so every service refuses their tokens at once,
 * not at expiry. In memory and replayed from the topic's beginning at each start, the one source
 * every replica has; kept only as long as a token lives (docs/operations.md, section 2).
 */
export class EndedSessions {
  /** By session id, when to forget it; in the order learnt, which is roughly that of their ends. */
  private readonly sessions = new Map<string, number>();
  /** By account id, its latest password change, in milliseconds. */
  private readonly passwordChanges = new Map<string, number>();
  private replay: Promise<void> = Promise.resolve();

  constructor(
    private readonly rememberForMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Learns from an event of identity.events; other event types (and unreadable ones) change nothing. */
  learn(envelope: IntegrationEnvelope): void {
    const occurredAtMs = Date.parse(envelope.occurredAt);
    const forgetAtMs = occurredAtMs + this.rememberForMs;
    this.forgetExpired();
    if (!Number.isFinite(occurredAtMs) || forgetAtMs < this.now()) return;
    if (envelope.type === 'SessionEnded' && typeof envelope.data.sessionId === 'string') {
      this.sessions.set(envelope.data.sessionId, forgetAtMs);
    } else if ((envelope.type === 'AccountPasswordChanged' || envelope.type === 'AccountErased') && typeof envelope.data.accountId === 'string') {
      // An erasure ends every session as a password change does; none can start after it.
      const accountId = envelope.data.accountId;
      const latest = Math.max(occurredAtMs, this.passwordChanges.get(accountId) ?? occurredAtMs);
      this.passwordChanges.delete(accountId);
      this.passwordChanges.set(accountId, latest);
    }
  }

  /** Whether identity ended the session this token belongs to. */
  hasEnded(token: TokenSession): boolean {
    if (this.sessions.has(token.sessionId)) return true;
    const passwordChangedAtMs = this.passwordChanges.get(token.accountId);
    return passwordChangedAtMs !== undefined && token.issuedAtMs < passwordChangedAtMs;
  }

  /** Hands over the replay of identity.events that fills this memory at start; `whenReplayed` waits for it. */
  replayedBy(replay: Promise<void>): void {
    this.replay = replay;
  }

  /** Resolves once the history this process started with has been learnt (at once if nothing replays it). */
  whenReplayed(): Promise<void> {
    return this.replay;
  }

  get size(): number {
    return this.sessions.size + this.passwordChanges.size;
  }

  /**
   * From the oldest learnt, while expired: one learnt out of order may hold a few expired ones
   * behind it for a while, which costs memory for no longer than its own lifetime.
   */
  private forgetExpired(): void {
    const nowMs = this.now();
    for (const [sessionId, forgetAtMs] of this.sessions) {
      if (forgetAtMs >= nowMs) break;
      this.sessions.delete(sessionId);
    }
    for (const [accountId, changedAtMs] of this.passwordChanges) {
      if (changedAtMs + this.rememberForMs >= nowMs) break;
      this.passwordChanges.delete(accountId);
    }
  }
}
