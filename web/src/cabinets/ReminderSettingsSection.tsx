import { Anchor, Button, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cabinet } from '../access/queries';
import { ApiError } from '../api/api-error';
import { DialogModal } from '../components/DialogModal';
import { FailureAlert } from '../components/FailureAlert';
import { applyApiFieldErrors } from '../components/form-errors';
import { notifySuccess } from '../components/notify';
import { useErrorMessage } from '../components/QueryState';
import { phoneForReading, phoneHref } from '../format/phone';
import {
  CABINET_ADDRESS_MAX_LENGTH,
  REMINDER_DELAY_MAX_HOURS,
  REMINDER_PHONE_MAX_LENGTH,
  defaultReminderSettings,
  reminderSettingsForm,
  toReminderSettingsBody,
  validateReminderSettings,
  type ReminderSettingsValues,
} from './cabinet-rules';
import { useChangeReminderSettings } from './queries';
import { CancelSaveButtons } from '../components/CancelSaveButtons';

type Track = <T>(work: Promise<T>) => Promise<T>;

/** How the cabinet reminds its patients: shown to whoever sees the cabinet, changed by its owner. */
export function ReminderSettingsSection({ cabinet, manages, track }: { cabinet: Cabinet; manages: boolean; track: Track }) {
  const { t } = useTranslation('cabinets');
  const [editing, setEditing] = useState(false);
  const settings = cabinet.reminderSettings ?? defaultReminderSettings;
  const none = t('reminders.none');
  return (
    <Stack component="section" aria-labelledby="reminders" gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="reminders">
          {t('reminders.title')}
        </Title>
        {manages && (
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('reminders.edit')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('reminders.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" component="dl" m={0}>
        <div>
          <Text component="dt" size="sm" c="dimmed">
            {t('reminders.delay')}
          </Text>
          <Text component="dd" m={0}>
            {settings.delayHours === 0 ? t('reminders.delay.off') : t('reminders.delay.before', { count: settings.delayHours })}
          </Text>
        </div>
        <div>
          <Text component="dt" size="sm" c="dimmed">
            {t('reminders.address')}
          </Text>
          {/* Without an address of their own, reminders give the one the cabinet opened with (as patient-records does). */}
          <Text component="dd" m={0} c={(settings.address ?? cabinet.address) ? undefined : 'dimmed'}>
            {settings.address ?? (cabinet.address ? t('reminders.address.cabinets', { address: cabinet.address }) : none)}
          </Text>
        </div>
        <div>
          <Text component="dt" size="sm" c="dimmed">
            {t('reminders.phone')}
          </Text>
          <Text component="dd" m={0} c={settings.phone ? undefined : 'dimmed'}>
            {settings.phone ? <Anchor href={phoneHref(settings.phone)}>{phoneForReading(settings.phone)}</Anchor> : none}
          </Text>
        </div>
      </SimpleGrid>
      <DialogModal opened={editing} onClose={() => setEditing(false)} title={t('reminders.editTitle', { name: cabinet.name })} centered size="lg">
        {editing && <ReminderSettingsForm cabinet={cabinet} onDone={() => setEditing(false)} track={track} />}
      </DialogModal>
    </Stack>
  );
}

/** What was typed stays when the API refuses; its refusal shows under the field it names. */
function ReminderSettingsForm({ cabinet, onDone, track }: { cabinet: Cabinet; onDone: () => void; track: Track }) {
  const { t } = useTranslation('cabinets');
  const errorMessage = useErrorMessage();
  const change = useChangeReminderSettings(cabinet.cabinetId, track);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<ReminderSettingsValues>({
    initialValues: reminderSettingsForm(cabinet),
    validate: (values) => {
      const problems = validateReminderSettings(values);
      return {
        delayHours: problems.delayHours && t(`reminders.delay.${problems.delayHours}`, { max: REMINDER_DELAY_MAX_HOURS }),
        address: problems.address && t('field.address.tooLong', { max: CABINET_ADDRESS_MAX_LENGTH }),
        phone: problems.phone && t(`reminders.phone.${problems.phone}`, { max: REMINDER_PHONE_MAX_LENGTH }),
      };
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await change.mutateAsync(toReminderSettingsBody(values));
      notifySuccess(t('reminders.done', { name: cabinet.name }));
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CABINET.INVALID_PHONE') form.setFieldError('phone', errorMessage(error));
      else if (error instanceof ApiError && error.code === 'CABINET.INVALID_REMINDER_DELAY') form.setFieldError('delayHours', errorMessage(error));
      else if (!applyApiFieldErrors(error, ['delayHours', 'address', 'phone'], form.setFieldError, t('field.invalid'))) setFailure(errorMessage(error));
    }
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <FailureAlert message={failure} />
        <NumberInput
          label={t('reminders.delay')}
          description={t('reminders.delay.hint', { max: REMINDER_DELAY_MAX_HOURS })}
          min={0}
          max={REMINDER_DELAY_MAX_HOURS}
          step={1}
          allowDecimal={false}
          allowNegative={false}
          suffix={` ${t('reminders.delay.unit')}`}
          required
          data-autofocus
          {...form.getInputProps('delayHours')}
        />
        <TextInput
          label={t('reminders.address')}
          description={t('reminders.address.hint')}
          maxLength={CABINET_ADDRESS_MAX_LENGTH}
          autoComplete="street-address"
          {...form.getInputProps('address')}
        />
        <TextInput
          label={t('reminders.phone')}
          description={t('reminders.phone.hint')}
          type="tel"
          autoComplete="tel"
          maxLength={REMINDER_PHONE_MAX_LENGTH}
          {...form.getInputProps('phone')}
        />
        <CancelSaveButtons onCancel={onDone} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
