import { Module } from '@nestjs/common';
import { TokenSigningKey } from '@osteo/auth';
import { Topics } from '@osteo/contracts';
import { PLATFORM_CONFIG, PlatformConfig, ServiceInfrastructureModule } from '@osteo/platform';
import { accountDirectoryProjection } from './application/account-directory/account-directory.projection';
import { AccountLookup } from './application/account-lookup';
import { ChangePasswordHandler } from './application/change-password/change-password.handler';
import { LogInHandler } from './application/log-in/log-in.handler';
import { LogOutHandler } from './application/log-out/log-out.handler';
import { AccessTokenIssuer, Clock, IdentitySettings, LoginThrottle, PasswordHasher, SystemClock } from './application/ports';
import { toIdentityPublicEvent } from './application/publishing/identity-public-events';
import { ReadMyAccountQuery } from './application/read-my-account/read-my-account.query';
import { RefreshSessionHandler } from './application/refresh-session/refresh-session.handler';
import { RegisterAccountHandler } from './application/register-account/register-account.handler';
import { SessionTokens } from './application/session-tokens';
import { Argon2PasswordHasher } from './infrastructure/argon2-password-hasher';
import { InMemoryLoginThrottle } from './infrastructure/in-memory-login-throttle';
import { JwtAccessTokenIssuer } from './infrastructure/jwt-access-token-issuer';
import { AuthController } from './interface/auth.controller';

/** Accounts, passwords, sessions and tokens. */
@Module({
  imports: [
    ServiceInfrastructureModule.forService({
      name: 'identity',
      publishes: { topic: Topics.identity, toIntegrationEvent: toIdentityPublicEvent },
      projections: { topics: [Topics.identity], projections: [accountDirectoryProjection] },
    }),
  ],
  controllers: [AuthController],
  providers: [
    { provide: PasswordHasher, useFactory: () => new Argon2PasswordHasher() },
    {
      provide: AccessTokenIssuer,
      inject: [TokenSigningKey, PLATFORM_CONFIG],
      useFactory: (key: TokenSigningKey, config: PlatformConfig) => new JwtAccessTokenIssuer(key, config.tokens.accessTokenTtlSeconds),
    },
    { provide: LoginThrottle, useFactory: () => new InMemoryLoginThrottle() },
    { provide: Clock, useClass: SystemClock },
    {
      provide: IdentitySettings,
      inject: [PLATFORM_CONFIG],
      useFactory: (config: PlatformConfig): IdentitySettings => ({ refreshTokenTtlSeconds: config.tokens.refreshTokenTtlSeconds }),
    },
    AccountLookup,
    SessionTokens,
    RegisterAccountHandler,
    LogInHandler,
    RefreshSessionHandler,
    ChangePasswordHandler,
    LogOutHandler,
    ReadMyAccountQuery,
  ],
})
export class IdentityModule {}
