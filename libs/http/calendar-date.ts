import { applyDecorators } from '@nestjs/common';
import { CALENDAR_DATE_PATTERN } from '@osteo/contracts';
import { IsISO8601, Matches } from 'class-validator';

/**
 * A real day as YYYY-MM-DD (2026-02-30 is refused), the `format: 'date'` of the contracts. The
 * pattern comes first: the OpenAPI document states it, and a wrong shape is told as such.
 */
export const IsCalendarDate = (): PropertyDecorator =>
  applyDecorators(
    Matches(CALENDAR_DATE_PATTERN, { message: '$property must be a date as YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  );
