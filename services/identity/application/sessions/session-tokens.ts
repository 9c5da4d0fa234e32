import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { refreshSessionDecider, refreshSessionStreamId } from '../../domain/refresh-session';
import { AccessTokenIssuer, IdentitySettings } from '../ports';
import { Clock } from '@osteo/platform';
import type { ActiveAccount } from '../accounts/account-lookup';
import { TwoFactorRequirement } from '../two-factor/two-factor-requirement';
import type { RequestContext } from '../request-context/request-context';

export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
  readonly mustChangePassword: boolean;
  /** An owner the account works for requires two-factor sign-in, and it has not enrolled yet. */
  readonly mustEnrolTwoFactor: boolean;
  /** A provisioned account that has not chosen its display name yet (PUT /me/display-name, then refresh). */
  readonly mustChooseDisplayName: boolean;
}

/** A refresh token is `<sessionId>.<secret>`; only the secret's SHA-256 is stored. */
export interface ParsedRefreshToken {
  readonly sessionId: string;
  readonly secretHash: string;
}

const refreshTokenPattern = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

export function parseRefreshToken(token: string): ParsedRefreshToken {
  const match = refreshTokenPattern.exec(token);
  if (!match) throw new Rejection('unauthenticated', 'AUTH.INVALID_REFRESH_TOKEN', 'This refresh token is not valid');
  return { sessionId: match[1], secretHash: hashSecret(match[2]) };
}

function hashSecret(secret: string): string {
  // The secret is 256 random bits: a fast hash is enough, unlike for passwords.
  return createHash('sha256').update(secret).digest('hex');
}

function newSecret(): { secret: string; secretHash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, secretHash: hashSecret(secret) };
}

/** Starts and rotates login sessions, and issues the token pair for each step. */
@Injectable()
export class SessionTokens {
  constructor(
    private readonly store: EventStore,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly clock: Clock,
    private readonly settings: IdentitySettings,
    private readonly twoFactorRequirement: TwoFactorRequirement,
  ) {}

  async start(account: ActiveAccount, context: RequestContext): Promise<TokenPair> {
    const sessionId = randomUUID();
    const { secret, secretHash } = newSecret();
    const now = this.clock.now();
    await handleCommand(this.store, refreshSessionStreamId(sessionId), refreshSessionDecider, {
      type: 'StartSession',
      data: { sessionId, accountId: account.accountId, tokenHash: secretHash, expiresAt: this.expiryFrom(now), passwordVersion: account.passwordVersion },
      metadata: { now, actorId: account.accountId, correlationId: context.correlationId },
    });
    return this.pair(account, `${sessionId}.${secret}`);
  }

  /** Swaps a refresh token for a new pair; a spent token revokes its whole session. */
  async rotate(presented: ParsedRefreshToken, account: ActiveAccount, context: RequestContext): Promise<TokenPair> {
    const { secret, secretHash } = newSecret();
    const now = this.clock.now();
    const { newEvents } = await handleCommand(this.store, refreshSessionStreamId(presented.sessionId), refreshSessionDecider, {
      type: 'RotateRefreshToken',
      data: { presentedTokenHash: presented.secretHash, nextTokenHash: secretHash, expiresAt: this.expiryFrom(now), accountPasswordVersion: account.passwordVersion },
      metadata: { now, actorId: account.accountId, correlationId: context.correlationId },
    });
    if (newEvents.some((event) => event.type === 'SessionRevoked')) {
      throw new Rejection('unauthenticated', 'AUTH.REFRESH_TOKEN_REUSED',
        'This refresh token was already used; the session has been revoked for safety. Log in again.',
      );
    }
    return this.pair(account, `${presented.sessionId}.${secret}`);
  }

  async end(presented: ParsedRefreshToken, accountId: string, context: RequestContext): Promise<void> {
    await handleCommand(this.store, refreshSessionStreamId(presented.sessionId), refreshSessionDecider, {
      type: 'EndSession',
      data: { presentedTokenHash: presented.secretHash },
      metadata: { now: this.clock.now(), actorId: accountId, correlationId: context.correlationId },
    });
  }

  private expiryFrom(now: Date): string {
    return new Date(now.getTime() + this.settings.refreshTokenTtlSeconds * 1000).toISOString();
  }

  private async pair(account: ActiveAccount, refreshToken: string): Promise<TokenPair> {
    const mustEnrolTwoFactor = await this.twoFactorRequirement.mustEnrol(account);
    const mustChooseDisplayName = !account.displayNameChosen;
    const { accessToken, expiresInSeconds } = await this.accessTokens.issue({
      accountId: account.accountId,
      kind: account.kind,
      mustChangePassword: account.mustChangePassword,
      mustEnrolTwoFactor,
      mustChooseDisplayName,
      // The refresh token names its session: `<sessionId>.<secret>`.
      sessionId: refreshToken.slice(0, refreshToken.indexOf('.')),
      issuedAt: this.clock.now(),
    });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: expiresInSeconds, mustChangePassword: account.mustChangePassword, mustEnrolTwoFactor, mustChooseDisplayName };
  }
}
