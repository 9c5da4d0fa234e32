import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cabinet } from '../access/queries';
import { applyApiFieldErrors } from '../components/form-errors';
import { notifySuccess } from '../components/notify';
import { useErrorMessage } from '../components/QueryState';
import {
  DEFAULT_TIME_ZONE,
  CABINET_ADDRESS_MAX_LENGTH,
  CABINET_NAME_MAX_LENGTH,
  toChangeCabinetBody,
  toOpenCabinetBody,
  validateCabinet,
  type CabinetValues,
} from './cabinet-rules';
import { useChangeCabinet, useOpenCabinet } from './queries';
import { TimeZoneSelect } from './TimeZoneSelect';
import { DialogModal } from '../components/DialogModal';
import { FailureAlert } from '../components/FailureAlert';

type Track = <T>(work: Promise<T>) => Promise<T>;

/**
 * Opening a cabinet (name, address, time zone) or changing one (name, time zone: the API keeps
 * the address as it was given). What was typed stays when the API refuses.
 */
export function CabinetFormModal({ cabinet, opened, onClose, track }: { cabinet: Cabinet | null; opened: boolean; onClose: () => void; track: Track }) {
  const { t } = useTranslation('cabinets');
  return (
    <DialogModal opened={opened} onClose={onClose} title={cabinet ? t('edit.title', { name: cabinet.name }) : t('create.title')} centered size="lg">
      {opened && <CabinetForm key={cabinet?.cabinetId ?? 'new'} cabinet={cabinet} onDone={onClose} track={track} />}
    </DialogModal>
  );
}

function CabinetForm({ cabinet, onDone, track }: { cabinet: Cabinet | null; onDone: () => void; track: Track }) {
  const { t } = useTranslation('cabinets');
  const { t: common } = useTranslation('common');
  const errorMessage = useErrorMessage();
  const openCabinet = useOpenCabinet(track);
  const changeCabinet = useChangeCabinet(track);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<CabinetValues>({
    initialValues: { name: cabinet?.name ?? '', address: cabinet?.address ?? '', timeZone: cabinet?.timeZone ?? DEFAULT_TIME_ZONE },
    validate: (values) => {
      const problems = validateCabinet(values);
      return {
        name: problems.name && t(`field.name.${problems.name}`, { max: CABINET_NAME_MAX_LENGTH }),
        address: problems.address && t(`field.address.${problems.address}`, { max: CABINET_ADDRESS_MAX_LENGTH }),
        timeZone: problems.timeZone && t(`field.timeZone.${problems.timeZone}`),
      };
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      if (cabinet) {
        const body = toChangeCabinetBody(cabinet, values);
        if (body) {
          await changeCabinet.mutateAsync({ cabinetId: cabinet.cabinetId, body });
          notifySuccess(t('edit.done', { name: values.name.trim() }));
        }
      } else {
        await openCabinet.mutateAsync(toOpenCabinetBody(values));
        notifySuccess(t('create.done', { name: values.name.trim() }));
      }
      onDone();
    } catch (error) {
      if (!applyApiFieldErrors(error, ['name', 'address', 'timeZone'], form.setFieldError, t('field.invalid'))) setFailure(errorMessage(error));
    }
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <FailureAlert message={failure} />
        <TextInput label={t('field.name')} required maxLength={CABINET_NAME_MAX_LENGTH} data-autofocus {...form.getInputProps('name')} />
        {cabinet ? (
          cabinet.address && (
            <Text size="sm">
              <Text span fw={500}>
                {t('field.address')}
              </Text>{' '}
              {cabinet.address}
            </Text>
          )
        ) : (
          <TextInput label={t('field.address')} description={t('field.address.hint')} maxLength={CABINET_ADDRESS_MAX_LENGTH} autoComplete="street-address" {...form.getInputProps('address')} />
        )}
        <TimeZoneSelect value={form.values.timeZone} onChange={(zone) => form.setFieldValue('timeZone', zone)} error={form.errors.timeZone} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={form.submitting}>
            {common('cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {cabinet ? common('save') : t('create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
