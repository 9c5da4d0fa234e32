import { Body, Controller, Get, HttpCode, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiHeader, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllowedBeforeDisplayNameChoice, AllowedDuringTwoFactorEnrolment, CurrentPrincipal, Principal, PublicRoute } from '@osteo/auth';
import { ApiErrors, CreatedAt } from '@osteo/http';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { CompleteTwoFactorLoginHandler } from '../application/complete-two-factor-login/complete-two-factor-login.handler';
import { DisableTwoFactorHandler } from '../application/disable-two-factor/disable-two-factor.handler';
import { ConfirmTwoFactorEnrolmentHandler, StartTwoFactorEnrolmentHandler } from '../application/enrol-two-factor/enrol-two-factor.handlers';
import { ReadTwoFactorStatusQuery } from '../application/read-two-factor-status/read-two-factor-status.query';
import type { RequestContext } from '../application/request-context/request-context';
import { RequireTeamTwoFactorHandler } from '../application/require-team-two-factor/require-team-two-factor.handler';
import { TokenPairDto } from './auth.dto';
import { REFRESH_TOKEN_TRANSPORT_HEADER, RefreshTokenCookie, refreshTokenTransportOf } from './refresh-token-cookie';
import { CurrentRequest } from './request-context';
import {
  CompleteTwoFactorLoginDto,
  ConfirmTwoFactorEnrolmentDto,
  DisableTwoFactorDto,
  RecoveryCodesDto,
  StartTwoFactorEnrolmentDto,
  TeamTwoFactorRequirementDto,
  TwoFactorEnrolmentDto,
  TwoFactorStatusDto,
} from './two-factor.dto';

/** Two-factor sign-in (RFC 6238 codes from an authenticator app): login's second step, enrolment, the owner's policy. */
@ApiTags('two-factor')
@Controller()
export class TwoFactorController {
  constructor(
    private readonly completeLogin: CompleteTwoFactorLoginHandler,
    private readonly startEnrolment: StartTwoFactorEnrolmentHandler,
    private readonly confirmEnrolment: ConfirmTwoFactorEnrolmentHandler,
    private readonly disable: DisableTwoFactorHandler,
    private readonly requireForTeam: RequireTeamTwoFactorHandler,
    private readonly readStatus: ReadTwoFactorStatusQuery,
    private readonly refreshTokenCookie: RefreshTokenCookie,
  ) {}

  @Post('auth/login/two-factor')
  @PublicRoute()
  @HttpCode(200)
  @ApiOperation({ summary: "Login's second step: the challenge from POST /auth/login and a code (or a recovery code) give the token pair" })
  @ApiHeader({ name: REFRESH_TOKEN_TRANSPORT_HEADER, required: false, enum: ['cookie'], description: 'As on POST /auth/login' })
  @ApiExtraModels(CompleteTwoFactorLoginDto)
  @ApiBody({ schema: exactlyOneProof(CompleteTwoFactorLoginDto) })
  @ApiResponse({ status: 200, type: TokenPairDto })
  @ApiErrors(
    { status: 400, description: 'AUTH.TWO_FACTOR_PROOF_REQUIRED (exactly one of code and recoveryCode), or an invalid body' },
    {
      status: 401,
      description: 'AUTH.TWO_FACTOR_CODE_INVALID, AUTH.TWO_FACTOR_CODE_REUSED (a code is accepted once), AUTH.TWO_FACTOR_CHALLENGE_INVALID (expired, forged, or the password changed since)',
    },
    { status: 409, description: 'EVENT_STORE.WRONG_EXPECTED_REVISION: the same account signed in with a code at the same instant' },
    { status: 429, description: 'AUTH.TOO_MANY_ATTEMPTS, with Retry-After: wrong codes count like wrong passwords' },
  )
  async loginTwoFactor(
    @Body() body: CompleteTwoFactorLoginDto,
    @CurrentRequest() context: RequestContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairDto> {
    const transport = refreshTokenTransportOf(request);
    refuseUnlessOneProof(body);
    const { refreshToken, ...rest } = await this.completeLogin.execute(body, context);
    if (transport === 'body') return { refreshToken, ...rest };
    this.refreshTokenCookie.set(request, reply, refreshToken);
    return rest;
  }

  @Get('me/two-factor')
  @AllowedBeforeDisplayNameChoice()
  @AllowedDuringTwoFactorEnrolment()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Whether two-factor sign-in is on, required by a cabinet, and required by me of my team' })
  @ApiResponse({ status: 200, type: TwoFactorStatusDto })
  status(@CurrentPrincipal() principal: Principal): Promise<TwoFactorStatusDto> {
    return this.readStatus.execute(principal.accountId);
  }

  @Post('me/two-factor/enrolment')
  @AllowedBeforeDisplayNameChoice()
  @AllowedDuringTwoFactorEnrolment()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Start enrolling an authenticator app: a new secret, shown once (starting again replaces it)' })
  // The enrolment's secret is shown once; what stays readable is the two-factor status.
  @CreatedAt(TwoFactorEnrolmentDto, '/me/two-factor')
  @ApiErrors(
    { status: 400, description: 'ACCOUNT.CURRENT_PASSWORD_INCORRECT, or an invalid body' },
    { status: 409, description: 'AUTH.TWO_FACTOR_ALREADY_ENABLED' },
    { status: 429, description: 'AUTH.TOO_MANY_ATTEMPTS, with Retry-After: wrong passwords count as failed logins' },
  )
  enrol(@CurrentPrincipal() principal: Principal, @Body() body: StartTwoFactorEnrolmentDto, @CurrentRequest() context: RequestContext): Promise<TwoFactorEnrolmentDto> {
    return this.startEnrolment.execute(principal.accountId, body, context);
  }

  @Post('me/two-factor/enrolment/confirm')
  @AllowedBeforeDisplayNameChoice()
  @AllowedDuringTwoFactorEnrolment()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Confirm with a first code: two-factor sign-in is on, and the ten recovery codes are shown once. Refresh the session for tokens without the enrolment requirement.',
  })
  @ApiResponse({ status: 200, type: RecoveryCodesDto })
  @ApiErrors(
    { status: 400, description: 'AUTH.TWO_FACTOR_CODE_INVALID, or an invalid body' },
    { status: 409, description: 'AUTH.TWO_FACTOR_ENROLMENT_NOT_STARTED, AUTH.TWO_FACTOR_ENROLMENT_RESTARTED, AUTH.TWO_FACTOR_ALREADY_ENABLED' },
  )
  confirm(@CurrentPrincipal() principal: Principal, @Body() body: ConfirmTwoFactorEnrolmentDto, @CurrentRequest() context: RequestContext): Promise<RecoveryCodesDto> {
    return this.confirmEnrolment.execute(principal.accountId, body, context);
  }

  @Post('me/two-factor/disable')
  @AllowedBeforeDisplayNameChoice()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Turn two-factor sign-in off, with the password and a code (or a recovery code)' })
  @ApiExtraModels(DisableTwoFactorDto)
  @ApiBody({ schema: exactlyOneProof(DisableTwoFactorDto) })
  @ApiErrors(
    { status: 400, description: 'ACCOUNT.CURRENT_PASSWORD_INCORRECT, AUTH.TWO_FACTOR_CODE_INVALID, AUTH.TWO_FACTOR_PROOF_REQUIRED, or an invalid body' },
    { status: 409, description: 'AUTH.TWO_FACTOR_NOT_ENABLED, AUTH.TWO_FACTOR_REQUIRED_BY_CABINET (an owner you work for requires it)' },
    { status: 429, description: 'AUTH.TOO_MANY_ATTEMPTS, with Retry-After' },
  )
  async turnOff(@CurrentPrincipal() principal: Principal, @Body() body: DisableTwoFactorDto, @CurrentRequest() context: RequestContext): Promise<void> {
    refuseUnlessOneProof(body);
    await this.disable.execute(principal.accountId, body, context);
  }

  @Put('me/two-factor/team-requirement')
  @AllowedBeforeDisplayNameChoice()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Require (or stop requiring) two-factor sign-in of everyone working in my cabinets; each is asked to enrol at their next login or token refresh",
  })
  @ApiErrors({ status: 403, description: 'ACCOUNT.MAIN_ACCOUNT_REQUIRED' })
  async setTeamRequirement(
    @CurrentPrincipal() principal: Principal,
    @Body() body: TeamTwoFactorRequirementDto,
    @CurrentRequest() context: RequestContext,
  ): Promise<void> {
    await this.requireForTeam.execute(principal.accountId, body, context);
  }
}

/** The body's schema says what the route checks: exactly one of `code` and `recoveryCode`. */
function exactlyOneProof(dto: new () => object) {
  return { allOf: [{ $ref: getSchemaPath(dto) }], oneOf: [{ required: ['code'] }, { required: ['recoveryCode'] }] };
}

function refuseUnlessOneProof(body: { readonly code?: string; readonly recoveryCode?: string }): void {
  if ((body.code === undefined) === (body.recoveryCode === undefined)) {
    throw new Rejection('invalid', 'AUTH.TWO_FACTOR_PROOF_REQUIRED', 'Give exactly one of code and recoveryCode');
  }
}
