import { Body, Controller, Get, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { unreachable } from '@osteo/event-sourcing';
import { ApiErrors, CreatedAt } from '@osteo/http';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { Clock } from '@osteo/platform';
import { LedgerStatementQuery } from '../application/export-ledger/ledger-statement.query';
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
  LedgerExportQueryDto,
  LedgerLinesQueryDto,
  LedgerListingDto,
  RecordManualEntryDto,
  RetrocessionSummaryDto,
  RetrocessionSummaryQueryDto,
  YearlySummaryDto,
  YearlySummaryQueryDto,
} from './accounting.dto';
import { exportFileName } from './export/export-file-name';
import { ledgerCsv } from './export/ledger-csv';
import { ledgerPdf } from './export/ledger-pdf';

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
  @ApiOperation({
    summary: 'The lines of a ledger, in date order, with totals overall and per cabinet',
    description:
      'The holder sees every line; an accountant of the holder, the lines of the cabinets selected for them. ' +
      'Totals are net of corrections: a counter-entry lowers the figure of the line it cancels, so a corrected fee counts once, at its corrected amount ' +
      '(until #13, incomeCents and expenseCents summed counter-entries on the other side and counted a corrected fee twice).',
  })
  @ApiOkResponse({ type: LedgerListingDto })
  async entries(@CurrentCaller() caller: Caller, @Param('accountId') accountId: string, @Query() query: LedgerLinesQueryDto): Promise<LedgerListing> {
    const period = periodOf(query);
    const scope = await this.scopes.require(caller, accountId, 'ledger.read', query.cabinetId);
    return this.listEntries.execute(scope, period);
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
  @ApiOperation({
    summary: 'The ledger as a file: CSV for spreadsheets, or the printable PDF table',
    description: 'Lines, totals overall and per cabinet, and the yearly retrocession summary per substitute. CSV: UTF-8 with BOM, `;`-separated, amounts as 1234,56.',
  })
  @ApiOkResponse({
    description: 'The file, as an attachment (Content-Disposition names it)',
    content: {
      'text/csv': { schema: { type: 'string', format: 'binary' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async export(@CurrentCaller() caller: Caller, @Param('accountId') accountId: string, @Query() query: LedgerExportQueryDto): Promise<StreamableFile> {
    const period = periodOf(query);
    const scope = await this.scopes.require(caller, accountId, 'ledger.export', query.cabinetId);
    const statement = await this.statements.execute(scope, period, this.clock.now());
    switch (query.format) {
      case 'csv':
        return new StreamableFile(Buffer.from(ledgerCsv(statement), 'utf8'), {
          type: 'text/csv; charset=utf-8',
          disposition: `attachment; filename="${exportFileName(statement, 'csv')}"`,
        });
      case 'pdf':
        return new StreamableFile(await ledgerPdf(statement), {
          type: 'application/pdf',
          disposition: `attachment; filename="${exportFileName(statement, 'pdf')}"`,
        });
      default:
        return unreachable(query.format);
    }
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

function periodOf(query: LedgerLinesQueryDto): Period {
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw new Rejection('invalid', 'LEDGER.INVALID_PERIOD', 'from must not be after to');
  }
  return { ...(query.from !== undefined && { from: query.from }), ...(query.to !== undefined && { to: query.to }) };
}
