import { Button, Group, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import { applyApiFieldErrors } from '../components/form-errors';
import { useErrorMessage } from '../components/QueryState';
import { limits, patientFields, patientFormProblems, type PatientFormValues } from './patient-rules';
import { FailureAlert } from '../components/FailureAlert';

/**
 * The patient form, for a new patient and for editing a record. Checked before sending with the
 * API's own limits; a refusal shows under each field it names, and what was typed stays.
 */
export function PatientFormModal({
  opened,
  title,
  submitLabel,
  initialValues,
  today,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  title: string;
  submitLabel: string;
  initialValues: PatientFormValues;
  today: string;
  onClose: () => void;
  /** Resolves once saved and shown; throws the API's refusal. Calls `onWritten` once the API has accepted it. */
  onSubmit: (values: PatientFormValues, onWritten: () => void) => Promise<void>;
}) {
  const { t } = useTranslation('patients');
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" fullScreen={phone} closeButtonProps={{ 'aria-label': t('common:close') }}>
      {opened && <PatientForm submitLabel={submitLabel} initialValues={initialValues} today={today} onCancel={onClose} onSubmit={onSubmit} />}
    </Modal>
  );
}

function PatientForm({
  submitLabel,
  initialValues,
  today,
  onCancel,
  onSubmit,
}: {
  submitLabel: string;
  initialValues: PatientFormValues;
  today: string;
  onCancel: () => void;
  onSubmit: (values: PatientFormValues, onWritten: () => void) => Promise<void>;
}) {
  const { t } = useTranslation('patients');
  const errorMessage = useErrorMessage();
  const [failure, setFailure] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const form = useForm<PatientFormValues>({
    initialValues,
    validate: (values) => {
      const problems = patientFormProblems(values, today);
      return Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, t(`field.${problem}`, { max: field === 'medicalHistory' ? limits.longText : limits.name })]));
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setFailure(null);
        try {
          await onSubmit(values, () => setWaiting(true));
        } catch (error) {
          setWaiting(false);
          // A refusal with its own code (PATIENT.INVALID_PHONE) says why under the field; a generic one, that it was refused.
          const underField = error instanceof ApiError && error.code !== 'REQUEST.INVALID' ? errorMessage(error) : t('field.rejected');
          if (!applyApiFieldErrors(error, patientFields, form.setFieldError, underField)) setFailure(errorMessage(error));
        }
      })}
    >
      <Stack>
        <FailureAlert message={failure} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('field.lastName')} autoComplete="off" required maxLength={limits.name} data-autofocus {...form.getInputProps('lastName')} />
          <TextInput label={t('field.firstName')} autoComplete="off" required maxLength={limits.name} {...form.getInputProps('firstName')} />
        </SimpleGrid>
        <TextInput label={t('field.birthDate')} type="date" required max={today} min="1900-01-01" {...form.getInputProps('birthDate')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('field.phone')} type="tel" autoComplete="off" maxLength={limits.phone} {...form.getInputProps('phone')} />
          <TextInput label={t('field.email')} type="email" autoComplete="off" maxLength={limits.email} {...form.getInputProps('email')} />
        </SimpleGrid>
        <Textarea
          label={t('field.medicalHistory')}
          description={t('field.medicalHistory.hint')}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={limits.longText}
          {...form.getInputProps('medicalHistory')}
        />
        {waiting && (
          <Text size="sm" role="status">
            {t('common:waitingForUpdate')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={waiting}>
            {t('common:cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
