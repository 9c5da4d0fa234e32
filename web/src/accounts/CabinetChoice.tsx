import { Checkbox, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cabinet } from '../access/queries';

/** The cabinets an access covers, ticked one by one (at least one). */
export function CabinetChoice({
  cabinets,
  value,
  onChange,
  error,
}: {
  cabinets: readonly Cabinet[];
  value: readonly string[];
  onChange: (cabinetIds: string[]) => void;
  error?: ReactNode;
}) {
  const { t } = useTranslation('accounts');
  return (
    <Checkbox.Group label={t('field.cabinets')} description={t('field.cabinets.hint')} required value={[...value]} onChange={onChange} error={error}>
      <Stack gap={6} mt={6}>
        {cabinets.map((cabinet) => (
          <Checkbox key={cabinet.cabinetId} value={cabinet.cabinetId} label={cabinet.name} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
