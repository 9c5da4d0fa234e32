import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiAtLeastOneField, IsFreeText, IsPrintableName } from '@osteo/http';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

/**
 * Times are ISO-8601 date-times with an offset (PRODUCT.md): a time without one would be read in
 * whatever zone the server runs in. The pattern asks for the offset, the strict ISO check for a
 * real calendar date (JavaScript would read 30 February as 2 March).
 */
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const dateTimeMessage = { message: '$property must be an ISO-8601 date-time with an offset, e.g. 2026-03-02T09:00:00+01:00' };
const dateTimeExample = '2026-03-02T09:00:00+01:00';

/**
 * A field that may be left out but, when given, may not be null: the schema says string, not
 * nullable (class-validator's IsOptional would let null through).
 */
const IsOmittable = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

const ID_MAX_LENGTH = 64;
const PATIENT_NAME_MAX_LENGTH = 200;
const REASON_MAX_LENGTH = 500;

export class BookAppointmentDto {
  @ApiProperty({ description: 'The accountId of the osteopath who sees the patient: the owner, a colleague or a substitute of the cabinet' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(ID_MAX_LENGTH)
  readonly practitionerId!: string;

  @ApiProperty({ description: 'The name the agenda shows', example: 'Jeanne Dupont' })
  @IsPrintableName()
  @IsNotEmpty()
  @MaxLength(PATIENT_NAME_MAX_LENGTH)
  readonly patientName!: string;

  @ApiProperty({ example: dateTimeExample })
  @Matches(DATE_TIME_WITH_OFFSET, dateTimeMessage)
  @IsISO8601({ strict: true }, dateTimeMessage)
  readonly start!: string;

  @ApiProperty({ example: '2026-03-02T09:45:00+01:00' })
  @Matches(DATE_TIME_WITH_OFFSET, dateTimeMessage)
  @IsISO8601({ strict: true }, dateTimeMessage)
  readonly end!: string;

  @ApiPropertyOptional({
    description: 'The patient record, when the patient has one: a live patient of this cabinet (else 400 APPOINTMENT.UNKNOWN_PATIENT). A patient registered a moment ago is waited for, up to 2 seconds',
  })
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(ID_MAX_LENGTH)
  readonly patientId?: string;

  @ApiPropertyOptional({ description: 'Why the patient comes; stays in planning, never published' })
  @IsOmittable()
  @IsFreeText()
  @MaxLength(REASON_MAX_LENGTH)
  readonly reason?: string;
}

@ApiAtLeastOneField()
export class ChangeAppointmentDto {
  @ApiPropertyOptional({ example: dateTimeExample })
  @IsOmittable()
  @Matches(DATE_TIME_WITH_OFFSET, dateTimeMessage)
  @IsISO8601({ strict: true }, dateTimeMessage)
  readonly start?: string;

  @ApiPropertyOptional({ example: '2026-03-02T09:45:00+01:00' })
  @IsOmittable()
  @Matches(DATE_TIME_WITH_OFFSET, dateTimeMessage)
  @IsISO8601({ strict: true }, dateTimeMessage)
  readonly end?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsFreeText()
  @MaxLength(REASON_MAX_LENGTH)
  readonly reason?: string | null;
}

export class AppointmentRangeDto {
  @ApiPropertyOptional({ description: 'With `to`; both absent: the current week, Monday 00:00 to Monday 00:00 in the cabinet’s time zone', example: '2026-03-02T00:00:00+01:00' })
  @IsOptional()
  @Matches(DATE_TIME_WITH_OFFSET, dateTimeMessage)
  @IsISO8601({ strict: true }, dateTimeMessage)
  readonly from?: string;

  @ApiPropertyOptional({ description: 'Excluded; at most 62 days after `from`', example: '2026-03-09T00:00:00+01:00' })
  @IsOptional()
  @Matches(DATE_TIME_WITH_OFFSET, dateTimeMessage)
  @IsISO8601({ strict: true }, dateTimeMessage)
  readonly to?: string;
}

export class AppointmentCreatedDto {
  @ApiProperty() readonly appointmentId!: string;
}

export class AppointmentViewDto {
  @ApiProperty() readonly appointmentId!: string;
  @ApiProperty() readonly cabinetId!: string;
  @ApiProperty({ description: 'The osteopath who sees the patient' }) readonly practitionerId!: string;
  @ApiProperty() readonly patientName!: string;
  @ApiProperty({ format: 'date-time', example: dateTimeExample }) readonly start!: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T09:45:00+01:00' }) readonly end!: string;
  @ApiProperty({ enum: ['booked', 'cancelled'] }) readonly status!: 'booked' | 'cancelled';
}

export class AppointmentDetailsDto extends AppointmentViewDto {
  @ApiProperty({ type: String, nullable: true, description: 'The patient record, when the patient has one' }) readonly patientId!: string | null;
}
