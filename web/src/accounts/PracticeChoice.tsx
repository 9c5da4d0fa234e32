import { Checkbox, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Practice } from '../access/queries';

/** The practices an access covers, ticked one by one (at least one). */
export function PracticeChoice({
  practices,
  value,
  onChange,
  error,
}: {
  practices: readonly Practice[];
  value: readonly string[];
  onChange: (cabinetIds: string[]) => void;
  error?: ReactNode;
}) {
  const { t } = useTranslation('accounts');
  return (
    <Checkbox.Group label={t('field.practices')} description={t('field.practices.hint')} required value={[...value]} onChange={onChange} error={error}>
      <Stack gap={6} mt={6}>
        {practices.map((practice) => (
          <Checkbox key={practice.cabinetId} value={practice.cabinetId} label={practice.name} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
