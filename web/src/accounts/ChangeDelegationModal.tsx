import { Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cabinet } from '../access/queries';
import { ApiError } from '../api/api-error';
import { notifySuccess } from '../components/notify';
import { useErrorMessage } from '../components/QueryState';
import { changeValuesOf, grantFieldOfError, toChangeBody, validateChange, type ChangeValues, type Delegation } from './delegation-rules';
import { CabinetChoice } from './CabinetChoice';
import { useChangeDelegation } from './queries';
import { DialogModal } from '../components/DialogModal';
import { FailureAlert } from '../components/FailureAlert';
import { CancelSaveButtons } from '../components/CancelSaveButtons';

type Track = <T>(work: Promise<T>) => Promise<T>;

/** Changing the cabinets (and a substitute's rate) of a specific account: effective within a second. */
export function ChangeDelegationModal({
  delegation,
  person,
  cabinets,
  onClose,
  track,
}: {
  delegation: Delegation | null;
  person: string;
  cabinets: readonly Cabinet[];
  onClose: () => void;
  track: Track;
}) {
  const { t } = useTranslation('accounts');
  return (
    <DialogModal opened={delegation !== null} onClose={onClose} title={t('change.title', { person })} centered size="lg">
      {delegation && <ChangeForm key={delegation.delegationId} delegation={delegation} cabinets={cabinets} onDone={onClose} track={track} />}
    </DialogModal>
  );
}

function ChangeForm({ delegation, cabinets, onDone, track }: { delegation: Delegation; cabinets: readonly Cabinet[]; onDone: () => void; track: Track }) {
  const { t, i18n } = useTranslation('accounts');
  const errorMessage = useErrorMessage();
  const change = useChangeDelegation(track);
  const [failure, setFailure] = useState<string | null>(null);
  const known = new Set(cabinets.map((cabinet) => cabinet.cabinetId));
  const initial = changeValuesOf(delegation, i18n.language);
  const form = useForm<ChangeValues>({
    initialValues: { ...initial, cabinetIds: initial.cabinetIds.filter((id) => known.has(id)) },
    validate: (values) => {
      const problems = validateChange(values, delegation.role);
      return {
        cabinetIds: problems.cabinetIds && t('field.cabinets.required'),
        retrocessionPercent: problems.retrocessionPercent && t(`field.retrocession.${problems.retrocessionPercent}`),
      };
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    const body = toChangeBody(delegation, values);
    if (!body) {
      onDone();
      return;
    }
    try {
      await change.mutateAsync({ delegationId: delegation.delegationId, body });
      notifySuccess(t('change.done'));
      onDone();
    } catch (error) {
      const field = error instanceof ApiError ? grantFieldOfError(error.code) : undefined;
      if (field === 'cabinetIds' || field === 'retrocessionPercent') form.setFieldError(field, errorMessage(error));
      else setFailure(errorMessage(error));
    }
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <FailureAlert message={failure} />
        <Text size="sm">
          <Text span fw={500}>
            {t('field.role')}
          </Text>{' '}
          {t(`role.${delegation.role}`)} — {t(`role.${delegation.role}.reach`)}
        </Text>
        <CabinetChoice cabinets={cabinets} value={form.values.cabinetIds} onChange={(ids) => form.setFieldValue('cabinetIds', ids)} error={form.errors.cabinetIds} />
        {delegation.role === 'substitute' && (
          <TextInput
            label={t('field.retrocession')}
            description={t('change.retrocession.hint')}
            required
            inputMode="decimal"
            rightSection="%"
            maw={260}
            {...form.getInputProps('retrocessionPercent')}
          />
        )}
        <CancelSaveButtons onCancel={onDone} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
