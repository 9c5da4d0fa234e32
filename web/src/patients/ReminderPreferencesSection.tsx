import { Button, Checkbox, Fieldset, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import { DialogModal } from '../components/DialogModal';
import { FailureAlert } from '../components/FailureAlert';
import { applyApiFieldErrors } from '../components/form-errors';
import { notifySuccess } from '../components/notify';
import { useErrorMessage } from '../components/QueryState';
import { formatCalendarDay } from '../format/dates';
import { phoneForReading } from '../format/phone';
import { patientName } from './patient-rules';
import { useSetReminderPreferences } from './reminder-queries';
import { noReminders, reminderPreferencesForm, toReminderPreferencesBody, validateReminderPreferences, type ReminderPreferencesValues } from './reminder-rules';
import type { PatientRecord } from './types';
import { CancelSaveButtons } from '../components/CancelSaveButtons';

/** How the patient agreed to be reminded of appointments, and since when; changed by whoever may change the record. */
export function ReminderPreferencesSection({ patient, canEdit, today }: { patient: PatientRecord; canEdit: boolean; today: string }) {
  const { t, i18n } = useTranslation('patients');
  const [editing, setEditing] = useState(false);
  const { channels, consentDate } = patient.reminderPreferences ?? noReminders;
  const title = t('reminders.title');
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Group justify="space-between" align="flex-start" mb="xs" gap="xs">
        <Title order={2} size="h4">
          {title}
        </Title>
        {canEdit && (
          <Button size="xs" variant="default" onClick={() => setEditing(true)}>
            {t('reminders.edit')}
          </Button>
        )}
      </Group>
      {channels.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reminders.none')}
        </Text>
      ) : (
        <Stack gap={2}>
          <Text size="sm">{t(`reminders.by.${channels.length === 2 ? 'both' : channels[0]}`)}</Text>
          {consentDate && (
            <Text size="xs" c="dimmed">
              {t('reminders.consentOn', { date: formatCalendarDay(consentDate, i18n.language) })}
            </Text>
          )}
        </Stack>
      )}
      <DialogModal opened={editing} onClose={() => setEditing(false)} title={t('reminders.editTitle', { name: patientName(patient) })} centered>
        {editing && <ReminderPreferencesForm patient={patient} today={today} onDone={() => setEditing(false)} />}
      </DialogModal>
    </Paper>
  );
}

function ReminderPreferencesForm({ patient, today, onDone }: { patient: PatientRecord; today: string; onDone: () => void }) {
  const { t } = useTranslation('patients');
  const errorMessage = useErrorMessage();
  const save = useSetReminderPreferences(patient);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<ReminderPreferencesValues>({
    initialValues: reminderPreferencesForm(patient.reminderPreferences),
    validate: (values) => {
      const problems = validateReminderPreferences(values, patient, today);
      return {
        email: problems.email && t('reminders.email.noEmail'),
        sms: problems.sms && t('reminders.sms.noPhone'),
        consentDate: problems.consentDate && t(`reminders.consentDate.${problems.consentDate}`),
      };
    },
  });
  const anyChannel = form.values.email || form.values.sms;

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await save.mutateAsync(toReminderPreferencesBody(values));
      notifySuccess(t('reminders.done', { name: patientName(patient) }));
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'PATIENT.REMINDER_CONTACT_MISSING') setFailure(errorMessage(error));
      else if (error instanceof ApiError && ['PATIENT.REMINDER_CONSENT_REQUIRED', 'PATIENT.INVALID_CONSENT_DATE'].includes(error.code)) form.setFieldError('consentDate', errorMessage(error));
      else if (!applyApiFieldErrors(error, ['consentDate'], form.setFieldError, t('reminders.consentDate.refused'))) setFailure(errorMessage(error));
    }
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <FailureAlert message={failure} />
        <Text size="sm">{t('reminders.intro')}</Text>
        {/* Each box its own form field: a Checkbox.Group would hold the checked state itself. */}
        <Fieldset legend={t('reminders.channels')} variant="unstyled">
          <Stack gap="xs" mt="xs">
            <Checkbox
              label={t('reminders.email')}
              description={patient.email ? patient.email : t('reminders.email.noEmail')}
              disabled={!patient.email && !form.values.email}
              {...form.getInputProps('email', { type: 'checkbox' })}
            />
            <Checkbox
              label={t('reminders.sms')}
              description={patient.phone ? t('reminders.sms.to', { phone: phoneForReading(patient.phone) }) : t('reminders.sms.noPhone')}
              disabled={!patient.phone && !form.values.sms}
              {...form.getInputProps('sms', { type: 'checkbox' })}
            />
          </Stack>
        </Fieldset>
        <TextInput
          label={t('reminders.consentDate')}
          description={t('reminders.consentDate.hint')}
          type="date"
          max={today}
          required={anyChannel}
          disabled={!anyChannel}
          {...form.getInputProps('consentDate')}
        />
        <CancelSaveButtons onCancel={onDone} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
