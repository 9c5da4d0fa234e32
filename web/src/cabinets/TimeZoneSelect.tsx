import { Select, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { supportedTimeZones, timeZoneOptions } from './cabinet-rules';

/** Matches what was typed in the zone's name or its label, ignoring case, spaces and underscores. */
const filter: OptionsFilter = ({ options, search }) => {
  const needle = search.toLocaleLowerCase().replace(/[\s_]+/g, '');
  if (!needle) return options;
  return (options as ComboboxItem[]).filter((option) => `${option.value}${option.label}`.toLocaleLowerCase().replace(/[\s_]+/g, '').includes(needle));
};

/** A searchable choice among every IANA time zone the browser knows, each with its current offset. */
export function TimeZoneSelect({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (zone: string) => void;
  error?: ReactNode;
}) {
  const { t } = useTranslation('cabinets');
  const data = useMemo(() => timeZoneOptions(supportedTimeZones(), new Date(), [value]), [value]);
  return (
    <Select
      label={t('field.timeZone')}
      description={t('field.timeZone.hint')}
      required
      searchable
      allowDeselect={false}
      data={data}
      filter={filter}
      value={value || null}
      onChange={(zone) => onChange(zone ?? '')}
      error={error}
      nothingFoundMessage={t('field.timeZone.none')}
      maxDropdownHeight={260}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
