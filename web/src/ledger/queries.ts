import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiErrorFrom, ApiError } from '../api/api-error';
import { unwrap, type ApiClient } from '../api/client';
import type { components } from '../api/schema';
import { pollUntil } from '../api/eventual';
import { useApi } from '../app/platform';
import { fallbackExportName, fileNameFromContentDisposition, type ExportFormat } from './download-name';
import type { ManualEntryBody } from './manual-entry';
import type { Period } from './period';

/** The API's shapes (services/accounting/interface/accounting.dto.ts), from the generated schema. */
export type LedgerEntry = components['schemas']['LedgerEntryDto'];
export type LedgerListing = components['schemas']['LedgerListingDto'];
export type RetrocessionSummaryRow = components['schemas']['RetrocessionSummaryRowDto'];
export type RetrocessionSummary = components['schemas']['RetrocessionSummaryDto'];
export type YearlySummary = components['schemas']['YearlySummaryDto'];
export type LedgerBreakdown = components['schemas']['LedgerBreakdownDto'];
/** What the ledger's exports offer: the lines, the totals, the retrocessions per substitute (DAS2). */
export type LedgerReport = 'lines' | 'totals' | 'retrocessions';
/** The languages the API writes labels and exports in: the screen's own. */
type ReaderLanguage = 'fr' | 'en';
const readerLanguageOf = (language: string): ReaderLanguage => (language.startsWith('en') ? 'en' : 'fr');

/** The lines loaded so far (every page fetched), with the figures of the whole period (the first page's). */
export type LoadedLedger = Required<Omit<LedgerListing, 'nextCursor'>> & { readonly hasMore: boolean };

/** Lines per page of the ledger, as the API answers by default. */
export const LEDGER_PAGE_SIZE = 50;

export interface LedgerFilters extends Period {
  /** Null: every cabinet the caller may read in this ledger. */
  readonly cabinetId: string | null;
}

export const ledgerQueryKeys = {
  all: ['ledger'] as const,
  entries: (holderId: string, filters: LedgerFilters, language: ReaderLanguage) => ['ledger', holderId, 'entries', filters.cabinetId, filters.from, filters.to, language] as const,
  retrocessionSummary: (holderId: string, year: number) => ['ledger', holderId, 'retrocession-summary', year] as const,
  yearlySummary: (holderId: string, year: number) => ['ledger', holderId, 'yearly-summary', year] as const,
};

function queryOf(filters: LedgerFilters) {
  return { from: filters.from, to: filters.to, ...(filters.cabinetId !== null && { cabinetId: filters.cabinetId }) };
}

async function readLedgerEntries(api: ApiClient, holderId: string, filters: LedgerFilters, language: ReaderLanguage, cursor?: string): Promise<LedgerListing> {
  return unwrap(
    api.GET('/api/v1/ledgers/{accountId}/entries', {
      params: { path: { accountId: holderId }, query: { ...queryOf(filters), language, limit: LEDGER_PAGE_SIZE, ...(cursor !== undefined && { cursor }) } },
    }),
  );
}

/** The pages read so far as one listing: the lines of every page, the figures of the whole period (the first page carries them). */
function loadedLedgerOf(data: InfiniteData<LedgerListing, string | undefined>): LoadedLedger {
  const { totals, totalsByCabinet, breakdown, breakdownByCabinet } = data.pages[0];
  const last = data.pages[data.pages.length - 1];
  if (!totals || !totalsByCabinet || !breakdown || !breakdownByCabinet) throw new Error('The first page of a ledger carries its figures');
  return { totals, totalsByCabinet, breakdown, breakdownByCabinet, total: last.total, entries: data.pages.flatMap((page) => page.entries), hasMore: last.nextCursor !== null };
}

/**
 * The lines of a ledger over a period (one cabinet or all), a page at a time ("Plus d'écritures"
 * reads the next), labelled in the screen's language, with the period's totals; the previous
 * listing stays shown while the next loads.
 */
export function useLedgerEntries(holderId: string, filters: LedgerFilters | null) {
  const api = useApi();
  const language = readerLanguageOf(useTranslation().i18n.language);
  return useInfiniteQuery({
    queryKey: filters ? ledgerQueryKeys.entries(holderId, filters, language) : ['ledger', holderId, 'entries', 'invalid'],
    queryFn: ({ pageParam }) => readLedgerEntries(api, holderId, filters!, language, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page: LedgerListing) => page.nextCursor ?? undefined,
    select: loadedLedgerOf,
    enabled: filters !== null,
    placeholderData: keepPreviousData,
  });
}

/** One year as the BNC return (2035) and the DAS2 ask for it, every cabinet the reader sees. */
export function useYearlySummary(holderId: string, year: number) {
  const api = useApi();
  return useQuery({
    queryKey: ledgerQueryKeys.yearlySummary(holderId, year),
    queryFn: (): Promise<YearlySummary> => unwrap(api.GET('/api/v1/ledgers/{accountId}/yearly-summary', { params: { path: { accountId: holderId }, query: { year: String(year) } } })),
    placeholderData: keepPreviousData,
  });
}

/** What the holder retroceded to each substitute in a year (the DAS2). */
export function useRetrocessionSummary(holderId: string, year: number, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: ledgerQueryKeys.retrocessionSummary(holderId, year),
    queryFn: (): Promise<RetrocessionSummary> =>
      unwrap(api.GET('/api/v1/ledgers/{accountId}/retrocession-summary', { params: { path: { accountId: holderId }, query: { year: String(year) } } })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/**
 * The names of the owners who granted the caller a role (GET /delegations, received): the name of
 * a ledger's holder when the cabinets list does not carry it.
 */
export function useGrantingOwnerNames(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['ledger', 'granting-owners'],
    queryFn: async () => {
      const { received } = await unwrap(api.GET('/api/v1/delegations'));
      return new Map(received.flatMap((delegation) => (delegation.ownerDisplayName ? [[delegation.ownerId, delegation.ownerDisplayName] as const] : [])));
    },
    enabled,
    staleTime: 60_000,
  });
}

export type RecordedEntry = { readonly entryId: string; readonly shown: boolean };

/**
 * Writes a manual line in the caller's own ledger, then waits until the ledger shows it (the
 * listing is a read model that catches up within a second): `onWritten` tells the screen the line
 * is saved and the wait begins. `shown` false: saved, but not listed yet when the wait ended.
 */
export function useRecordManualEntry(holderId: string, onWritten: () => void) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ManualEntryBody): Promise<RecordedEntry> => {
      const { entryId } = await unwrap(api.POST('/api/v1/ledgers/me/entries', { body }));
      onWritten();
      const day: LedgerFilters = { cabinetId: body.cabinetId, from: body.date, to: body.date };
      const listing = await pollUntil(
        () => readLedgerEntries(api, holderId, day, 'fr').catch(() => undefined),
        (value) => value?.entries.some((entry) => entry.entryId === entryId) ?? false,
      );
      return { entryId, shown: listing?.entries.some((entry) => entry.entryId === entryId) ?? false };
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['ledger', holderId] }),
  });
}

/** What a download is of: the ledger's lines, totals or retrocessions over the filters' period, or one year's summary. */
export type LedgerDownload =
  | { readonly format: ExportFormat; readonly report: LedgerReport; readonly filters: LedgerFilters }
  | { readonly format: ExportFormat; readonly report: 'yearly-summary'; readonly year: number };

/**
 * Fetches an export through the API client (it carries the bearer token and refreshes it), in the
 * screen's language, then hands the file to the browser under the name the API gives.
 */
export function useLedgerDownload(holderId: string) {
  const api = useApi();
  const language = readerLanguageOf(useTranslation().i18n.language);
  return useMutation({
    mutationFn: async (download: LedgerDownload): Promise<string> => {
      const { format } = download;
      let result;
      try {
        result =
          download.report === 'yearly-summary'
            ? await api.GET('/api/v1/ledgers/{accountId}/yearly-summary/export', {
                params: { path: { accountId: holderId }, query: { format, language, year: String(download.year) } },
                parseAs: 'blob',
              })
            : await api.GET('/api/v1/ledgers/{accountId}/export', {
                params: { path: { accountId: holderId }, query: { format, language, report: download.report, ...queryOf(download.filters) } },
                parseAs: 'blob',
              });
      } catch {
        throw new ApiError(0, 'network', 'network');
      }
      if (!result.response.ok) throw apiErrorFrom(result.response.status, result.error);
      const period = download.report === 'yearly-summary' ? { from: `${download.year}-01-01`, to: `${download.year}-12-31` } : download.filters;
      const name = fileNameFromContentDisposition(result.response.headers.get('content-disposition'), fallbackExportName(format, period));
      saveBlob(result.data as unknown as Blob, name);
      return name;
    },
  });
}

function saveBlob(blob: Blob, name: string): void {
  // As bytes to save, not a document to show: a PDF must not open in the browser's viewer instead.
  const url = URL.createObjectURL(new Blob([blob], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the URL is no longer needed after.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
