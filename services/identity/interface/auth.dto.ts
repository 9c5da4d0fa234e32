import { ApiProperty } from '@nestjs/swagger';
import { IsPrintableName } from '@osteo/http';
import { IsEmail, IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { type MailLanguage, mailLanguages } from '../application/request-password-reset/password-reset-mails';

/** May be left out but, when given, not null: the schema says string (IsOptional lets null through). */
const IsOmittable = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

/*
 * Lengths are bounded here so that no oversized value reaches hashing or storage; the password
 * policy itself (minimum length, common passwords) is the domain's and answers with its own code.
 */

export class RegisterAccountDto {
  @ApiProperty({ example: 'dr.martin@example.fr' })
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  readonly email!: string;

  @ApiProperty({ minLength: 12, maxLength: 128, description: 'At least 12 characters; length matters, not composition.' })
  @IsString()
  @MaxLength(512)
  readonly password!: string;

  @ApiProperty({ example: 'Dr Claire Martin' })
  @IsPrintableName()
  @IsNotEmpty()
  @MaxLength(120)
  readonly displayName!: string;
}

/** Validated as at registration: what a person may type as their name. */
export class ChooseDisplayNameDto {
  @ApiProperty({ example: 'Sophie Lambert', maxLength: 120, description: 'How others see you: their ledgers, agendas and lists. Surrounding spaces are trimmed.' })
  @IsPrintableName()
  @IsNotEmpty()
  @MaxLength(120)
  readonly displayName!: string;
}

export class LogInDto {
  @ApiProperty()
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  readonly email!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  readonly password!: string;
}

/** The token travels here unless the client chose the cookie (X-Refresh-Token-Transport: cookie). */
export class RefreshTokenDto {
  @ApiProperty({ required: false, description: 'Required unless X-Refresh-Token-Transport: cookie is sent (then the cookie holds it and this stays out).' })
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly refreshToken?: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  readonly currentPassword!: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @MaxLength(512)
  readonly newPassword!: string;
}

export class RequestPasswordResetDto {
  @ApiProperty({ example: 'dr.martin@example.fr' })
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  readonly email!: string;

  @ApiProperty({ required: false, enum: mailLanguages, default: 'fr', description: 'Language of the mail' })
  @IsOmittable()
  @IsIn(mailLanguages)
  readonly language?: MailLanguage;
}

export class ConfirmPasswordResetDto {
  @ApiProperty({ description: 'The token from the mailed link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly token!: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @MaxLength(512)
  readonly newPassword!: string;
}

export class PasswordResetAcceptedDto {
  @ApiProperty({ description: 'The same whether the address has an account or not' }) readonly message!: string;
}

export class AccountCreatedDto {
  @ApiProperty() readonly accountId!: string;
}

export class TokenPairDto {
  @ApiProperty() readonly accessToken!: string;
  @ApiProperty({ required: false, description: 'Works once; each refresh returns a new one. Absent with X-Refresh-Token-Transport: cookie (the osteo_refresh cookie holds it).' })
  readonly refreshToken?: string;
  @ApiProperty({ enum: ['Bearer'] }) readonly tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires.' }) readonly expiresIn!: number;
  @ApiProperty() readonly mustChangePassword!: boolean;
  @ApiProperty({ description: 'An owner the account works for requires two-factor sign-in: only enrolment routes answer until it is on (then refresh)' })
  readonly mustEnrolTwoFactor!: boolean;
  @ApiProperty({
    description: 'A provisioned account that has not chosen its display name: only /me, PUT /me/display-name, two-factor, password and logout answer until it does (then refresh); asked after the password change and any required enrolment',
  })
  readonly mustChooseDisplayName!: boolean;
}

export class AccessGrantDto {
  @ApiProperty() readonly ownerId!: string;
  @ApiProperty({ enum: ['owner', 'colleague', 'secretary', 'substitute', 'accountant'] }) readonly role!: 'owner' | 'colleague' | 'secretary' | 'substitute' | 'accountant';
  @ApiProperty({ type: [String] }) readonly cabinetIds!: readonly string[];
}

export class MeDto {
  @ApiProperty() readonly accountId!: string;
  @ApiProperty() readonly email!: string;
  @ApiProperty() readonly displayName!: string;
  @ApiProperty({ enum: ['main', 'specific'] }) readonly kind!: 'main' | 'specific';
  @ApiProperty() readonly mustChangePassword!: boolean;
  @ApiProperty({ description: 'A provisioned account goes by its address until its holder chooses a name (PUT /me/display-name): the first login asks for it' })
  readonly mustChooseDisplayName!: boolean;
  @ApiProperty({ enum: ['fr', 'en'], description: 'The language the platform speaks to the holder in (PUT /me/language): fr until chosen' })
  readonly language!: 'fr' | 'en';
  @ApiProperty({ description: 'Whether the account has a language of its own (chosen, or its owner’s when provisioned); the web application saves the device’s otherwise' })
  readonly languageChosen!: boolean;
  @ApiProperty({ type: [AccessGrantDto], description: 'What the account may reach: one line per owner and role' }) readonly access!: readonly AccessGrantDto[];
}
