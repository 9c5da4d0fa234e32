import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_AMOUNT_CENTS, paymentMethods, type PaymentMethod } from '@osteo/contracts';
import { reminderChannels, type ReminderChannel } from '../domain/patient';
import { ApiAtLeastOneField, IsCalendarDate, IsFreeText, IsPrintableName, PageDtoOf, PageQueryDto } from '@osteo/http';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';

/** Each name at most 80 characters: "FAMILY First" then fits the 200 the public contract allows. */
const NAME_MAX_LENGTH = 80;
const SHORT_TEXT_MAX_LENGTH = 2_000;
const LONG_TEXT_MAX_LENGTH = 20_000;
const PHONE_MAX_LENGTH = 40;

/**
 * A field that may be left out but, when given, may not be null: the schema says string, not
 * nullable (class-validator's IsOptional would let null through). Names, dates, the reason, and
 * every optional field of a creation (left out when there is nothing to say).
 */
const IsOmittable = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** What a nullable field of a PATCH says about null. */
const NULL_EMPTIES = (code: string): string => `null or blank text empties it; when it holds something, that deletes it: the cabinet owner's alone (403 ${code} for anyone else)`;

/**
 * A phone as people type it: the use case turns it into E.164 or refuses it with
 * PATIENT.INVALID_PHONE (application/phone-number/), so no pattern here would say more.
 */
const IsPhone = (): PropertyDecorator => applyDecorators(IsString({ message: 'phone must be text' }), MaxLength(PHONE_MAX_LENGTH));

const PHONE_DESCRIPTION =
  'As typed: a French number as 06 12 34 56 78 (dots, spaces, +33 or 0033 too), another with its country code. Stored and answered in E.164 (+33612345678); not a phone number: 400 PATIENT.INVALID_PHONE';

export class RegisterPatientDto {
  @ApiProperty({ example: 'Hélène' })
  @IsPrintableName()
  @IsNotEmpty()
  @MaxLength(NAME_MAX_LENGTH)
  readonly firstName!: string;

  @ApiProperty({ example: 'Durand' })
  @IsPrintableName()
  @IsNotEmpty()
  @MaxLength(NAME_MAX_LENGTH)
  readonly lastName!: string;

  @ApiProperty({ example: '1984-06-12', description: 'YYYY-MM-DD, not in the future' })
  @IsCalendarDate()
  readonly birthDate!: string;

  @ApiPropertyOptional({ example: '06 12 34 56 78', description: PHONE_DESCRIPTION })
  @IsOmittable()
  @IsPhone()
  readonly phone?: string;

  @ApiPropertyOptional({ example: 'helene.durand@example.fr' })
  @IsOmittable()
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  readonly email?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsFreeText()
  @MaxLength(LONG_TEXT_MAX_LENGTH)
  readonly medicalHistory?: string;
}

/**
 * Fields left out stay as they are; null (or blank text) empties phone, email or medicalHistory.
 * Emptying a field that holds something deletes it: the owner's alone (PRODUCT.md).
 */
@ApiAtLeastOneField()
export class UpdatePatientDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsPrintableName()
  @IsNotEmpty()
  @MaxLength(NAME_MAX_LENGTH)
  readonly firstName?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsPrintableName()
  @IsNotEmpty()
  @MaxLength(NAME_MAX_LENGTH)
  readonly lastName?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD, not in the future' })
  @IsOmittable()
  @IsCalendarDate()
  readonly birthDate?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: `${PHONE_DESCRIPTION}; ${NULL_EMPTIES('PATIENT.DELETION_RESERVED_TO_OWNER')}` })
  @IsOptional()
  @IsPhone()
  readonly phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: NULL_EMPTIES('PATIENT.DELETION_RESERVED_TO_OWNER') })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  readonly email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: NULL_EMPTIES('PATIENT.DELETION_RESERVED_TO_OWNER') })
  @IsOptional()
  @IsFreeText()
  @MaxLength(LONG_TEXT_MAX_LENGTH)
  readonly medicalHistory?: string | null;
}

export class SearchPatientsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Words the names start with, any case, accents optional', example: 'hel dur' })
  @IsOptional()
  @IsString()
  @MaxLength(NAME_MAX_LENGTH * 2)
  readonly q?: string;
}

export class OpenConsultationDto {
  @ApiProperty({ example: '2026-03-02', description: 'YYYY-MM-DD, not in the future' })
  @IsCalendarDate()
  readonly date!: string;

  @ApiProperty({ example: 'Lombalgie aiguë' })
  @IsFreeText()
  @IsNotEmpty()
  @MaxLength(SHORT_TEXT_MAX_LENGTH)
  readonly reason!: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsFreeText()
  @MaxLength(LONG_TEXT_MAX_LENGTH)
  readonly notes?: string;
}

/**
 * Fields left out stay as they are; null (or blank text) empties notes, examination or treatment,
 * which deletes them when they hold something: the owner's alone. The date is fixed once completed.
 */
@ApiAtLeastOneField()
export class ReviseConsultationDto {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD, not in the future; only while not completed' })
  @IsOmittable()
  @IsCalendarDate()
  readonly date?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsFreeText()
  @IsNotEmpty()
  @MaxLength(SHORT_TEXT_MAX_LENGTH)
  readonly reason?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: NULL_EMPTIES('CONSULTATION.DELETION_RESERVED_TO_OWNER') })
  @IsOptional()
  @IsFreeText()
  @MaxLength(LONG_TEXT_MAX_LENGTH)
  readonly notes?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: NULL_EMPTIES('CONSULTATION.DELETION_RESERVED_TO_OWNER') })
  @IsOptional()
  @IsFreeText()
  @MaxLength(LONG_TEXT_MAX_LENGTH)
  readonly examination?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: NULL_EMPTIES('CONSULTATION.DELETION_RESERVED_TO_OWNER') })
  @IsOptional()
  @IsFreeText()
  @MaxLength(LONG_TEXT_MAX_LENGTH)
  readonly treatment?: string | null;
}

const feeMessage = `feeCents must be a whole number of cents from 1 to ${MAX_AMOUNT_CENTS}`;

/** Completing, and correcting a completed consultation's fee, take the same two fields. */
export class ConsultationFeeDto {
  @ApiProperty({ example: 6000, description: 'Integer cents, > 0' })
  @IsInt({ message: feeMessage })
  @Min(1, { message: feeMessage })
  @Max(MAX_AMOUNT_CENTS, { message: feeMessage })
  readonly feeCents!: number;

  @ApiProperty({ enum: paymentMethods })
  @IsIn(paymentMethods, { message: `paymentMethod must be one of ${paymentMethods.join(', ')}` })
  readonly paymentMethod!: PaymentMethod;
}

export class PatientCreatedDto {
  @ApiProperty() readonly patientId!: string;
}

export class ConsultationCreatedDto {
  @ApiProperty() readonly consultationId!: string;
}

/** A PATCH that names no field is a mistake worth telling, not a silent success. */
export function requireSomeChange(body: object, fields: readonly string[]): void {
  if (Object.values(body).every((value) => value === undefined)) {
    throw new Rejection('invalid', 'REQUEST.INVALID', `Give at least one of ${fields.join(', ')}`);
  }
}

export class PatientListingDto {
  @ApiProperty() readonly patientId!: string;
  @ApiProperty() readonly cabinetId!: string;
  @ApiProperty() readonly firstName!: string;
  @ApiProperty() readonly lastName!: string;
  @ApiProperty({ format: 'date', example: '1984-06-12' }) readonly birthDate!: string;
}

/**
 * The patient's choice of appointment reminders and the day they consented. An empty list: no
 * reminder (consent withdrawn). A channel needs the consent date and the patient's e-mail or
 * phone (400 naming consentDate or channels).
 */
export class ReminderPreferencesDto {
  @ApiProperty({ enum: reminderChannels, isArray: true, example: ['email', 'sms'], description: 'email, sms, both, or none (empty)' })
  @IsArray({ message: 'channels must be a list of email and sms' })
  @ArrayMaxSize(reminderChannels.length, { message: 'channels must hold each of email and sms once at most' })
  @IsIn(reminderChannels, { each: true, message: 'channels must hold email or sms' })
  readonly channels!: ReminderChannel[];

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-03-02', description: 'YYYY-MM-DD, not in the future; required when channels is not empty (400 PATIENT.REMINDER_CONSENT_REQUIRED)' })
  @ValidateIf((_object: object, value: unknown) => value !== null)
  @IsCalendarDate()
  readonly consentDate!: string | null;
}

export class PatientRecordDto extends PatientListingDto {
  @ApiProperty({ type: String, nullable: true, example: '+33612345678', description: 'E.164; a record written before that rule keeps its phone as it was typed' })
  readonly phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly email!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly medicalHistory!: string | null;
  @ApiProperty({ type: ReminderPreferencesDto }) readonly reminderPreferences!: ReminderPreferencesDto;
}

export class RecordOpeningDto {
  @ApiProperty({ description: 'Who opened the record' }) readonly accountId!: string;
  @ApiProperty({ enum: ['owner', 'colleague', 'substitute'], description: 'In what role' }) readonly role!: 'owner' | 'colleague' | 'substitute';
  @ApiProperty({ enum: ['record', 'consultations'], description: 'The record itself, or the list of its consultations' }) readonly view!: 'record' | 'consultations';
  @ApiProperty({ format: 'date-time' }) readonly at!: string;
}

export class ConsultationListingDto {
  @ApiProperty() readonly consultationId!: string;
  @ApiProperty({ description: 'The osteopath who opened it' }) readonly practitionerId!: string;
  @ApiProperty({ enum: ['open', 'completed'] }) readonly status!: 'open' | 'completed';
  @ApiProperty({ format: 'date', example: '2026-03-02' }) readonly date!: string;
  @ApiProperty() readonly reason!: string;
  @ApiProperty({ type: String, nullable: true }) readonly notes!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly examination!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly treatment!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Integer cents; null until completed' }) readonly feeCents!: number | null;
  @ApiProperty({ enum: paymentMethods, nullable: true, description: 'Null until completed' }) readonly paymentMethod!: PaymentMethod | null;
}

/** The pages of GET /cabinets/:id/patients, /patients/:id/consultations and /patients/:id/access-log. */
export const PatientListingPageDto = PageDtoOf(PatientListingDto, 'PatientListingPageDto');
export const ConsultationListingPageDto = PageDtoOf(ConsultationListingDto, 'ConsultationListingPageDto');
export const RecordOpeningPageDto = PageDtoOf(RecordOpeningDto, 'RecordOpeningPageDto');
