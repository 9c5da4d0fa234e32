import { Body, Controller, HttpCode, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AllowedBeforeDisplayNameChoice, AllowedDuringPasswordChange, AllowedDuringTwoFactorEnrolment, CurrentPrincipal, Principal } from '@osteo/auth';
import { ApiErrors } from '@osteo/http';
import { IsIn } from 'class-validator';
import type { RequestContext } from '../application/request-context/request-context';
import { ChooseLanguageHandler } from '../application/choose-language/choose-language.handler';
import { type AccountLanguage, accountLanguages } from '../domain/account';
import { CurrentRequest } from './request-context';

export class ChooseLanguageDto {
  @ApiProperty({ enum: accountLanguages, description: 'fr (the default until chosen) or en' })
  @IsIn(accountLanguages)
  readonly language!: AccountLanguage;
}

@ApiTags('auth')
@Controller()
export class AccountLanguageController {
  constructor(private readonly chooseLanguage: ChooseLanguageHandler) {}

  // The language switch is on every screen, the forced password change and enrolment included.
  @Put('me/language')
  @AllowedDuringPasswordChange()
  @AllowedDuringTwoFactorEnrolment()
  @AllowedBeforeDisplayNameChoice()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Choose the language the platform speaks to you in: the web application, and every mail sent to you',
    description: 'GET /me answers it (fr until chosen; a provisioned account starts in its owner’s language).',
  })
  @ApiResponse({ status: 204, description: 'Recorded (or unchanged: the same language again)' })
  @ApiErrors({ status: 400, description: 'REQUEST.INVALID: language is not one of fr, en' })
  async language(@CurrentPrincipal() principal: Principal, @Body() body: ChooseLanguageDto, @CurrentRequest() request: RequestContext): Promise<void> {
    await this.chooseLanguage.execute(principal.accountId, body.language, request);
  }
}
