import { Body, Controller, createParamDecorator, type ExecutionContext, Get, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { unreachable } from '@osteo/event-sourcing';
import { ApiErrors, CreatedAt, pageRequestOf } from '@osteo/http';
import { MAX_PAGE_SIZE } from '@osteo/read-store';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { Clock } from '@osteo/platform';
import { LedgerStatementQuery } from '../application/export-ledger/ledger-statement.query';
import { DEFAULT_READER_LANGUAGE, type ReaderLanguage, readerLanguages, translatorFor } from '../application/ledger-language/ledger-catalog';
import { LedgerScopes } from '../application/ledger/ledger-scopes';
import type { Period } from '../application/ledger/ledger-lines';
import { LedgerListing, ListLedgerEntriesQuery } from '../application/list-ledger-entries/list-ledger-entries.query';
import { RecordManualEntryHandler } from '../application/record-manual-entry/record-manual-entry.handler';
import { type Caller, CurrentCaller } from '@osteo/auth';
import type { RetrocessionSummaryRow } from '../application/ledger/retrocession-summaries';
import { RetrocessionSummaryQuery } from '../application/retrocession-summary/retrocession-summary.query';
import { type YearlySummary, YearlySummaryQuery } from '../application/yearly-summary/yearly-summary.query';
import {
  EntryRecordedDto,
  type ExportFormat,
  LedgerEntriesQueryDto,
  LedgerExportQueryDto,
  LedgerLinesQueryDto,
  LedgerListingDto,
  RecordManualEntryDto,
  RetrocessionSummaryDto,
  RetrocessionSummaryQueryDto,
  YearlySummaryDto,
  YearlySummaryExportQueryDto,
  YearlySummaryQueryDto,
} from './accounting.dto';
import { exportFileName } from './export/export-file-name';
import { linesCsv, retrocessionsCsv, totalsCsv, yearlyCsv } from './export/ledger-csv';
import { linesPdf, retrocessionsPdf, totalsPdf, yearlyPdf } from './export/ledger-pdf';

/**
 * The request's Accept-Language, optional: Nest's @Headers would declare the header required in
 * the OpenAPI document. Documented per route with LANGUAGE_HEADER.
 */
const AcceptLanguage = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const header: unknown = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers['accept-language'];
  return typeof header === 'string' ? header : undefined;
});
const LANGUAGE_HEADER = { name: 'Accept-Language', required: false, description: 'Used when `language` is absent: its first tag if fr or en, else fr' } as const;

/**
 * One ledger per account. `:accountId` is the holder (or `me`); who may see what of it is decided
 * on every request (LedgerScopes). Writing is POST /ledgers/me/entries only: no route names
 * another holder's ledger for writing, so nobody can write into one.
 */
@ApiTags('accounting')
@ApiBearerAuth()
@Controller('ledgers')
export class LedgersController {
  constructor(
    private readonly scopes: LedgerScopes,
    private readonly recordManualEntry: RecordManualEntryHandler,
    private readonly listEntries: ListLedgerEntriesQuery,
    private readonly statements: LedgerStatementQuery,
    private readonly retrocessionSummary: RetrocessionSummaryQuery,
    private readonly yearlySummaries: YearlySummaryQuery,
    private readonly clock: Clock,
  ) {}

  @Get(':accountId/entries')
  @ApiHeader(LANGUAGE_HEADER)
  @ApiOperation({
    summary: 'The lines of a ledger, in date order, with totals overall and per cabinet',
    description:
      'The holder sees every line; an accountant of the holder, the lines of the cabinets selected for them. ' +
      'Totals are net of corrections: a counter-entry lowers the figure of the line it cancels, so a corrected fee counts once, at its corrected amount ' +
      '(until #13, incomeCents and expenseCents summed counter-entries on the other side and counted a corrected fee twice).',
  })
  @ApiOkResponse({ type: LedgerListingDto })
  @ApiErrors({ status: 400, description: `REQUEST.INVALID: language not fr or en, limit outside 1–${MAX_PAGE_SIZE}, a cursor no page gave (the message names the field); LEDGER.INVALID_PERIOD` })
  async entries(
    @CurrentCaller() caller: Caller,
    @Param('accountId') accountId: string,
    @Query() query: LedgerEntriesQueryDto,
    @AcceptLanguage() acceptLanguage?: string,
  ): Promise<LedgerListing> {
    const period = periodOf(query);
    const scope = await this.scopes.require(caller, accountId, 'ledger.read', query.cabinetId);
    const language = readerLanguageOf(query.language, acceptLanguage);
    return this.listEntries.execute(scope, period, pageRequestOf(query), translatorFor(language));
  }

  @Post('me/entries')
  @ApiOperation({ summary: 'Write a manual income or expense line in your own ledger' })
  // No route reads one line: Location is the caller's own ledger, which lists it.
  @CreatedAt(EntryRecordedDto, '/ledgers/me/entries')
  @ApiErrors(
    { status: 403, description: 'ACCESS.FORBIDDEN: your role in this cabinet keeps no ledger there; AUTH.PASSWORD_CHANGE_REQUIRED' },
    { status: 404, description: 'RESOURCE.NOT_FOUND: the cabinet is outside every cabinet you can see' },
  )
  record(@CurrentCaller() caller: Caller, @Body() body: RecordManualEntryDto): Promise<EntryRecordedDto> {
    return this.recordManualEntry.execute(caller, body);
  }

  @Get(':accountId/export')
  @ApiHeader(LANGUAGE_HEADER)
  @ApiOperation({
    summary: 'The ledger as a file, in the reader’s language: CSV for spreadsheets, or the printable PDF',
    description:
      'report=lines (default): the lines, one table; report=totals: the figures net of corrections, overall and per cabinet; ' +
      'report=retrocessions: per substitute and year (DAS2), for the years the period touches. ' +
      'CSV: UTF-8 with BOM, one table, header first; French: `;`-separated, dates 04/12/2026, amounts 1234,56; English: `,`-separated, dates 2026-12-04, amounts 1234.56. ' +
      'PDF: fonts embedded (DejaVu Sans, Noto Sans SC for Chinese), tagged with its language.',
  })
  @ApiOkResponse({
    description: 'The file, as an attachment (Content-Disposition names it)',
    content: {
      'text/csv': { schema: { type: 'string', format: 'binary' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async export(
    @CurrentCaller() caller: Caller,
    @Param('accountId') accountId: string,
    @Query() query: LedgerExportQueryDto,
    @AcceptLanguage() acceptLanguage?: string,
  ): Promise<StreamableFile> {
    const period = periodOf(query);
    const scope = await this.scopes.require(caller, accountId, 'ledger.export', query.cabinetId);
    const statement = await this.statements.execute(scope, period, readerLanguageOf(query.language, acceptLanguage), this.clock.now());
    const report = query.report ?? 'lines';
    const fileName = exportFileName(report === 'lines' ? 'ledger' : report, statement, query.format);
    switch (report) {
      case 'lines':
        return fileOf(query.format, fileName, () => linesCsv(statement), () => linesPdf(statement));
      case 'totals':
        return fileOf(query.format, fileName, () => totalsCsv(statement), () => totalsPdf(statement));
      case 'retrocessions':
        return fileOf(query.format, fileName, () => retrocessionsCsv(statement), () => retrocessionsPdf(statement));
      default:
        return unreachable(report);
    }
  }

  @Get(':accountId/yearly-summary/export')
  @ApiHeader(LANGUAGE_HEADER)
  @ApiOperation({
    summary: 'One year’s summary as a file, in the reader’s language',
    description: 'CSV: the 2035 figures of the year and of each month, every cabinet together then per cabinet, one table (the DAS2 rows: GET …/export?report=retrocessions over the year). PDF: the same, then the DAS2. Who may read it: as GET …/export.',
  })
  @ApiOkResponse({
    description: 'The file, as an attachment (Content-Disposition names it)',
    content: {
      'text/csv': { schema: { type: 'string', format: 'binary' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async exportYearlySummary(
    @CurrentCaller() caller: Caller,
    @Param('accountId') accountId: string,
    @Query() query: YearlySummaryExportQueryDto,
    @AcceptLanguage() acceptLanguage?: string,
  ): Promise<StreamableFile> {
    const scope = await this.scopes.require(caller, accountId, 'ledger.export', query.cabinetId);
    const statement = await this.statements.yearly(scope, Number(query.year), query.cabinetId ?? null, readerLanguageOf(query.language, acceptLanguage), this.clock.now());
    return fileOf(query.format, exportFileName('yearly-summary', statement, query.format), () => yearlyCsv(statement), () => yearlyPdf(statement));
  }

  @Get(':accountId/retrocession-summary')
  @ApiOperation({ summary: 'What the holder retroceded to each substitute, per year (for the DAS2)' })
  @ApiOkResponse({ type: RetrocessionSummaryDto })
  async summary(
    @CurrentCaller() caller: Caller,
    @Param('accountId') accountId: string,
    @Query() query: RetrocessionSummaryQueryDto,
  ): Promise<{ holderId: string; year: number | null; substitutes: RetrocessionSummaryRow[] }> {
    const scope = await this.scopes.require(caller, accountId, 'ledger.read');
    const year = query.year === undefined ? null : Number(query.year);
    const substitutes = await this.retrocessionSummary.execute(scope, year === null ? {} : { from: year, to: year });
    return { holderId: scope.holderId, year, substitutes };
  }

  @Get(':accountId/yearly-summary')
  @ApiOperation({
    summary: 'One year of a ledger as the BNC return (2035) and the DAS2 ask for it',
    description:
      'Receipts, retroceded fees and other expenses by category, net of corrections, for the year and per month, for every cabinet you see together and per cabinet; ' +
      'next to what the holder paid each substitute in the year (DAS2). Who may read it: as GET …/entries.',
  })
  @ApiOkResponse({ type: YearlySummaryDto })
  @ApiErrors(
    { status: 400, description: 'REQUEST.INVALID: year missing or outside 2000–2099 (the message names the field)' },
    { status: 403, description: 'ACCESS.FORBIDDEN: you see this ledger’s holder but not their books' },
    { status: 404, description: 'RESOURCE.NOT_FOUND: the ledger, or the cabinet, is outside what you can see' },
  )
  async yearlySummary(@CurrentCaller() caller: Caller, @Param('accountId') accountId: string, @Query() query: YearlySummaryQueryDto): Promise<YearlySummary> {
    const scope = await this.scopes.require(caller, accountId, 'ledger.read', query.cabinetId);
    return this.yearlySummaries.execute(scope, Number(query.year), query.cabinetId ?? null);
  }
}

async function fileOf(format: ExportFormat, fileName: string, csv: () => string, pdf: () => Promise<Buffer>): Promise<StreamableFile> {
  switch (format) {
    case 'csv':
      return new StreamableFile(Buffer.from(csv(), 'utf8'), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${fileName}"` });
    case 'pdf':
      return new StreamableFile(await pdf(), { type: 'application/pdf', disposition: `attachment; filename="${fileName}"` });
    default:
      return unreachable(format);
  }
}

/**
 * The language asked for; without one, the first tag of Accept-Language when it is French or
 * English (fr-FR counts as fr), else French, the platform's first language. An unknown `language`
 * never reaches here: the DTO answers 400 naming it.
 */
export function readerLanguageOf(asked: ReaderLanguage | undefined, acceptLanguage: string | undefined): ReaderLanguage {
  if (asked !== undefined) return asked;
  const first = (acceptLanguage ?? '').split(',')[0].split(';')[0].trim().split('-')[0].toLowerCase();
  return (readerLanguages as readonly string[]).includes(first) ? (first as ReaderLanguage) : DEFAULT_READER_LANGUAGE;
}

function periodOf(query: LedgerLinesQueryDto): Period {
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw new Rejection('invalid', 'LEDGER.INVALID_PERIOD', 'from must not be after to');
  }
  return { ...(query.from !== undefined && { from: query.from }), ...(query.to !== undefined && { to: query.to }) };
}
