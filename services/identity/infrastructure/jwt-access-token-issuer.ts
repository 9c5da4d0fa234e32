import { JwtService } from '@nestjs/jwt';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, AccessTokenClaims, TokenSigningKey } from '@osteo/auth';
import { AccessTokenIssuer, IssuedAccessToken } from '../application/ports';

export class JwtAccessTokenIssuer extends AccessTokenIssuer {
  private readonly jwt: JwtService;

  constructor(
    key: TokenSigningKey,
    private readonly ttlSeconds: number,
  ) {
    super();
    this.jwt = new JwtService({ secret: key.secret });
  }

  async issue(subject: Parameters<AccessTokenIssuer['issue']>[0]): Promise<IssuedAccessToken> {
    // `exp` follows from `iat` (jsonwebtoken adds expiresIn to it), so both keep the millisecond.
    const claims: Omit<AccessTokenClaims, 'exp'> = {
      sub: subject.accountId,
      mcp: subject.mustChangePassword,
      knd: subject.kind,
      ...(subject.mustEnrolTwoFactor ? { tfe: true } : {}),
      ...(subject.mustChooseDisplayName ? { dnr: true } : {}),
      sid: subject.sessionId,
      iat: subject.issuedAt.getTime() / 1000,
    };
    const accessToken = await this.jwt.signAsync(claims, {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      expiresIn: this.ttlSeconds,
    });
    return { accessToken, expiresInSeconds: this.ttlSeconds };
  }
}
