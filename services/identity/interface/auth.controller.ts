import { Body, Controller, Get, HttpCode, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags, ApiExtraModels, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllowedBeforeDisplayNameChoice, AllowedDuringPasswordChange, AllowedDuringTwoFactorEnrolment, CurrentPrincipal, Principal, PublicRoute } from '@osteo/auth';
import { ApiErrors, CreatedAt } from '@osteo/http';
import { Rejection } from '@osteo/event-sourcing/rejection';
import type { RequestContext } from '../application/request-context/request-context';
import { ChangePasswordHandler } from '../application/change-password/change-password.handler';
import { ChooseDisplayNameHandler } from '../application/choose-display-name/choose-display-name.handler';
import { LogInHandler } from '../application/log-in/log-in.handler';
import { LogOutHandler } from '../application/log-out/log-out.handler';
import { ReadMyAccountQuery } from '../application/read-my-account/read-my-account.query';
import { RefreshSessionHandler } from '../application/refresh-session/refresh-session.handler';
import { RegisterAccountHandler } from '../application/register-account/register-account.handler';
import { RequestPasswordResetHandler } from '../application/request-password-reset/request-password-reset.handler';
import { ResetPasswordHandler } from '../application/reset-password/reset-password.handler';
import type { TokenPair } from '../application/sessions/session-tokens';
import {
  AccountCreatedDto,
  ChangePasswordDto,
  ChooseDisplayNameDto,
  ConfirmPasswordResetDto,
  LogInDto,
  MeDto,
  PasswordResetAcceptedDto,
  RefreshTokenDto,
  RegisterAccountDto,
  RequestPasswordResetDto,
  TokenPairDto,
} from './auth.dto';
import { REFRESH_TOKEN_TRANSPORT_HEADER, RefreshTokenCookie, refreshTokenFromBody, refreshTokenTransportOf } from './refresh-token-cookie';
import { CurrentRequest } from './request-context';
import { TwoFactorChallengeDto } from './two-factor.dto';

const transportHeader = {
  name: REFRESH_TOKEN_TRANSPORT_HEADER,
  required: false,
  enum: ['cookie'],
  description: 'cookie: the refresh token travels in the HttpOnly osteo_refresh cookie (Path=/api/v1/auth), never in the body (browsers)',
};

/**
 * The body of refresh and logout may be absent (cookie mode). Typed as the DTO itself, not
 * `RefreshTokenDto | undefined` (reflected as Object: neither validated nor documented).
 */
const optionalRefreshTokenBody = { type: RefreshTokenDto, required: false };

/** The same answer whatever the address: nothing here says whether it has an account. */
const PASSWORD_RESET_ACCEPTED: PasswordResetAcceptedDto = {
  message: 'If an account uses this address, a link to choose a new password has been sent to it; it works once, for 30 minutes.',
};

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly registerAccount: RegisterAccountHandler,
    private readonly logIn: LogInHandler,
    private readonly refreshSession: RefreshSessionHandler,
    private readonly changePassword: ChangePasswordHandler,
    private readonly logOut: LogOutHandler,
    private readonly readMyAccount: ReadMyAccountQuery,
    private readonly requestPasswordReset: RequestPasswordResetHandler,
    private readonly resetPassword: ResetPasswordHandler,
    private readonly refreshTokenCookie: RefreshTokenCookie,
    private readonly chooseDisplayName: ChooseDisplayNameHandler,
  ) {}

  @Post('auth/register')
  @PublicRoute()
  @ApiOperation({ summary: 'Create a main account (an osteopath)' })
  // The account is read by its holder only, at /me once signed in: no route reads it by id.
  @CreatedAt(AccountCreatedDto, '/me')
  @ApiErrors(
    { status: 409, description: 'ACCOUNT.EMAIL_TAKEN' },
    { status: 429, description: 'AUTH.TOO_MANY_REGISTRATIONS, with Retry-After: 20 registrations from one client address within 15 minutes (REGISTRATIONS_PER_ADDRESS)' },
  )
  register(@Body() body: RegisterAccountDto, @CurrentRequest() request: RequestContext): Promise<AccountCreatedDto> {
    return this.registerAccount.execute(body, request);
  }

  @Post('auth/login')
  @PublicRoute()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in; answers 429 after repeated failures for an address or e-mail. An account with two-factor sign-in gets a challenge for POST /auth/login/two-factor instead of tokens',
  })
  @ApiHeader(transportHeader)
  @ApiExtraModels(TokenPairDto, TwoFactorChallengeDto)
  @ApiResponse({ status: 200, schema: { oneOf: [{ $ref: getSchemaPath(TokenPairDto) }, { $ref: getSchemaPath(TwoFactorChallengeDto) }] } })
  @ApiErrors(
    { status: 401, description: 'AUTH.INVALID_CREDENTIALS: wrong e-mail address or password, alike' },
    { status: 429, description: 'AUTH.TOO_MANY_ATTEMPTS, with Retry-After: 5 failures for one account from one address or 30 from one address within 15 minutes; past 10 failures of an account from addresses it has not signed in from, one attempt every 15 s to 5 min' },
  )
  async login(
    @Body() body: LogInDto,
    @CurrentRequest() context: RequestContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairDto | TwoFactorChallengeDto> {
    const transport = refreshTokenTransportOf(request);
    const answer = await this.logIn.execute(body, context);
    // A two-factor account gets a challenge: no token, no cookie until the code (TwoFactorController).
    if ('twoFactorRequired' in answer) return answer;
    return transport === 'cookie' ? this.handOverInCookie(answer, request, reply) : answer;
  }

  @Post('auth/refresh')
  @PublicRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token (once) for a new pair; a reused token revokes its session' })
  @ApiHeader(transportHeader)
  @ApiBody(optionalRefreshTokenBody)
  @ApiResponse({ status: 200, type: TokenPairDto })
  @ApiResponse({ status: 403, description: 'AUTH.CSRF_HEADER_REQUIRED: the refresh cookie was sent without the header' })
  @ApiErrors({
    status: 401,
    description: 'AUTH.INVALID_REFRESH_TOKEN, AUTH.REFRESH_TOKEN_REUSED (the whole session is revoked), AUTH.SESSION_REVOKED, AUTH.SESSION_ENDED, AUTH.SESSION_EXPIRED',
  })
  async refresh(
    @Body() body: RefreshTokenDto,
    @CurrentRequest() context: RequestContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairDto> {
    if (refreshTokenTransportOf(request) === 'body') return this.refreshSession.execute(refreshTokenFromBody(request, body?.refreshToken), context);
    rejectBodyTokenInCookieMode(body);
    try {
      const pair = await this.refreshSession.execute(this.refreshTokenCookie.read(request), context);
      return this.handOverInCookie(pair, request, reply);
    } catch (error) {
      // Whatever failed (spent, reused, revoked, expired), this cookie will never work again.
      this.refreshTokenCookie.clear(request, reply);
      throw error;
    }
  }

  @Post('auth/password')
  @AllowedDuringPasswordChange()
  @AllowedDuringTwoFactorEnrolment()
  @AllowedBeforeDisplayNameChoice()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change the password; sessions started before must log in again' })
  @ApiErrors(
    { status: 400, description: 'ACCOUNT.CURRENT_PASSWORD_INCORRECT, ACCOUNT.WEAK_PASSWORD, ACCOUNT.PASSWORD_UNCHANGED, or an invalid body' },
    { status: 429, description: 'AUTH.TOO_MANY_ATTEMPTS, with Retry-After: 5 wrong current passwords per account within 15 minutes (never counted as failed logins)' },
  )
  async password(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
    @CurrentRequest() request: RequestContext,
  ): Promise<void> {
    await this.changePassword.execute(principal.accountId, body, request);
  }

  @Post('auth/logout')
  @AllowedDuringPasswordChange()
  @AllowedDuringTwoFactorEnrolment()
  @AllowedBeforeDisplayNameChoice()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the session the given refresh token (or the refresh cookie) belongs to' })
  @ApiHeader(transportHeader)
  @ApiBody(optionalRefreshTokenBody)
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Body() body: RefreshTokenDto,
    @CurrentRequest() context: RequestContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    if (refreshTokenTransportOf(request) === 'body') {
      await this.logOut.execute(refreshTokenFromBody(request, body?.refreshToken), principal.accountId, context);
      return;
    }
    rejectBodyTokenInCookieMode(body);
    try {
      await this.logOut.execute(this.refreshTokenCookie.read(request), principal.accountId, context);
    } finally {
      this.refreshTokenCookie.clear(request, reply);
    }
  }

  @Post('auth/password-reset')
  @PublicRoute()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Forgotten password: mails a single-use link, valid 30 minutes, if an account uses the address; the same answer either way',
  })
  @ApiResponse({ status: 202, type: PasswordResetAcceptedDto })
  @ApiResponse({ status: 429, description: 'AUTH.TOO_MANY_ATTEMPTS, with Retry-After' })
  async passwordReset(@Body() body: RequestPasswordResetDto, @CurrentRequest() context: RequestContext): Promise<PasswordResetAcceptedDto> {
    await this.requestPasswordReset.accept(body, context);
    return PASSWORD_RESET_ACCEPTED;
  }

  @Post('auth/password-reset/confirm')
  @PublicRoute()
  @HttpCode(204)
  @ApiOperation({ summary: 'Choose a new password with the mailed token; every session of the account ends' })
  @ApiResponse({ status: 204 })
  @ApiResponse({ status: 400, description: 'AUTH.RESET_TOKEN_INVALID (unknown, used or expired), ACCOUNT.WEAK_PASSWORD' })
  async confirmPasswordReset(@Body() body: ConfirmPasswordResetDto, @CurrentRequest() context: RequestContext): Promise<void> {
    await this.resetPassword.execute(body, context);
  }

  @Get('me')
  @AllowedDuringPasswordChange()
  @AllowedDuringTwoFactorEnrolment()
  @AllowedBeforeDisplayNameChoice()
  @ApiBearerAuth()
  @ApiResponse({ status: 200, type: MeDto })
  me(@CurrentPrincipal() principal: Principal): Promise<MeDto> {
    return this.readMyAccount.execute(principal.accountId);
  }

  @Put('me/display-name')
  @AllowedBeforeDisplayNameChoice()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Choose the name you appear by to others (asked at the first login of a provisioned account); GET /me no longer asks for it',
    description: 'Published as AccountDisplayNameChanged: ledgers, agendas and lists show it once their services have read it (eventually).',
  })
  @ApiResponse({ status: 204, description: 'Recorded (or unchanged: the same name again)' })
  @ApiErrors({ status: 400, description: 'REQUEST.INVALID: displayName blank, over 120 characters, or holding a control or bidirectional-control character' })
  async displayName(@CurrentPrincipal() principal: Principal, @Body() body: ChooseDisplayNameDto, @CurrentRequest() request: RequestContext): Promise<void> {
    await this.chooseDisplayName.execute(principal.accountId, body.displayName, request);
  }

  private handOverInCookie(pair: TokenPair, request: FastifyRequest, reply: FastifyReply): TokenPairDto {
    const { refreshToken, ...rest } = pair;
    this.refreshTokenCookie.set(request, reply, refreshToken);
    return rest;
  }
}

/** One place holds the token in cookie mode: a body token as well is a client mixing the two. */
function rejectBodyTokenInCookieMode(body: RefreshTokenDto | undefined): void {
  if (body?.refreshToken !== undefined) {
    throw new Rejection('invalid', 'AUTH.REFRESH_TOKEN_IN_BODY', `refreshToken must not be in the body with ${REFRESH_TOKEN_TRANSPORT_HEADER}: cookie`);
  }
}
