import { Alert, Button, Group, Modal, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiFieldErrors } from '../components/form-errors';
import { useErrorMessage } from '../components/QueryState';
import { PATIENT_NAME_MAX_LENGTH, REASON_MAX_LENGTH, patientNameProblem, reasonProblem, whenProblems, type WhenValues } from './appointment-form';

export interface NewAppointmentValues extends WhenValues {
  readonly practitionerId: string;
  readonly patientName: string;
  readonly reason: string;
}

interface NewAppointmentModalProps {
  /** The slot chosen (or proposed): the form opens with it; null: closed. */
  readonly slot: (WhenValues & { readonly key: number }) | null;
  readonly timeZone: string;
  readonly practitioners: readonly { readonly value: string; readonly label: string }[];
  readonly defaultPractitionerId: string;
  readonly onClose: () => void;
  /** Books; throws the API's refusal, which the form shows with everything typed kept. */
  readonly onSubmit: (values: NewAppointmentValues) => Promise<void>;
}

/** "Nouveau rendez-vous": from a slot selected in the week, or from the button (keyboard, narrow screens). */
export function NewAppointmentModal({ slot, timeZone, practitioners, defaultPractitionerId, onClose, onSubmit }: NewAppointmentModalProps) {
  const { t } = useTranslation('agenda');
  return (
    <Modal opened={slot !== null} onClose={onClose} title={t('create.title')} closeButtonProps={{ 'aria-label': t('common:close') }} size="lg">
      {slot && (
        <NewAppointmentForm
          key={slot.key}
          slot={slot}
          timeZone={timeZone}
          practitioners={practitioners}
          defaultPractitionerId={defaultPractitionerId}
          onClose={onClose}
          onSubmit={onSubmit}
        />
      )}
    </Modal>
  );
}

function NewAppointmentForm({ slot, timeZone, practitioners, defaultPractitionerId, onClose, onSubmit }: Omit<NewAppointmentModalProps, 'slot'> & { slot: WhenValues }) {
  const { t } = useTranslation('agenda');
  const errorMessage = useErrorMessage();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<NewAppointmentValues>({
    initialValues: { practitionerId: defaultPractitionerId, patientName: '', reason: '', day: slot.day, start: slot.start, end: slot.end },
    validate: (values) => {
      const problems: Record<string, string | null> = {
        practitionerId: values.practitionerId ? null : 'field.practitioner.required',
        patientName: patientNameProblem(values.patientName),
        reason: reasonProblem(values.reason),
        ...whenProblems(values),
      };
      return Object.fromEntries(Object.entries(problems).map(([field, key]) => [field, key ? t(key) : null]));
    },
  });
  const zoneHint = t('field.zoneHint', { zone: timeZone });

  return (
    <form
      className="agenda-form"
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setFailure(null);
        try {
          await onSubmit(values);
        } catch (error) {
          if (!applyApiFieldErrors(error, ['practitionerId', 'patientName', 'reason', 'start', 'end'], form.setFieldError, t('field.invalid'))) setFailure(errorMessage(error));
        }
      })}
    >
      <Stack>
        {failure && (
          <Alert color="red" role="alert" title={t('create.refused')}>
            {failure}
          </Alert>
        )}
        <NativeSelect label={t('field.practitioner')} required data={[...practitioners]} {...form.getInputProps('practitionerId')} />
        <TextInput label={t('field.patientName')} required maxLength={PATIENT_NAME_MAX_LENGTH} autoComplete="off" data-autofocus {...form.getInputProps('patientName')} />
        <TextInput label={t('field.day')} type="date" required {...form.getInputProps('day')} />
        <Group grow align="flex-start">
          <TimeInput label={t('field.start')} description={zoneHint} required {...form.getInputProps('start')} />
          <TimeInput label={t('field.end')} description={zoneHint} required {...form.getInputProps('end')} />
        </Group>
        <Textarea label={t('field.reason')} autosize minRows={2} maxLength={REASON_MAX_LENGTH} {...form.getInputProps('reason')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:close')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t('create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
