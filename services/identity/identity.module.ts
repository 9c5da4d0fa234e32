import { Module } from '@nestjs/common';
import { TokenSigningKey } from '@osteo/auth';
import { ReadStore } from '@osteo/read-store';
import { Topics } from '@osteo/contracts';
import { AccessModule, EmailDigests, PLATFORM_CONFIG, PlatformConfig, SealedEmails, ServiceInfrastructureModule } from '@osteo/platform';
import { accountDirectoryProjection } from './application/account-directory/account-directory.projection';
import { identityPersonalData } from './application/personal-data/identity-personal-data';
import { AccountLookup } from './application/accounts/account-lookup';
import { ChangePasswordHandler } from './application/change-password/change-password.handler';
import { ChooseDisplayNameHandler } from './application/choose-display-name/choose-display-name.handler';
import { ChooseLanguageHandler } from './application/choose-language/choose-language.handler';
import { EmailReservations } from './application/accounts/email-reservations';
import { LogInHandler } from './application/log-in/log-in.handler';
import { LogOutHandler } from './application/log-out/log-out.handler';
import { AccessTokenIssuer, AttemptCounters, IdentitySettings, PasswordHasher } from './application/ports';
import { Mailer, OutboxDirectoryMailer, SmtpMailer } from '@osteo/mail';
import { ProvisionGranteeHandler } from './application/provision-grantee/provision-grantee.handler';
import { toIdentityPublicEvent } from './application/publishing/identity-public-events';
import { ReadMyAccountQuery } from './application/read-my-account/read-my-account.query';
import { RefreshSessionHandler } from './application/refresh-session/refresh-session.handler';
import { RegisterAccountHandler } from './application/register-account/register-account.handler';
import { RequestPasswordResetHandler } from './application/request-password-reset/request-password-reset.handler';
import { ResetPasswordHandler } from './application/reset-password/reset-password.handler';
import { SessionTokens } from './application/sessions/session-tokens';
import { Argon2PasswordHasher } from './infrastructure/argon2-password-hasher';
import {
  LoginThrottle,
  PasswordConfirmationThrottle,
  PasswordResetThrottle,
  REGISTRATION_LIMIT,
  RegistrationThrottle,
} from './application/throttling';
import { RateLimiterMemoryAttemptCounters } from './infrastructure/rate-limiter-memory-attempt-counters';
import { ReadStoreAttemptCounters } from './infrastructure/read-store-attempt-counters';
import { JwtAccessTokenIssuer } from './infrastructure/jwt-access-token-issuer';
import { AuthController } from './interface/auth.controller';
import { IdentityAccessEventsReactor } from './application/access-events/access-events.reactor';
import { MailColleagueInvitationHandler } from './application/mail-colleague-invitation/mail-colleague-invitation.handler';
import { RefreshTokenCookie } from './interface/refresh-token-cookie';
import { TwoFactorController } from './interface/two-factor.controller';
import { AccountsController } from './interface/accounts.controller';
import { AccountLanguageController } from './interface/account-language.controller';
import { EraseAccountHandler } from './application/erase-account/erase-account.handler';
import { OneTimePasswords, TwoFactorChallenges } from './application/ports';
import { CompleteTwoFactorLoginHandler } from './application/complete-two-factor-login/complete-two-factor-login.handler';
import { DisableTwoFactorHandler } from './application/disable-two-factor/disable-two-factor.handler';
import { ConfirmTwoFactorEnrolmentHandler, StartTwoFactorEnrolmentHandler } from './application/enrol-two-factor/enrol-two-factor.handlers';
import { ReadTwoFactorStatusQuery } from './application/read-two-factor-status/read-two-factor-status.query';
import { RequireTeamTwoFactorHandler } from './application/require-team-two-factor/require-team-two-factor.handler';
import { TwoFactorRequirement } from './application/two-factor/two-factor-requirement';
import { JwtTwoFactorChallenges } from './infrastructure/jwt-two-factor-challenges';
import { OtplibOneTimePasswords } from './infrastructure/otplib-one-time-passwords';

const infrastructure = ServiceInfrastructureModule.forService({
  name: 'identity',
  publishes: { topic: Topics.identity, toIntegrationEvent: toIdentityPublicEvent },
  projections: { topics: [Topics.identity], projections: [accountDirectoryProjection] },
  rebuildable: { 'account-directory': { projection: accountDirectoryProjection, fedBy: 'published' } },
  personalData: identityPersonalData,
});

/** Accounts, passwords, sessions and tokens, and the accounts of delegations' grantees. */
@Module({
  imports: [infrastructure, AccessModule.over(infrastructure)],
  controllers: [AuthController, TwoFactorController, AccountsController, AccountLanguageController],
  providers: [
    { provide: PasswordHasher, useFactory: () => new Argon2PasswordHasher() },
    {
      provide: AccessTokenIssuer,
      inject: [TokenSigningKey, PLATFORM_CONFIG],
      useFactory: (key: TokenSigningKey, config: PlatformConfig) => new JwtAccessTokenIssuer(key, config.tokens.accessTokenTtlSeconds),
    },
    {
      // Where every instance sees them: the read store's MongoDB when there is one, else this process.
      provide: AttemptCounters,
      inject: [ReadStore, PLATFORM_CONFIG],
      useFactory: (readStore: ReadStore, config: PlatformConfig): AttemptCounters =>
        config.readStore.kind === 'mongodb' ? new ReadStoreAttemptCounters(readStore) : new RateLimiterMemoryAttemptCounters(),
    },
    { provide: REGISTRATION_LIMIT, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => config.registrationsPerAddress },
    LoginThrottle,
    PasswordConfirmationThrottle,
    PasswordResetThrottle,
    RegistrationThrottle,
    {
      provide: Mailer,
      inject: [PLATFORM_CONFIG],
      useFactory: ({ mail }: PlatformConfig): Mailer => (mail.kind === 'smtp' ? new SmtpMailer(mail) : new OutboxDirectoryMailer(mail)),
    },
    { provide: EmailDigests, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => EmailDigests.from(config) },
    { provide: SealedEmails, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => SealedEmails.from(config) },
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
    ChooseDisplayNameHandler,
    ChooseLanguageHandler,
    LogOutHandler,
    RequestPasswordResetHandler,
    ResetPasswordHandler,
    RefreshTokenCookie,
    ReadMyAccountQuery,
    ProvisionGranteeHandler,
    IdentityAccessEventsReactor,
    MailColleagueInvitationHandler,
    EraseAccountHandler,
    // Two-factor sign-in
    { provide: OneTimePasswords, useFactory: () => new OtplibOneTimePasswords() },
    { provide: TwoFactorChallenges, inject: [TokenSigningKey], useFactory: (key: TokenSigningKey) => new JwtTwoFactorChallenges(key) },
    TwoFactorRequirement,
    StartTwoFactorEnrolmentHandler,
    ConfirmTwoFactorEnrolmentHandler,
    CompleteTwoFactorLoginHandler,
    DisableTwoFactorHandler,
    RequireTeamTwoFactorHandler,
    ReadTwoFactorStatusQuery,
  ],
})
export class IdentityModule {}
