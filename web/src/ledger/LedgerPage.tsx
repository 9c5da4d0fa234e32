import { can } from '@osteo/access-policy';
import { Alert, Badge, Button, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCabinets } from '../access/queries';
import { useSpace } from '../access/space-context';
import { QueryState } from '../components/QueryState';
import { todayIn } from '../format/dates';
import { DownloadButtons } from './DownloadButtons';
import { EntriesTable } from './EntriesTable';
import { LedgerFiltersBar } from './LedgerFiltersBar';
import { NewEntryModal, readableErrors, useNewEntry } from './NewEntryModal';
import { isCalendarDay, isValidPeriod, periodOfPreset } from './period';
import { CabinetTotalsTable, TotalsSummary } from './Totals';
import { RetrocessionSummarySection } from './RetrocessionSummarySection';
import { useGrantingOwnerNames, useLedgerEntries, type LedgerFilters } from './queries';

/** Everything the ledger screen needs to know about whose ledger it shows and what the caller may do with it. */
export interface LedgerContext {
  readonly holderId: string;
  /** Null when the API has not told the holder's name. */
  readonly holderName: string | null;
  readonly isOwn: boolean;
  readonly today: string;
  /** Cabinets of this space whose lines of this ledger the caller may read. */
  readonly readableCabinets: readonly { readonly cabinetId: string; readonly name: string }[];
  /** Where the caller may write manual lines in this ledger (their own, where they practise). */
  readonly writableCabinets: readonly { readonly cabinetId: string; readonly name: string }[];
  readonly canExport: boolean;
  readonly cabinetName: (cabinetId: string) => string | undefined;
}

/** Whose ledger the address names (?holder=, else the first the caller may read), what the caller may do with it, and the names to show. */
export function useLedgerContext(): { readonly context: LedgerContext | null; readonly holders: readonly { id: string; name: string | null; own: boolean }[] } {
  const { t } = useTranslation('ledger');
  const { me, access, cabinets, ledgerHolders, ownerName } = useSpace();
  const everyCabinet = useCabinets();
  const [params] = useSearchParams();
  const today = todayIn(cabinets[0]?.timeZone ?? 'Europe/Paris');

  const grantingOwners = useGrantingOwnerNames(ledgerHolders.some((id) => id !== me.accountId && ownerName(id) === undefined));
  const nameOf = (id: string) => (id === me.accountId ? me.displayName : (ownerName(id) ?? grantingOwners.data?.get(id) ?? null));
  const requestedHolder = params.get('holder');
  const holderId = requestedHolder !== null && ledgerHolders.includes(requestedHolder) ? requestedHolder : ledgerHolders[0];

  const context = useMemo<LedgerContext | null>(() => {
    if (holderId === undefined) return null;
    const names = new Map<string, string>();
    for (const cabinet of everyCabinet.data ?? []) names.set(cabinet.cabinetId, cabinet.name);
    for (const cabinet of cabinets) names.set(cabinet.cabinetId, cabinet.name);
    const allowed = (action: 'ledger.read' | 'ledger.write', cabinetId: string) => can(access, action, { kind: 'ledger', holderId, cabinetId }) === 'allow';
    const isOwn = holderId === me.accountId;
    return {
      holderId,
      isOwn,
      holderName: nameOf(holderId),
      today,
      readableCabinets: cabinets.filter((cabinet) => allowed('ledger.read', cabinet.cabinetId)),
      writableCabinets: isOwn ? cabinets.filter((cabinet) => allowed('ledger.write', cabinet.cabinetId)) : [],
      canExport: can(access, 'ledger.export', { kind: 'ledger', holderId, cabinetId: null }) === 'allow',
      cabinetName: (cabinetId) => names.get(cabinetId),
    };
  }, [holderId, everyCabinet.data, cabinets, access, me, ownerName, grantingOwners.data, today, t]);
  return { context, holders: ledgerHolders.map((id) => ({ id, own: id === me.accountId, name: nameOf(id) })) };
}

export function LedgerPage() {
  const { t } = useTranslation('ledger');
  const { space } = useSpace();
  const [params, setParams] = useSearchParams();
  const { context, holders } = useLedgerContext();

  if (!context) {
    return (
      <Stack>
        <Title order={1}>{t('title')}</Title>
        <Text c="dimmed">{t('noLedger')}</Text>
      </Stack>
    );
  }

  const requestedCabinet = params.get('cabinet');
  const cabinetId = requestedCabinet !== null && context.readableCabinets.some((cabinet) => cabinet.cabinetId === requestedCabinet) ? requestedCabinet : null;
  const defaultPeriod = periodOfPreset('thisMonth', context.today);
  const from = params.get('from') ?? defaultPeriod.from;
  const to = params.get('to') ?? defaultPeriod.to;
  const period = { from: isCalendarDay(from) ? from : null, to: isCalendarDay(to) ? to : null };
  const filters: LedgerFilters | null = isValidPeriod(period) ? { cabinetId, from: period.from, to: period.to } : null;

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );

  return (
    <LedgerScreen
      context={context}
      holders={holders}
      showRetrocessions={context.holderId === space.ownerId}
      filters={filters}
      period={period}
      cabinetId={cabinetId}
      onChooseHolder={(id) => update({ holder: id, cabinet: null })}
      onFilters={update}
    />
  );
}

function LedgerScreen({
  context,
  holders,
  showRetrocessions,
  filters,
  period,
  cabinetId,
  onChooseHolder,
  onFilters,
}: {
  context: LedgerContext;
  holders: readonly { id: string; name: string | null; own: boolean }[];
  showRetrocessions: boolean;
  filters: LedgerFilters | null;
  period: { from: string | null; to: string | null };
  cabinetId: string | null;
  onChooseHolder: (holderId: string) => void;
  onFilters: (changes: Record<string, string | null>) => void;
}) {
  const { t } = useTranslation('ledger');
  const entries = useLedgerEntries(context.holderId, filters);
  const [entryOpened, entryModal] = useDisclosure(false);
  const newEntry = useNewEntry(context, filters, entryModal.close);

  return (
    <Stack gap="lg" style={readableErrors}>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <div>
          <Title order={1}>{t('title')}</Title>
          <Group gap="xs" mt={4}>
            <Text c="dimmed" size="sm">
              {context.isOwn ? t('subtitle.own', { name: context.holderName }) : named(t, 'subtitle.of', context.holderName)}
            </Text>
            {!context.isOwn && (
              <Badge color="blue.9" variant="outline">
                {t('readOnly.badge')}
              </Badge>
            )}
          </Group>
        </div>
        <Group gap="xs" wrap="wrap">
          <Button component={Link} to={`synthese-annuelle?holder=${encodeURIComponent(context.holderId)}`} variant="default">
            {t('yearly.open')}
          </Button>
          {context.writableCabinets.length > 0 && <Button onClick={entryModal.open}>{t('entry.open')}</Button>}
        </Group>
      </Group>
      {context.canExport && (
        <Group justify="flex-end">
          <DownloadButtons holderId={context.holderId} filters={filters} />
        </Group>
      )}

      {holders.length > 1 && (
        <Radio.Group label={t('holder.label')} value={context.holderId} onChange={onChooseHolder}>
          <Group mt="xs" gap="lg">
            {holders.map((holder) => (
              <Radio key={holder.id} value={holder.id} label={holder.own ? t('holder.own', { name: holder.name }) : named(t, 'holder.of', holder.name)} />
            ))}
          </Group>
        </Radio.Group>
      )}

      {!context.isOwn && (
        <Alert color="blue" variant="light" title={t('readOnly.title')} role="note">
          {named(t, 'readOnly.body', context.holderName)}
        </Alert>
      )}

      <LedgerFiltersBar context={context} period={period} cabinetId={cabinetId} onChange={onFilters} />

      {newEntry.status}

      {filters === null ? (
        <Alert color="orange" variant="light" role="alert">
          {t('filters.invalidPeriod')}
        </Alert>
      ) : (
        <QueryState query={entries}>
          {(listing) => (
            <Stack gap="lg" aria-busy={entries.isFetching}>
              <TotalsSummary totals={listing.totals} />
              <CabinetTotalsTable listing={listing} context={context} />
              <EntriesTable
                listing={listing}
                filters={filters}
                context={context}
                refreshing={entries.isFetching && entries.isPlaceholderData}
                more={{ load: () => void entries.fetchNextPage(), loading: entries.isFetchingNextPage }}
              />
            </Stack>
          )}
        </QueryState>
      )}

      {showRetrocessions && <RetrocessionSummarySection holderId={context.holderId} today={context.today} />}

      {context.writableCabinets.length > 0 && <NewEntryModal opened={entryOpened} onClose={entryModal.close} context={context} newEntry={newEntry} cabinetShown={cabinetId} />}
    </Stack>
  );
}

/** A sentence naming the holder, or its variant without a name (`…Unknown`) when the name is not known. */
function named(t: (key: string, options?: Record<string, string>) => string, key: string, name: string | null): string {
  return name === null ? t(`${key}Unknown`) : t(key, { name });
}
