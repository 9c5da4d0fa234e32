import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { ledgerEntryKinds, MAX_AMOUNT_CENTS, MAX_LEDGER_LABEL_LENGTH, paymentMethods, type LedgerEntryKind, type PaymentMethod } from '@osteo/contracts';
import { IsCalendarDate, IsPrintableName, PageQueryDto } from '@osteo/http';
import { type ReaderLanguage, readerLanguages } from '../application/ledger-language/ledger-catalog';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const CabinetId = () => applyDecorators(IsString(), IsNotEmpty(), MaxLength(64));

export class RecordManualEntryDto {
  @ApiProperty({ enum: ledgerEntryKinds })
  @IsIn(ledgerEntryKinds, { message: `kind must be one of ${ledgerEntryKinds.join(', ')}` })
  readonly kind!: LedgerEntryKind;

  @ApiProperty({ description: 'A cabinet where you practise' })
  @CabinetId()
  readonly cabinetId!: string;

  @ApiProperty({ example: '2026-03-02' })
  @IsCalendarDate()
  readonly date!: string;

  @ApiProperty({ example: 'Table de massage', maxLength: MAX_LEDGER_LABEL_LENGTH })
  @IsPrintableName()
  @MaxLength(MAX_LEDGER_LABEL_LENGTH)
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
  @ApiPropertyOptional({ description: 'Only this cabinet' })
  @IsOptional()
  @CabinetId()
  readonly cabinetId?: string;

  @ApiPropertyOptional({ description: 'First day, inclusive', example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate()
  readonly from?: string;

  @ApiPropertyOptional({ description: 'Last day, inclusive', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  readonly to?: string;
}

const ReaderLanguageParameter = () =>
  applyDecorators(
    ApiPropertyOptional({
      enum: readerLanguages,
      description: 'The language of labels, headings and words (fr or en); without it, the first tag of Accept-Language when it is fr or en, else fr',
    }),
    IsOptional(),
    IsIn(readerLanguages, { message: `language must be one of ${readerLanguages.join(', ')}` }),
  );

/** The period and cabinet of the ledger, a page of it (`?limit=&cursor=` as every paged list), and the reader's language. */
export class LedgerEntriesQueryDto extends IntersectionType(LedgerLinesQueryDto, PageQueryDto) {
  @ReaderLanguageParameter()
  readonly language?: ReaderLanguage;
}

export const exportFormats = ['csv', 'pdf'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const ledgerReports = ['lines', 'totals', 'retrocessions'] as const;
export type LedgerReport = (typeof ledgerReports)[number];

export class LedgerExportQueryDto extends LedgerLinesQueryDto {
  @ApiProperty({ enum: exportFormats })
  @IsIn(exportFormats, { message: `format must be one of ${exportFormats.join(', ')}` })
  readonly format!: ExportFormat;

  @ApiPropertyOptional({
    enum: ledgerReports,
    description: 'lines (default): the lines, one table; totals: the figures net of corrections, overall and per cabinet; retrocessions: per substitute and year (DAS2), for the years the period touches',
  })
  @IsOptional()
  @IsIn(ledgerReports, { message: `report must be one of ${ledgerReports.join(', ')}` })
  readonly report?: LedgerReport;

  @ReaderLanguageParameter()
  readonly language?: ReaderLanguage;
}

export class RetrocessionSummaryQueryDto {
  @ApiPropertyOptional({ description: 'One calendar year; every year when absent', example: '2026' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'year must be a year such as 2026' })
  readonly year?: string;
}

export const MIN_SUMMARY_YEAR = 2000;
export const MAX_SUMMARY_YEAR = 2099;

export class YearlySummaryQueryDto {
  @ApiProperty({ description: `One calendar year, ${MIN_SUMMARY_YEAR} to ${MAX_SUMMARY_YEAR}`, example: '2026' })
  @Matches(/^20\d\d$/, { message: `year must be a calendar year from ${MIN_SUMMARY_YEAR} to ${MAX_SUMMARY_YEAR}, such as 2026` })
  readonly year!: string;

  @ApiPropertyOptional({ description: 'Only this cabinet' })
  @IsOptional()
  @CabinetId()
  readonly cabinetId?: string;
}

export class YearlySummaryExportQueryDto extends YearlySummaryQueryDto {
  @ApiProperty({ enum: exportFormats })
  @IsIn(exportFormats, { message: `format must be one of ${exportFormats.join(', ')}` })
  readonly format!: ExportFormat;

  @ReaderLanguageParameter()
  readonly language?: ReaderLanguage;
}

export class EntryRecordedDto {
  @ApiProperty() readonly entryId!: string;
}

export class LedgerEntryDto {
  @ApiProperty() readonly entryId!: string;
  @ApiProperty({ format: 'date', example: '2026-03-02' }) readonly date!: string;
  @ApiProperty() readonly cabinetId!: string;
  @ApiProperty({ enum: ledgerEntryKinds }) readonly kind!: LedgerEntryKind;
  @ApiProperty({ enum: ['consultation', 'retrocession', 'manual', 'correction'] }) readonly category!: 'consultation' | 'retrocession' | 'manual' | 'correction';
  @ApiProperty({ type: 'integer', description: 'Integer cents, positive: kind gives the sign' }) readonly amountCents!: number;
  @ApiProperty({ description: 'In the language asked for: a manual line’s own words, or written from the line’s facts (Consultation — DUPONT Jeanne)' }) readonly label!: string;
  @ApiProperty({ enum: paymentMethods }) readonly paymentMethod!: PaymentMethod;
  @ApiPropertyOptional({ description: 'Consultation lines: the patient as "FAMILY First", never the care' }) readonly patientName?: string;
  @ApiPropertyOptional() readonly consultationId?: string;
  @ApiPropertyOptional({ description: 'Retrocession lines: the other party (the substitute, or the owner)' }) readonly counterpartyAccountId?: string;
}

export class LedgerTotalsDto {
  @ApiProperty({ type: 'integer', description: 'Receipts net of their corrections: a corrected fee counts once, at its corrected amount' }) readonly incomeCents!: number;
  @ApiProperty({ type: 'integer', description: 'Expenses (retroceded fees and others) net of their corrections' }) readonly expenseCents!: number;
  @ApiProperty({ type: 'integer', description: 'incomeCents − expenseCents' }) readonly netCents!: number;
}

export class ReceiptsByCategoryDto {
  @ApiProperty({ type: 'integer', description: 'Consultation fees under the holder’s name' }) readonly consultationCents!: number;
  @ApiProperty({ type: 'integer', description: 'Retrocessions received as a substitute' }) readonly retrocessionCents!: number;
  @ApiProperty({ type: 'integer', description: 'Receipts written by hand' }) readonly manualCents!: number;
}

export class OtherExpensesByCategoryDto {
  @ApiProperty({ type: 'integer', description: 'Expenses written by hand' }) readonly manualCents!: number;
}

export class LedgerBreakdownDto {
  @ApiProperty({ type: 'integer', description: 'Recettes encaissées, net of corrections (= totals.incomeCents)' }) readonly receiptsCents!: number;
  @ApiProperty({ type: ReceiptsByCategoryDto }) readonly receiptsByCategory!: ReceiptsByCategoryDto;
  @ApiProperty({ type: 'integer', description: 'Honoraires rétrocédés: paid to substitutes, net of corrections' }) readonly retrocededFeesCents!: number;
  @ApiProperty({ type: 'integer', description: 'Every other expense, net' }) readonly otherExpensesCents!: number;
  @ApiProperty({ type: OtherExpensesByCategoryDto }) readonly otherExpensesByCategory!: OtherExpensesByCategoryDto;
  @ApiProperty({ type: 'integer', description: 'receiptsCents − retrocededFeesCents − otherExpensesCents' }) readonly netCents!: number;
}

export class CabinetLedgerBreakdownDto extends LedgerBreakdownDto {
  @ApiProperty() readonly cabinetId!: string;
}

export class MonthLedgerBreakdownDto extends LedgerBreakdownDto {
  @ApiProperty({ example: '2026-03' }) readonly month!: string;
}

export class CabinetLedgerTotalsDto extends LedgerTotalsDto {
  @ApiProperty() readonly cabinetId!: string;
}

export class LedgerListingDto {
  @ApiProperty({ type: [LedgerEntryDto], description: 'One page of the period’s lines, in ledger order' }) readonly entries!: LedgerEntryDto[];
  @ApiProperty({ type: 'string', nullable: true, description: 'Pass it as cursor for the next page; null on the last page' }) readonly nextCursor!: string | null;
  @ApiProperty({ type: 'integer', description: 'How many lines the period holds, every page together, as counted when its first page was read (the following pages repeat it)' }) readonly total!: number;
  @ApiPropertyOptional({ type: LedgerTotalsDto, description: 'On the first page (no cursor) only: over every line of the period, not the page' }) readonly totals?: LedgerTotalsDto;
  @ApiPropertyOptional({ type: [CabinetLedgerTotalsDto], description: 'On the first page only' }) readonly totalsByCabinet?: CabinetLedgerTotalsDto[];
  @ApiPropertyOptional({ type: LedgerBreakdownDto, description: 'On the first page only: the totals as the BNC return (2035) lists them, over every line of the period' }) readonly breakdown?: LedgerBreakdownDto;
  @ApiPropertyOptional({ type: [CabinetLedgerBreakdownDto], description: 'On the first page only' }) readonly breakdownByCabinet?: CabinetLedgerBreakdownDto[];
}

export class RetrocessionSummaryRowDto {
  @ApiProperty({ type: 'integer', example: 2026 }) readonly year!: number;
  @ApiProperty() readonly substituteAccountId!: string;
  @ApiProperty() readonly substituteName!: string;
  @ApiProperty({ type: 'integer' }) readonly consultationCount!: number;
  @ApiProperty({ type: 'integer', description: 'The fees of the substitute’s consultations, as corrected, in cents' }) readonly feesCents!: number;
  @ApiProperty({ type: 'integer', description: 'What was retroceded to the substitute, in cents' }) readonly retrocededCents!: number;
}

export class RetrocessionSummaryDto {
  @ApiProperty() readonly holderId!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The year asked for; null: every year' }) readonly year!: number | null;
  @ApiProperty({ type: [RetrocessionSummaryRowDto] }) readonly substitutes!: RetrocessionSummaryRowDto[];
}

export class YearFiguresDto {
  @ApiProperty({ type: LedgerBreakdownDto, description: 'The whole year' }) readonly year!: LedgerBreakdownDto;
  @ApiProperty({ type: [MonthLedgerBreakdownDto], description: 'January to December, all twelve' }) readonly months!: MonthLedgerBreakdownDto[];
}

export class CabinetYearFiguresDto extends YearFiguresDto {
  @ApiProperty() readonly cabinetId!: string;
}

export class YearlySummaryDto {
  @ApiProperty() readonly holderId!: string;
  @ApiProperty({ type: 'integer', example: 2026 }) readonly year!: number;
  @ApiProperty({ type: 'string', nullable: true, description: 'The cabinet asked for; null: every cabinet you see' }) readonly cabinetId!: string | null;
  @ApiProperty({ type: YearFiguresDto, description: 'Every cabinet you see of the ledger, together' }) readonly allCabinets!: YearFiguresDto;
  @ApiProperty({ type: [CabinetYearFiguresDto], description: 'Per cabinet with lines in the year, in cabinet id order' }) readonly cabinets!: CabinetYearFiguresDto[];
  @ApiProperty({ type: [RetrocessionSummaryRowDto], description: 'DAS2: what the holder paid each substitute in the year (retrocededCents)' }) readonly das2!: RetrocessionSummaryRowDto[];
}
