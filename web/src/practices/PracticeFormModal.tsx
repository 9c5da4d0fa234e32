import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Practice } from '../access/queries';
import { applyApiFieldErrors } from '../components/form-errors';
import { notifySuccess } from '../components/notify';
import { useErrorMessage } from '../components/QueryState';
import {
  DEFAULT_TIME_ZONE,
  PRACTICE_ADDRESS_MAX_LENGTH,
  PRACTICE_NAME_MAX_LENGTH,
  toChangePracticeBody,
  toOpenPracticeBody,
  validatePractice,
  type PracticeValues,
} from './practice-rules';
import { useChangePractice, useOpenPractice } from './queries';
import { TimeZoneSelect } from './TimeZoneSelect';
import { DialogModal } from '../components/DialogModal';
import { FailureAlert } from '../components/FailureAlert';

type Track = <T>(work: Promise<T>) => Promise<T>;

/**
 * Opening a practice (name, address, time zone) or changing one (name, time zone: the API keeps
 * the address as it was given). What was typed stays when the API refuses.
 */
export function PracticeFormModal({ practice, opened, onClose, track }: { practice: Practice | null; opened: boolean; onClose: () => void; track: Track }) {
  const { t } = useTranslation('practices');
  return (
    <DialogModal opened={opened} onClose={onClose} title={practice ? t('edit.title', { name: practice.name }) : t('create.title')} centered size="lg">
      {opened && <PracticeForm key={practice?.cabinetId ?? 'new'} practice={practice} onDone={onClose} track={track} />}
    </DialogModal>
  );
}

function PracticeForm({ practice, onDone, track }: { practice: Practice | null; onDone: () => void; track: Track }) {
  const { t } = useTranslation('practices');
  const { t: common } = useTranslation('common');
  const errorMessage = useErrorMessage();
  const openPractice = useOpenPractice(track);
  const changePractice = useChangePractice(track);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<PracticeValues>({
    initialValues: { name: practice?.name ?? '', address: practice?.address ?? '', timeZone: practice?.timeZone ?? DEFAULT_TIME_ZONE },
    validate: (values) => {
      const problems = validatePractice(values);
      return {
        name: problems.name && t(`field.name.${problems.name}`, { max: PRACTICE_NAME_MAX_LENGTH }),
        address: problems.address && t(`field.address.${problems.address}`, { max: PRACTICE_ADDRESS_MAX_LENGTH }),
        timeZone: problems.timeZone && t(`field.timeZone.${problems.timeZone}`),
      };
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      if (practice) {
        const body = toChangePracticeBody(practice, values);
        if (body) {
          await changePractice.mutateAsync({ cabinetId: practice.cabinetId, body });
          notifySuccess(t('edit.done', { name: values.name.trim() }));
        }
      } else {
        await openPractice.mutateAsync(toOpenPracticeBody(values));
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
        <TextInput label={t('field.name')} required maxLength={PRACTICE_NAME_MAX_LENGTH} data-autofocus {...form.getInputProps('name')} />
        {practice ? (
          practice.address && (
            <Text size="sm">
              <Text span fw={500}>
                {t('field.address')}
              </Text>{' '}
              {practice.address}
            </Text>
          )
        ) : (
          <TextInput label={t('field.address')} description={t('field.address.hint')} maxLength={PRACTICE_ADDRESS_MAX_LENGTH} autoComplete="street-address" {...form.getInputProps('address')} />
        )}
        <TimeZoneSelect value={form.values.timeZone} onChange={(zone) => form.setFieldValue('timeZone', zone)} error={form.errors.timeZone} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={form.submitting}>
            {common('cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {practice ? common('save') : t('create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
