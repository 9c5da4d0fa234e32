import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, AccessTokenClaims, Principal } from './principal';
import type { TokenSession } from './ended-sessions';
import { TokenSigningKey } from './token-signing-key';
import type { VerifiedAccessToken } from './verified-tokens';

/** Where an access token is read from, for the strategy and for the guard's memo of verified tokens alike. */
export const bearerTokenOf = ExtractJwt.fromAuthHeaderAsBearerToken();

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(key: TokenSigningKey) {
    super({
      jwtFromRequest: bearerTokenOf,
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to read it as a
      // public key on every verification, a fifth of a request's CPU, before treating it as a secret.
      secretOrKey: createSecretKey(Buffer.from(key.secret)) as unknown as string,
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  /** False (a 401) for a token without an expiry, an issue time or a session: it could never be ended. */
  validate(claims: AccessTokenClaims): VerifiedAccessToken | false {
    const session = tokenSessionOf(claims);
    if (session === undefined || !isNumericDate(claims.exp)) return false;
    // Least privilege for a token without a recognised kind: it cannot act as a main account.
    const principal: Principal = {
      accountId: claims.sub,
      kind: claims.knd === 'main' ? 'main' : 'specific',
      mustChangePassword: claims.mcp === true,
      ...(claims.tfe === true ? { mustEnrolTwoFactor: true } : {}),
      ...(claims.dnr === true ? { mustChooseDisplayName: true } : {}),
    };
    return { principal, session };
  }
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function tokenSessionOf(claims: Partial<AccessTokenClaims>): TokenSession | undefined {
  const { sid, sub, iat } = claims;
  if (typeof sid !== 'string' || sid === '' || typeof sub !== 'string' || !isNumericDate(iat)) return undefined;
  return { sessionId: sid, accountId: sub, issuedAtMs: iat * 1000 };
}
