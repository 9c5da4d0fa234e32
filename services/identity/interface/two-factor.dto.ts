import { ApiProperty } from '@nestjs/swagger';
import { ApiExactlyOneField } from '@osteo/http';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class TwoFactorChallengeDto {
  @ApiProperty({ enum: [true], description: 'The password was right; the account asks for a code next (POST /auth/login/two-factor).' })
  readonly twoFactorRequired!: true;
  @ApiProperty({ description: 'Signed, good for 5 minutes and for POST /auth/login/two-factor only (never an access token).' })
  readonly challengeToken!: string;
  @ApiProperty({ description: 'Seconds until the challenge expires.' }) readonly expiresIn!: number;
}

const CODE_PATTERN = /^\d{6}$/;
const codeProperty = { required: false, example: '123456', pattern: '^\\d{6}$', description: 'The 6 digits the authenticator app shows' };
const recoveryCodeProperty = { required: false, example: 'k7d2-9xqm-3fpa', maxLength: 40, description: 'One of the recovery codes shown at enrolment (each works once)' };

/** The second factor of a request: the app's current code or a recovery code, exactly one of the two. */
abstract class SecondFactorDto {
  @ApiProperty({ ...codeProperty, description: `${codeProperty.description}; exactly one of code and recoveryCode` })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'code must be the 6 digits the app shows' })
  readonly code?: string;

  @ApiProperty(recoveryCodeProperty)
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly recoveryCode?: string;
}

@ApiExactlyOneField('code', 'recoveryCode')
export class CompleteTwoFactorLoginDto extends SecondFactorDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  readonly challengeToken!: string;
}

export class StartTwoFactorEnrolmentDto {
  @ApiProperty({ description: 'The current password, asked again: a stolen access token alone cannot enrol an app' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  readonly password!: string;
}

export class TwoFactorEnrolmentDto {
  @ApiProperty({ description: 'Base32 secret, to type into an app by hand; shown this once' }) readonly secret!: string;
  @ApiProperty({ example: 'otpauth://totp/Osteo:claire%40example.fr?secret=…&issuer=Osteo', description: 'What the QR code holds' })
  readonly otpauthUri!: string;
}

export class ConfirmTwoFactorEnrolmentDto {
  @ApiProperty({ example: '123456', pattern: '^\\d{6}$', description: 'The code the app shows now' })
  @Matches(CODE_PATTERN, { message: 'code must be the 6 digits the app shows' })
  readonly code!: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], description: 'Ten single-use codes for when the app is lost; shown this once, only their hashes are kept' })
  readonly recoveryCodes!: readonly string[];
}

@ApiExactlyOneField('code', 'recoveryCode')
export class DisableTwoFactorDto extends SecondFactorDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  readonly password!: string;
}

export class TeamTwoFactorRequirementDto {
  @ApiProperty({ description: 'true: everyone working in my cabinets (colleagues, specific accounts) signs in with two factors' })
  @IsBoolean()
  readonly required!: boolean;
}

export class TwoFactorStatusDto {
  @ApiProperty() readonly enabled!: boolean;
  @ApiProperty({ description: 'Recovery codes not used yet (0 when off)' }) readonly unusedRecoveryCodes!: number;
  @ApiProperty({ description: 'A cabinet the account works in requires it: it cannot be turned off' }) readonly requiredByCabinet!: boolean;
  @ApiProperty({ description: "The account's own requirement for everyone working in its cabinets" }) readonly requiredForTeam!: boolean;
}
