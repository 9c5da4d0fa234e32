import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AuthenticationGuard } from './authentication.guard';
import { CLOCK_SKEW_MS, EndedSessions } from './ended-sessions';
import { JwtStrategy } from './jwt.strategy';
import { TokenSigningKey } from './token-signing-key';

/** The access-token lifetime identity signs with, unless told (ACCESS_TOKEN_TTL_SECONDS). */
const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 900;

/**
 * Verifies access tokens on every route of the process that imports it (once, at the root).
 * Whoever imports it feeds the EndedSessions it exports with identity.events (PlatformModule).
 */
@Module({})
export class AuthenticationModule {
  static forRoot(key: TokenSigningKey, accessTokenTtlSeconds = DEFAULT_ACCESS_TOKEN_TTL_SECONDS): DynamicModule {
    return {
      module: AuthenticationModule,
      global: true,
      imports: [PassportModule],
      providers: [
        { provide: TokenSigningKey, useValue: key },
        JwtStrategy,
        { provide: EndedSessions, useValue: new EndedSessions(accessTokenTtlSeconds * 1000 + CLOCK_SKEW_MS) },
        { provide: APP_GUARD, useClass: AuthenticationGuard },
      ],
      exports: [TokenSigningKey, EndedSessions],
    };
  }
}
