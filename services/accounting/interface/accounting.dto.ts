import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ledgerEntryKinds, paymentMethods, type LedgerEntryKind, type PaymentMethod } from '@osteo/contracts';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_AMOUNT_CENTS, MAX_LABEL_LENGTH } from '../domain/ledger';

const CalendarDate = (field: string) =>
  applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: `${field} must be a date as YYYY-MM-DD` }),
    IsISO8601({ strict: true }, { message: `${field} must be a real calendar date` }),
  );

const PracticeId = () => applyDecorators(IsString(), IsNotEmpty(), MaxLength(64));

export class RecordManualEntryDto {
  @ApiProperty({ enum: ledgerEntryKinds })
  @IsIn(ledgerEntryKinds, { message: `kind must be one of ${ledgerEntryKinds.join(', ')}` })
  readonly kind!: LedgerEntryKind;

  @ApiProperty({ description: 'A practice where you practise' })
  @PracticeId()
  readonly cabinetId!: string;

  @ApiProperty({ example: '2026-03-02' })
  @CalendarDate('date')
  readonly date!: string;

  @ApiProperty({ example: 'Table de massage', maxLength: MAX_LABEL_LENGTH })
  @IsString()
  @Matches(/\S/, { message: 'label must not be blank' })
  @MaxLength(MAX_LABEL_LENGTH)
  readonly label!: string;

  @ApiProperty({ description: 'Integer cents, positive: kind gives the sign', example: 12900 })
  @IsInt({ message: 'amountCents must be a whole number of cents' })
  @Min(1, { message: 'amountCents must be positive: kind says whether it is an income or an expense' })
  @Max(MAX_AMOUNT_CENTS)
  readonly amountCents!: number;

  @ApiProperty({ enum: paymentMethods })
  @IsIn(paymentMethods, { message: `paymentMethod must be one of ${paymentMethods.join(', ')}` })
  readonly paymentMethod!: PaymentMethod;
}

export class LedgerLinesQueryDto {
  @ApiPropertyOptional({ description: 'Only this practice' })
  @IsOptional()
  @PracticeId()
  readonly cabinetId?: string;

  @ApiPropertyOptional({ description: 'First day, inclusive', example: '2026-01-01' })
  @IsOptional()
  @CalendarDate('from')
  readonly from?: string;

  @ApiPropertyOptional({ description: 'Last day, inclusive', example: '2026-12-31' })
  @IsOptional()
  @CalendarDate('to')
  readonly to?: string;
}

export const exportFormats = ['csv', 'pdf'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export class LedgerExportQueryDto extends LedgerLinesQueryDto {
  @ApiProperty({ enum: exportFormats })
  @IsIn(exportFormats, { message: `format must be one of ${exportFormats.join(', ')}` })
  readonly format!: ExportFormat;
}

export class RetrocessionSummaryQueryDto {
  @ApiPropertyOptional({ description: 'One calendar year; every year when absent', example: '2026' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'year must be a year such as 2026' })
  readonly year?: string;
}

export class EntryRecordedDto {
  @ApiProperty() readonly entryId!: string;
}
