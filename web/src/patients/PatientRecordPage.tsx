import { Anchor, Button, Grid, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useSpace } from '../access/space-context';
import { QueryState, useErrorMessage } from '../components/QueryState';
import { notifySuccess } from '../components/notify';
import { formatCalendarDay } from '../format/dates';
import { AccessLogModal } from './AccessLogModal';
import { ConsultationsSection } from './ConsultationsSection';
import { patientFormOf, patientName, phoneForReading, phoneHref, recordActions, updatePatientBody } from './patient-rules';
import { PatientFormModal } from './PatientFormModal';
import { ReminderPreferencesSection } from './ReminderPreferencesSection';
import { ageLabel } from './PatientsListPage';
import { useDeletePatient, usePatient, useUpdatePatient } from './queries';
import type { PatientRecord } from './types';
import { useAllows, useCabinetToday } from './use-access';
import { FailureAlert } from '../components/FailureAlert';

/** One patient's record: identity, contact, history, consultations; the owner's delete and access log. */
export default function PatientRecordPage() {
  const { t } = useTranslation('patients');
  const { patientId = '' } = useParams();
  const patient = usePatient(patientId);
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/patients" size="sm">
        {t('record.back')}
      </Anchor>
      {patient.isError && <Title order={1}>{t('record.title')}</Title>}
      <QueryState query={patient}>{(record) => <RecordView patient={record} />}</QueryState>
    </Stack>
  );
}

function RecordView({ patient }: { patient: PatientRecord }) {
  const { t, i18n } = useTranslation('patients');
  const allows = useAllows(patient.cabinetId);
  const actions = recordActions(allows);
  const { today } = useCabinetToday(patient.cabinetId);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [readingLog, setReadingLog] = useState(false);
  const update = useUpdatePatient(patient);
  const name = patientName(patient);
  const cabinet = useSpace().cabinets.find((candidate) => candidate.cabinetId === patient.cabinetId);

  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <div>
          <Title order={1}>{name}</Title>
          <Text c="dimmed">
            {t('record.bornOn', { date: formatCalendarDay(patient.birthDate, i18n.language) })} · {ageLabel(t, patient.birthDate, today)}
            {cabinet && ` · ${cabinet.name}`}
          </Text>
        </div>
        <Group gap="xs" wrap="wrap">
          {actions.edit && (
            <Button variant="default" onClick={() => setEditing(true)}>
              {t('record.edit')}
            </Button>
          )}
          {actions.accessLog && (
            <Button variant="default" onClick={() => setReadingLog(true)}>
              {t('accessLog.open')}
            </Button>
          )}
          {actions.delete && (
            <Button color="red" variant="outline" onClick={() => setDeleting(true)}>
              {t('record.delete')}
            </Button>
          )}
        </Group>
      </Group>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Section title={t('record.identity')}>
              <Fact label={t('field.lastName')} value={patient.lastName} />
              <Fact label={t('field.firstName')} value={patient.firstName} />
              <Fact label={t('field.birthDate')} value={`${formatCalendarDay(patient.birthDate, i18n.language)} (${ageLabel(t, patient.birthDate, today)})`} />
            </Section>
            <Section title={t('record.contact')}>
              <Fact
                label={t('field.phone')}
                value={patient.phone ? <Anchor href={phoneHref(patient.phone)}>{phoneForReading(patient.phone)}</Anchor> : undefined}
              />
              <Fact label={t('field.email')} value={patient.email ? <Anchor href={`mailto:${patient.email}`}>{patient.email}</Anchor> : undefined} />
            </Section>
            <ReminderPreferencesSection patient={patient} canEdit={actions.edit} today={today} />
            <Section title={t('record.medicalHistory')}>
              {patient.medicalHistory ? (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {patient.medicalHistory}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('record.noMedicalHistory')}
                </Text>
              )}
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <ConsultationsSection patient={patient} canOpen={actions.openConsultation} />
        </Grid.Col>
      </Grid>

      <PatientFormModal
        opened={editing}
        title={t('edit.title', { name })}
        submitLabel={t('common:save')}
        initialValues={patientFormOf(patient)}
        today={today}
        onClose={() => setEditing(false)}
        onSubmit={async (values, onWritten) => {
          const body = updatePatientBody(values, patient);
          if (Object.keys(body).length > 0) await update.mutateAsync({ body, onWritten });
          setEditing(false);
          notifySuccess(t('edit.done'));
        }}
      />
      {actions.delete && <DeletePatientDialog patient={patient} opened={deleting} onClose={() => setDeleting(false)} />}
      {actions.accessLog && <AccessLogModal patient={patient} opened={readingLog} onClose={() => setReadingLog(false)} />}
    </>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      <Stack gap={6}>{children}</Stack>
    </Paper>
  );
}

function Fact({ label, value }: { label: string; value: React.ReactNode | undefined }) {
  const { t } = useTranslation('patients');
  return (
    <div>
      <Text size="xs" c="dimmed" component="div">
        {label}
      </Text>
      <Text size="sm" component="div" c={value === undefined ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }}>
        {value ?? t('record.notGiven')}
      </Text>
    </div>
  );
}

function DeletePatientDialog({ patient, opened, onClose }: { patient: PatientRecord; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('patients');
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 48em)');
  const remove = useDeletePatient(patient);
  const [failure, setFailure] = useState<string | null>(null);
  const [written, setWritten] = useState(false);
  const name = patientName(patient);
  return (
    <Modal
      opened={opened}
      onClose={() => {
        if (remove.isPending) return;
        setFailure(null);
        onClose();
      }}
      title={t('delete.title', { name })}
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('common:close') }}
    >
      <Stack>
        <Text size="sm">{t('delete.body')}</Text>
        <FailureAlert message={failure} />
        {written && remove.isPending && (
          <Text size="sm" role="status">
            {t('common:waitingForUpdate')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={remove.isPending}>
            {t('common:cancel')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => {
              setFailure(null);
              setWritten(false);
              remove.mutate(() => setWritten(true), {
                onSuccess: () => {
                  notifySuccess(t('delete.done', { name }));
                  void navigate(`/patients?cabinet=${encodeURIComponent(patient.cabinetId)}`);
                },
                onError: (error) => setFailure(errorMessage(error)),
              });
            }}
          >
            {t('delete.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
