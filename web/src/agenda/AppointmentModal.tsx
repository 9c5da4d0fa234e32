import { Button, Divider, Group, Modal, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiFieldErrors } from '../components/form-errors';
import { QueryState, useErrorMessage } from '../components/QueryState';
import { formatTime } from '../format/dates';
import { REASON_MAX_LENGTH, instantsOf, reasonProblem, whenProblems, type WhenValues } from './appointment-form';
import { toWallDate, wallDayAndTime } from './calendar-time';
import { useAppointment, type Appointment, type AppointmentChange, type AppointmentDetails, type Reminder } from './queries';
import { FailureAlert } from '../components/FailureAlert';

interface AppointmentModalProps {
  readonly appointment: Appointment | null;
  readonly practitionerName: string;
  /** Its reminders, by channel; undefined while they are not known. */
  readonly reminders?: readonly Reminder[];
  readonly timeZone: string;
  readonly canWrite: boolean;
  readonly onClose: () => void;
  /** Saves a change; throws the API's refusal (the form keeps what was typed). */
  readonly onChange: (appointment: Appointment, change: AppointmentChange) => Promise<void>;
  readonly onCancel: (appointment: Appointment) => Promise<void>;
}

/** An appointment opened from the week: who, when, and (with the right) change it or cancel it. */
export function AppointmentModal({ appointment, ...props }: AppointmentModalProps) {
  const { t } = useTranslation('agenda');
  return (
    <Modal opened={appointment !== null} onClose={props.onClose} title={t('details.title')} closeButtonProps={{ 'aria-label': t('common:close') }} size="lg">
      {appointment && <AppointmentView key={appointment.appointmentId} appointment={appointment} {...props} />}
    </Modal>
  );
}

function AppointmentView({ appointment, practitionerName, reminders, timeZone, canWrite, onClose, onChange, onCancel }: AppointmentModalProps & { appointment: Appointment }) {
  const { t, i18n } = useTranslation('agenda');
  const details = useAppointment(appointment.appointmentId);
  const cancelled = appointment.status === 'cancelled';
  const when = t('details.when.value', {
    day: new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(appointment.start)),
    start: formatTime(appointment.start, i18n.language, timeZone),
    end: formatTime(appointment.end, i18n.language, timeZone),
  });
  return (
    <Stack>
      <Title order={2} size="h3">
        {appointment.patientName}
      </Title>
      <dl className="agenda-details">
        <Text component="dt" fw={600} size="sm">
          {t('details.practitioner')}
        </Text>
        <Text component="dd" ml={0} mb="xs">
          {practitionerName}
        </Text>
        <Text component="dt" fw={600} size="sm">
          {t('details.when')}
        </Text>
        <Text component="dd" ml={0} mb="xs">
          {when}
        </Text>
        <Text component="dt" fw={600} size="sm">
          {t('details.status')}
        </Text>
        <Text component="dd" ml={0} fw={cancelled ? 600 : undefined} c={cancelled ? 'red.9' : undefined}>
          {t(`status.${appointment.status}`)}
        </Text>
        {reminders && !cancelled && (
          <>
            <Text component="dt" fw={600} size="sm" mt="xs">
              {t('details.reminders')}
            </Text>
            <Text component="dd" ml={0}>
              {reminders.length === 0 ? t('details.reminders.none') : reminders.map((reminder) => <ReminderLine key={reminder.channel} reminder={reminder} timeZone={timeZone} />)}
            </Text>
          </>
        )}
      </dl>
      {canWrite && !cancelled && (
        <QueryState query={details}>
          {(loaded) => <ChangeForm appointment={appointment} details={loaded} timeZone={timeZone} onClose={onClose} onChange={onChange} onCancel={onCancel} />}
        </QueryState>
      )}
      {(!canWrite || cancelled) && (
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:close')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

interface ChangeValues extends WhenValues {
  readonly reason: string;
}

function ChangeForm({
  appointment,
  details,
  timeZone,
  onClose,
  onChange,
  onCancel,
}: {
  appointment: Appointment;
  details: AppointmentDetails;
  timeZone: string;
  onClose: () => void;
  onChange: AppointmentModalProps['onChange'];
  onCancel: AppointmentModalProps['onCancel'];
}) {
  const { t } = useTranslation('agenda');
  const errorMessage = useErrorMessage();
  const [failure, setFailure] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  // The API may not tell the current reason: then an empty field keeps it.
  const reasonKnown = details.reason !== undefined;
  const start = wallDayAndTime(toWallDate(appointment.start, timeZone));
  const end = wallDayAndTime(toWallDate(appointment.end, timeZone));
  const form = useForm<ChangeValues>({
    initialValues: { day: start.day, start: start.time, end: end.day === start.day ? end.time : '23:59', reason: details.reason ?? '' },
    validate: (values) => {
      const problems: Record<string, string | null | undefined> = { reason: reasonProblem(values.reason), ...whenProblems(values) };
      return Object.fromEntries(Object.entries(problems).map(([field, key]) => [field, key ? t(key) : null]));
    },
  });
  const zoneHint = t('field.zoneHint', { zone: timeZone });

  const changeOf = (values: ChangeValues): AppointmentChange => {
    const instants = instantsOf(values, timeZone);
    const reason = values.reason.trim();
    return {
      ...(Date.parse(instants.start) !== Date.parse(appointment.start) ? { start: instants.start } : {}),
      ...(Date.parse(instants.end) !== Date.parse(appointment.end) ? { end: instants.end } : {}),
      ...(reasonKnown ? (reason !== (details.reason ?? '') ? { reason: reason || null } : {}) : reason ? { reason } : {}),
    };
  };

  if (confirming) {
    return (
      <Stack>
        <Divider />
        <FailureAlert message={failure} />
        <Text>{t('cancel.question', { patient: appointment.patientName })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('cancel.keep')}
          </Button>
          <Button
            color="red"
            loading={cancelling}
            onClick={async () => {
              setFailure(null);
              setCancelling(true);
              try {
                await onCancel(appointment);
              } catch (error) {
                setFailure(errorMessage(error));
              } finally {
                setCancelling(false);
              }
            }}
          >
            {t('cancel.confirm')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form
      className="agenda-form"
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setFailure(null);
        const change = changeOf(values);
        if (Object.keys(change).length === 0) {
          setFailure(t('details.noChange'));
          return;
        }
        try {
          await onChange(appointment, change);
        } catch (error) {
          if (!applyApiFieldErrors(error, ['reason', 'start', 'end'], form.setFieldError, t('field.invalid'))) setFailure(errorMessage(error));
        }
      })}
    >
      <Stack>
        <Divider />
        <Title order={3} size="h4">
          {t('details.edit')}
        </Title>
        <FailureAlert message={failure} />
        <TextInput label={t('field.day')} type="date" required {...form.getInputProps('day')} />
        <Group grow align="flex-start">
          <TimeInput label={t('field.start')} description={zoneHint} required {...form.getInputProps('start')} />
          <TimeInput label={t('field.end')} description={zoneHint} required {...form.getInputProps('end')} />
        </Group>
        <Textarea
          label={t('field.reason')}
          description={reasonKnown ? undefined : t('field.reason.keepHint')}
          autosize
          minRows={2}
          maxLength={REASON_MAX_LENGTH}
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:close')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t('details.save')}
          </Button>
        </Group>
        <Divider />
        <Group>
          <Button color="red" variant="outline" onClick={() => setConfirming(true)}>
            {t('cancel.open')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "SMS : envoyé le lundi 7 décembre à 09:00", in the cabinet's time. */
function ReminderLine({ reminder, timeZone }: { reminder: Reminder; timeZone: string }) {
  const { t, i18n } = useTranslation('agenda');
  const when = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  const state = {
    planned: () => t('details.reminder.planned', { when: when(reminder.dueAt) }),
    sent: () => t('details.reminder.sent', { when: when(reminder.sentAt ?? reminder.dueAt) }),
    failed: () => t('details.reminder.failed', { count: reminder.attempts }),
    cancelled: () => t('details.reminder.cancelled'),
  }[reminder.state]();
  return (
    <Text span display="block" size="sm" c={reminder.state === 'failed' ? 'red.9' : undefined}>
      {t('details.reminder.line', { channel: t(`details.reminder.channel.${reminder.channel}`), state })}
    </Text>
  );
}
