import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, AccessTokenClaims, Principal } from './principal';
import { TokenSigningKey } from './token-signing-key';

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

  validate(claims: AccessTokenClaims): Principal {
    // Least privilege for a token without a recognised kind: it cannot act as a main account.
    return { accountId: claims.sub, kind: claims.knd === 'main' ? 'main' : 'specific', mustChangePassword: claims.mcp === true };
  }
}
