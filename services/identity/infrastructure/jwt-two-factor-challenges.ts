import { JwtService } from '@nestjs/jwt';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_ISSUER, TokenSigningKey } from '@osteo/auth';
import { IssuedTwoFactorChallenge, TwoFactorChallengeSubject, TwoFactorChallenges } from '../application/ports';

/**
 * Its own audience: every service verifies access tokens for `osteo-platform` only, so a
 * challenge opens no route, and this verifier refuses an access token for the same reason.
 */
const CHALLENGE_AUDIENCE = 'osteo-two-factor-login';
export const TWO_FACTOR_CHALLENGE_TTL_SECONDS = 5 * 60;

interface ChallengeClaims {
  readonly sub: string;
  /** The password version when the password was checked: a change meanwhile voids the challenge. */
  readonly pwv: number;
}

export class JwtTwoFactorChallenges extends TwoFactorChallenges {
  private readonly jwt: JwtService;

  constructor(key: TokenSigningKey) {
    super();
    this.jwt = new JwtService({ secret: key.secret });
  }

  async issue(subject: TwoFactorChallengeSubject): Promise<IssuedTwoFactorChallenge> {
    const claims: ChallengeClaims = { sub: subject.accountId, pwv: subject.passwordVersion };
    const challengeToken = await this.jwt.signAsync(claims, {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      issuer: ACCESS_TOKEN_ISSUER,
      audience: CHALLENGE_AUDIENCE,
      expiresIn: TWO_FACTOR_CHALLENGE_TTL_SECONDS,
    });
    return { challengeToken, expiresInSeconds: TWO_FACTOR_CHALLENGE_TTL_SECONDS };
  }

  async verify(challengeToken: string): Promise<TwoFactorChallengeSubject | null> {
    try {
      const claims = await this.jwt.verifyAsync<ChallengeClaims & { exp?: number }>(challengeToken, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: CHALLENGE_AUDIENCE,
      });
      if (typeof claims.sub !== 'string' || typeof claims.pwv !== 'number' || typeof claims.exp !== 'number') return null;
      return { accountId: claims.sub, passwordVersion: claims.pwv };
    } catch {
      return null;
    }
  }
}
