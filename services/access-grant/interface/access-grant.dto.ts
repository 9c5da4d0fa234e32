import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiAtLeastOneField, IsCalendarDate, IsFreeText, IsPrintableName } from '@osteo/http';
import { MAX_REMINDER_DELAY_HOURS, delegatedRoles, type DelegatedRole } from '@osteo/contracts';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { MAX_REMINDER_ADDRESS_LENGTH } from '../domain/cabinet';
import { ianaTimeZone } from '../domain/cabinet-time-zone';

const MAX_CABINETS_PER_DELEGATION = 100;

/**
 * A field that may be left out but, when given, may not be null: the schema says string, number
 * or array, not nullable (class-validator's IsOptional lets null through, read as absent).
 */
const IsOmittable = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** An IANA zone `Intl` knows (the same check the cabinet decider makes, so a bad one is a 400 naming the field). */
const IsIanaTimeZone = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    { name: 'isIanaTimeZone', validator: { validate: (value: unknown) => typeof value === 'string' && ianaTimeZone(value) !== null } },
    { message: 'timeZone must be an IANA time zone such as Europe/Paris', ...options },
  );

const timeZoneDescription = 'IANA time zone in which the agenda and reminders of the cabinet work';

export class OpenCabinetDto {
  @ApiProperty({ example: 'Cabinet de la Croix-Rousse' })
  @IsPrintableName()
  @IsNotEmpty()
  @MaxLength(120)
  readonly name!: string;

  @ApiPropertyOptional({ example: '12 rue Dumenge, 69004 Lyon' })
  @IsOmittable()
  @IsString()
  @MaxLength(300)
  readonly address?: string;

  @ApiPropertyOptional({ description: `${timeZoneDescription}; default Europe/Paris`, example: 'Europe/Paris', default: 'Europe/Paris' })
  @IsOmittable()
  @IsIanaTimeZone()
  readonly timeZone?: string;
}

@ApiAtLeastOneField()
export class ChangeCabinetDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsPrintableName()
  @IsNotEmpty()
  @MaxLength(120)
  readonly name?: string;

  @ApiPropertyOptional({ description: timeZoneDescription, example: 'America/Martinique' })
  @IsOmittable()
  @IsIanaTimeZone()
  readonly timeZone?: string;
}

const delayMessage = `delayHours must be a whole number of hours from 0 (no reminders) to ${MAX_REMINDER_DELAY_HOURS} (7 days)`;

/** The whole of a cabinet's reminder settings: a PUT, so address or phone left out is none. */
export class ReminderSettingsDto {
  @ApiProperty({ minimum: 0, maximum: MAX_REMINDER_DELAY_HOURS, example: 24, description: 'How many hours before an appointment its reminder goes; 0: no reminders' })
  @IsInt({ message: delayMessage })
  @Min(0, { message: delayMessage })
  @Max(MAX_REMINDER_DELAY_HOURS, { message: delayMessage })
  readonly delayHours!: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_REMINDER_ADDRESS_LENGTH,
    example: '3 rue des Lilas, 69004 Lyon',
    description: 'The address reminders show; null, blank or left out: none. Line breaks become ", " (one line, as an SMS shows it).',
  })
  @IsOptional()
  @IsFreeText()
  @MaxLength(MAX_REMINDER_ADDRESS_LENGTH)
  readonly address?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 40,
    example: '04 78 00 00 00',
    description:
      'The number patients call to cancel, shown in reminders: as typed, a French one as 04 78 00 00 00, another with its country code. Stored and answered in E.164 (+33478000000); not a phone number: 400 CABINET.INVALID_PHONE. null, blank or left out: none.',
  })
  @IsOptional()
  @IsString({ message: 'phone must be text' })
  @MaxLength(40)
  readonly phone?: string | null;
}

export class ReminderSettingsViewDto {
  @ApiProperty({ minimum: 0, maximum: MAX_REMINDER_DELAY_HOURS, description: 'Hours before an appointment its reminder goes; 0: no reminders' }) readonly delayHours!: number;
  @ApiProperty({ type: String, nullable: true }) readonly address!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'E.164' }) readonly phone!: string | null;
}

export class InviteColleagueDto {
  @ApiProperty({ description: 'The e-mail address of an existing main account' })
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  readonly email!: string;
}

class CabinetIdsField {
  @ApiProperty({ type: [String], description: 'Cabinets of yours this access covers' })
  @IsArray()
  @ArrayNotEmpty({ message: 'cabinetIds must name at least one cabinet' })
  @ArrayMaxSize(MAX_CABINETS_PER_DELEGATION)
  @ArrayUnique({ message: 'cabinetIds must not repeat a cabinet' })
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  readonly cabinetIds!: string[];
}

const retrocessionOptions = { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false };
const retrocessionMessage = 'retrocessionPercent must be a number from 0 to 100 with at most two decimals';

export class GrantDelegationDto extends CabinetIdsField {
  @ApiProperty({ example: 'secretariat@example.fr' })
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  readonly email!: string;

  @ApiProperty({ enum: delegatedRoles })
  @IsIn(delegatedRoles, { message: `role must be one of ${delegatedRoles.join(', ')}` })
  readonly role!: DelegatedRole;

  @ApiPropertyOptional({ description: 'Substitutes only: the share of each fee retroceded, 0 to 100, two decimals at most', example: 30 })
  @IsOmittable()
  @IsNumber(retrocessionOptions, { message: retrocessionMessage })
  @Min(0, { message: retrocessionMessage })
  @Max(100, { message: retrocessionMessage })
  readonly retrocessionPercent?: number;

  @ApiPropertyOptional({ description: 'Last day of access (inclusive), e.g. the end of a replacement; none: until revoked', example: '2099-08-31' })
  @IsOmittable()
  @IsCalendarDate()
  readonly endsOn?: string;
}

@ApiAtLeastOneField()
export class ChangeDelegationDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsArray()
  @ArrayNotEmpty({ message: 'cabinetIds must name at least one cabinet' })
  @ArrayMaxSize(MAX_CABINETS_PER_DELEGATION)
  @ArrayUnique({ message: 'cabinetIds must not repeat a cabinet' })
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  readonly cabinetIds?: string[];

  @ApiPropertyOptional({ description: 'Substitutes only; applies to consultations completed from now on' })
  @IsOmittable()
  @IsNumber(retrocessionOptions, { message: retrocessionMessage })
  @Min(0, { message: retrocessionMessage })
  @Max(100, { message: retrocessionMessage })
  readonly retrocessionPercent?: number;
}

export class CabinetCreatedDto {
  @ApiProperty() readonly cabinetId!: string;
}

const roles = ['owner', 'colleague', 'secretary', 'substitute', 'accountant'];

export class CabinetViewDto {
  @ApiProperty() readonly cabinetId!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty({ type: String, nullable: true }) readonly address!: string | null;
  @ApiProperty({ description: timeZoneDescription, example: 'Europe/Paris' }) readonly timeZone!: string;
  @ApiProperty({ type: ReminderSettingsViewDto, description: 'How it reminds patients of their appointments: 24 hours before, no address, no phone until its owner says' })
  readonly reminderSettings!: ReminderSettingsViewDto;
  @ApiProperty() readonly ownerId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null until identity’s account event has reached access-grant' }) readonly ownerDisplayName!: string | null;
  @ApiProperty({ enum: roles, description: 'The strongest of `roles`' }) readonly role!: string;
  @ApiProperty({ enum: roles, isArray: true }) readonly roles!: string[];
}

export class PractitionerViewDto {
  @ApiProperty() readonly accountId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null until identity’s account event has reached access-grant' }) readonly displayName!: string | null;
  @ApiProperty({ enum: ['owner', 'colleague', 'substitute'] }) readonly role!: string;
}

export class ColleagueViewDto {
  @ApiProperty({ type: String, nullable: true }) readonly accountId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The address the owner typed to invite them; null for an invitation from before #11' }) readonly email!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly displayName!: string | null;
  @ApiProperty({ enum: ['invited', 'active', 'removed'] }) readonly status!: string;
  @ApiProperty() readonly invitationId!: string;
  @ApiProperty({ format: 'date-time' }) readonly invitedAt!: string;
}

export class InvitationListingDto {
  @ApiProperty() readonly invitationId!: string;
  @ApiProperty() readonly cabinetId!: string;
  @ApiProperty({ type: String, nullable: true }) readonly cabinetName!: string | null;
  @ApiProperty() readonly ownerId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The inviter' }) readonly ownerDisplayName!: string | null;
  @ApiProperty() readonly inviteeAccountId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The address the owner typed to invite them; null for an invitation from before #11' }) readonly inviteeEmail!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly inviteeDisplayName!: string | null;
  @ApiProperty({ enum: ['pending', 'accepted'] }) readonly status!: string;
}

export class InvitationsDto {
  @ApiProperty({ type: [InvitationListingDto], description: 'Pending invitations addressed to you' }) readonly received!: InvitationListingDto[];
  @ApiProperty({ type: [InvitationListingDto], description: 'Invitations you sent, whatever their status' }) readonly sent!: InvitationListingDto[];
}

export class DelegationViewDto {
  @ApiProperty() readonly delegationId!: string;
  @ApiProperty() readonly ownerId!: string;
  @ApiProperty({ type: String, nullable: true }) readonly ownerDisplayName!: string | null;
  @ApiProperty({ description: 'The address the owner typed; `[erased]` once the grantee\'s account was erased' }) readonly granteeEmail!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null while the account is being created' }) readonly granteeAccountId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '`[erased]` once the grantee\'s account was erased' }) readonly granteeDisplayName!: string | null;
  @ApiProperty({ enum: delegatedRoles }) readonly role!: string;
  @ApiProperty({ type: [String] }) readonly cabinetIds!: string[];
  @ApiProperty({ type: Number, nullable: true }) readonly retrocessionPercent!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) readonly endsOn!: string | null;
  @ApiProperty({ enum: ['pending', 'active', 'revoked'] }) readonly status!: string;
}

export class DelegationsDto {
  @ApiProperty({ type: [DelegationViewDto] }) readonly granted!: DelegationViewDto[];
  @ApiProperty({ type: [DelegationViewDto] }) readonly received!: DelegationViewDto[];
}

export class InvitationCreatedDto {
  @ApiProperty() readonly invitationId!: string;
}

export class DelegationCreatedDto {
  @ApiProperty() readonly delegationId!: string;
}
