import { Group, NativeSelect } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { useCalendarLabels } from './calendar-labels';
import type { LedgerContext } from './LedgerPage';
import { parseTypedDay, periodOfPreset, periodPresets, presetOfPeriod, type PeriodPreset } from './period';

const ALL = 'all';
const CUSTOM = 'custom';

/** Which cabinet and which days: a preset sets both dates; changing a date makes the period custom. */
export function LedgerFiltersBar({
  context,
  period,
  cabinetId,
  onChange,
}: {
  context: LedgerContext;
  period: { from: string | null; to: string | null };
  cabinetId: string | null;
  onChange: (changes: Record<string, string | null>) => void;
}) {
  const { t } = useTranslation('ledger');
  const calendar = useCalendarLabels();
  const preset = period.from !== null && period.to !== null ? presetOfPeriod({ from: period.from, to: period.to }, context.today) : CUSTOM;
  const outOfOrder = period.from !== null && period.to !== null && period.from > period.to;

  return (
    <Group component="section" aria-label={t('filters.label')} align="flex-start" gap="md" wrap="wrap">
      <NativeSelect
        label={t('filters.cabinet')}
        value={cabinetId ?? ALL}
        onChange={(event) => onChange({ cabinet: event.currentTarget.value === ALL ? null : event.currentTarget.value })}
        data={[{ value: ALL, label: t('filters.allCabinets') }, ...context.readableCabinets.map((cabinet) => ({ value: cabinet.cabinetId, label: cabinet.name }))]}
        w={{ base: '100%', xs: 220 }}
      />
      <NativeSelect
        label={t('filters.period')}
        value={preset}
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          if (chosen === CUSTOM) return;
          const days = periodOfPreset(chosen as PeriodPreset, context.today);
          onChange({ from: days.from, to: days.to });
        }}
        data={[...periodPresets.map((value) => ({ value, label: t(`period.${value}`) })), { value: CUSTOM, label: t('period.custom') }]}
        w={{ base: '100%', xs: 200 }}
      />
      <DateInput
        label={t('filters.from')}
        value={period.from}
        onChange={(day) => day && onChange({ from: day })}
        valueFormat="DD/MM/YYYY"
        dateParser={parseTypedDay}
        placeholder={t('filters.datePlaceholder')}
        w={{ base: '47%', xs: 150 }}
        popoverProps={{ withinPortal: true }}
        {...calendar}
      />
      <DateInput
        label={t('filters.to')}
        value={period.to}
        onChange={(day) => day && onChange({ to: day })}
        valueFormat="DD/MM/YYYY"
        dateParser={parseTypedDay}
        placeholder={t('filters.datePlaceholder')}
        error={outOfOrder ? t('filters.toBeforeFrom') : undefined}
        w={{ base: '47%', xs: 150 }}
        popoverProps={{ withinPortal: true }}
        {...calendar}
      />
    </Group>
  );
}
