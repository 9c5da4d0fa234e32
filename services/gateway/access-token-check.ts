import { JwtService } from '@nestjs/jwt';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '@osteo/auth';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The gateway's edge check of an `Authorization: Bearer` header, by the rule every service's
 * guard applies (libs/auth): signature with the shared secret, the pinned algorithm, issuer,
 * audience, an expiry and an issue time, not expired. It only lets a request through; each
 * service still decides who may do what with the token's claims, and whether its session ended
 * (the gateway keeps no state).
 */
export class AccessTokenCheck {
  private readonly jwt: JwtService;

  constructor(signingSecret: string) {
    this.jwt = new JwtService({
      secret: signingSecret,
      verifyOptions: { algorithms: [ACCESS_TOKEN_ALGORITHM], issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE },
    });
  }

  accepts(authorization: string | undefined): boolean {
    const token = authorization && BEARER.exec(authorization)?.[1];
    if (!token) return false;
    try {
      // jsonwebtoken checks `exp` only when a token has one: a token without it would never expire.
      const claims = this.jwt.verify<{ exp?: unknown; iat?: unknown }>(token);
      return isNumericDate(claims.exp) && isNumericDate(claims.iat);
    } catch {
      return false;
    }
  }
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
