import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AllowedDuringPasswordChange, CurrentPrincipal, Principal, PublicRoute } from '@osteo/auth';
import type { RequestContext } from '../application/request-context';
import { ChangePasswordHandler } from '../application/change-password/change-password.handler';
import { LogInHandler } from '../application/log-in/log-in.handler';
import { LogOutHandler } from '../application/log-out/log-out.handler';
import { ReadMyAccountQuery } from '../application/read-my-account/read-my-account.query';
import { RefreshSessionHandler } from '../application/refresh-session/refresh-session.handler';
import { RegisterAccountHandler } from '../application/register-account/register-account.handler';
import { AccountCreatedDto, ChangePasswordDto, LogInDto, MeDto, RefreshTokenDto, RegisterAccountDto, TokenPairDto } from './auth.dto';
import { CurrentRequest } from './request-context';

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
  ) {}

  @Post('auth/register')
  @PublicRoute()
  @ApiOperation({ summary: 'Create a main account (an osteopath)' })
  @ApiResponse({ status: 201, type: AccountCreatedDto })
  @ApiResponse({ status: 409, description: 'ACCOUNT.EMAIL_TAKEN' })
  register(@Body() body: RegisterAccountDto, @CurrentRequest() request: RequestContext): Promise<AccountCreatedDto> {
    return this.registerAccount.execute(body, request);
  }

  @Post('auth/login')
  @PublicRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in; answers 429 after repeated failures for an address or e-mail' })
  @ApiResponse({ status: 200, type: TokenPairDto })
  login(@Body() body: LogInDto, @CurrentRequest() request: RequestContext): Promise<TokenPairDto> {
    return this.logIn.execute(body, request);
  }

  @Post('auth/refresh')
  @PublicRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token (once) for a new pair; a reused token revokes its session' })
  @ApiResponse({ status: 200, type: TokenPairDto })
  refresh(@Body() body: RefreshTokenDto, @CurrentRequest() request: RequestContext): Promise<TokenPairDto> {
    return this.refreshSession.execute(body.refreshToken, request);
  }

  @Post('auth/password')
  @AllowedDuringPasswordChange()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change the password; sessions started before must log in again' })
  async password(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
    @CurrentRequest() request: RequestContext,
  ): Promise<void> {
    await this.changePassword.execute(principal.accountId, body, request);
  }

  @Post('auth/logout')
  @AllowedDuringPasswordChange()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the session the given refresh token belongs to' })
  async logout(@CurrentPrincipal() principal: Principal, @Body() body: RefreshTokenDto, @CurrentRequest() request: RequestContext): Promise<void> {
    await this.logOut.execute(body.refreshToken, principal.accountId, request);
  }

  @Get('me')
  @AllowedDuringPasswordChange()
  @ApiBearerAuth()
  @ApiResponse({ status: 200, type: MeDto })
  me(@CurrentPrincipal() principal: Principal): Promise<MeDto> {
    return this.readMyAccount.execute(principal.accountId);
  }
}
