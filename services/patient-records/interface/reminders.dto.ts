import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { reminderChannels, type ReminderChannel } from '../domain/patient';

/** As planning's times: an offset is required, or the instant would depend on the server's zone. */
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const dateTimeMessage = { message: '$property must be an ISO-8601 date-time with an offset, e.g. 2026-03-02T00:00:00+01:00' };

export class ListRemindersQueryDto {
  @ApiProperty({ description: 'The cabinet whose agenda is shown' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly cabinetId!: string;

  @ApiProperty({ example: '2026-03-02T00:00:00+01:00', description: 'Appointments starting at or after this instant' })
  @Matches(DATE_TIME_WITH_OFFSET, dateTimeMessage)
  @IsISO8601({ strict: true }, dateTimeMessage)
  readonly from!: string;

  @ApiProperty({ example: '2026-03-09T00:00:00+01:00', description: 'and before this one; at most 62 days after from (400 REMINDER.INVALID_RANGE)' })
  @Matches(DATE_TIME_WITH_OFFSET, dateTimeMessage)
  @IsISO8601({ strict: true }, dateTimeMessage)
  readonly to!: string;
}

export class ReminderDto {
  @ApiProperty() readonly appointmentId!: string;
  @ApiProperty({ enum: reminderChannels }) readonly channel!: ReminderChannel;
  @ApiProperty({ enum: ['planned', 'sent', 'failed', 'cancelled'], description: 'An appointment with no reminder in the list has none' })
  readonly state!: 'planned' | 'sent' | 'failed' | 'cancelled';
  @ApiProperty({ format: 'date-time' }) readonly dueAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly sentAt!: string | null;
  @ApiProperty({ type: 'integer', description: 'Hand-overs tried so far' }) readonly attempts!: number;
}
