import { Module } from '@nestjs/common';
import { AccessReader, TokenSigningKey, accessProjections } from '@osteo/auth';
import { ReadStore } from '@osteo/read-store';
import { Topics } from '@osteo/contracts';
import { PLATFORM_CONFIG, PlatformConfig, ServiceInfrastructureModule } from '@osteo/platform';
import { accountDirectoryProjection } from './application/account-directory/account-directory.projection';
import { AccountLookup } from './application/account-lookup';
import { ChangePasswordHandler } from './application/change-password/change-password.handler';
import { EmailReservations } from './application/email-reservations';
import { LogInHandler } from './application/log-in/log-in.handler';
import { LogOutHandler } from './application/log-out/log-out.handler';
import { AccessTokenIssuer, IdentitySettings, LoginThrottle, Mailer, PasswordHasher, PasswordResetThrottle } from './application/ports';
import { Clock, SystemClock } from '@osteo/platform';
import { ProvisionGranteeHandler } from './application/provision-grantee/provision-grantee.handler';
import { toIdentityPublicEvent } from './application/publishing/identity-public-events';
import { ReadMyAccountQuery } from './application/read-my-account/read-my-account.query';
import { RefreshSessionHandler } from './application/refresh-session/refresh-session.handler';
import { RegisterAccountHandler } from './application/register-account/register-account.handler';
import { RequestPasswordResetHandler } from './application/request-password-reset/request-password-reset.handler';
import { ResetPasswordHandler } from './application/reset-password/reset-password.handler';
import { SessionTokens } from './application/session-tokens';
import { Argon2PasswordHasher } from './infrastructure/argon2-password-hasher';
import { InMemoryLoginThrottle } from './infrastructure/in-memory-login-throttle';
import { InMemoryPasswordResetThrottle } from './infrastructure/in-memory-password-reset-throttle';
import { JwtAccessTokenIssuer } from './infrastructure/jwt-access-token-issuer';
import { OutboxDirectoryMailer } from './infrastructure/outbox-directory-mailer';
import { SmtpMailer } from './infrastructure/smtp-mailer';
import { AuthController } from './interface/auth.controller';
import { DelegationGrantedReactor } from './interface/delegation-granted.reactor';
import { RefreshTokenCookie } from './interface/refresh-token-cookie';

/** Accounts, passwords, sessions and tokens, and the accounts of delegations' grantees. */
@Module({
  imports: [
    ServiceInfrastructureModule.forService({
      name: 'identity',
      publishes: { topic: Topics.identity, toIntegrationEvent: toIdentityPublicEvent },
      projections: { topics: [Topics.identity, Topics.access], projections: [accountDirectoryProjection, ...accessProjections] },
      rebuildable: { 'account-directory': { projection: accountDirectoryProjection, fedBy: 'published' } },
    }),
  ],
  controllers: [AuthController],
  providers: [
    { provide: AccessReader, inject: [ReadStore], useFactory: (readStore: ReadStore) => new AccessReader(readStore) },
    { provide: PasswordHasher, useFactory: () => new Argon2PasswordHasher() },
    {
      provide: AccessTokenIssuer,
      inject: [TokenSigningKey, PLATFORM_CONFIG],
      useFactory: (key: TokenSigningKey, config: PlatformConfig) => new JwtAccessTokenIssuer(key, config.tokens.accessTokenTtlSeconds),
    },
    { provide: LoginThrottle, useFactory: () => new InMemoryLoginThrottle() },
    { provide: PasswordResetThrottle, useFactory: () => new InMemoryPasswordResetThrottle() },
    {
      provide: Mailer,
      inject: [PLATFORM_CONFIG],
      useFactory: ({ mail }: PlatformConfig): Mailer => (mail.kind === 'smtp' ? new SmtpMailer(mail) : new OutboxDirectoryMailer(mail)),
    },
    { provide: Clock, useClass: SystemClock },
    {
      provide: IdentitySettings,
      inject: [PLATFORM_CONFIG],
      useFactory: (config: PlatformConfig): IdentitySettings => ({ refreshTokenTtlSeconds: config.tokens.refreshTokenTtlSeconds, publicUrl: config.publicUrl }),
    },
    AccountLookup,
    EmailReservations,
    SessionTokens,
    RegisterAccountHandler,
    LogInHandler,
    RefreshSessionHandler,
    ChangePasswordHandler,
    LogOutHandler,
    RequestPasswordResetHandler,
    ResetPasswordHandler,
    RefreshTokenCookie,
    ReadMyAccountQuery,
    ProvisionGranteeHandler,
    DelegationGrantedReactor,
  ],
})
export class IdentityModule {}
