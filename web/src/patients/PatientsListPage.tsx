import { Anchor, Button, Card, Group, Loader, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { QueryState } from '../components/QueryState';
import { notifySuccess } from '../components/notify';
import { formatCalendarDay } from '../format/dates';
import { ageOn, emptyPatientForm, limits, patientName, registerPatientBody } from './patient-rules';
import { PatientFormModal } from './PatientFormModal';
import { LoadMore } from './LoadMore';
import { usePatientSearch, useRegisterPatient } from './queries';
import type { PatientListing } from './types';
import { useAllows, usePatientCabinets, useCabinetToday } from './use-access';

/** The cabinet's patients: a search as one types, a table on a desk, a list on a phone. */
export default function PatientsListPage() {
  const { t } = useTranslation('patients');
  const cabinets = usePatientCabinets();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('cabinet');
  const cabinet = cabinets.find((candidate) => candidate.cabinetId === chosen) ?? cabinets[0];
  const cabinetId = cabinet?.cabinetId;
  const q = params.get('q') ?? '';
  const [debounced] = useDebouncedValue(q, 250);
  const search = usePatientSearch(cabinetId, debounced);
  const allows = useAllows(cabinetId);
  const { today } = useCabinetToday(cabinetId);
  const [creating, setCreating] = useState(false);
  const registerPatient = useRegisterPatient(cabinetId ?? '');
  const navigate = useNavigate();

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  if (!cabinet) {
    return (
      <Stack>
        <Title order={1}>{t('list.title')}</Title>
        <Text c="dimmed">{t('list.noCabinet')}</Text>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1}>{t('list.title')}</Title>
        {allows('patient.write') && <Button onClick={() => setCreating(true)}>{t('list.new')}</Button>}
      </Group>
      <Group align="flex-end" wrap="wrap" gap="sm">
        {cabinets.length > 1 && (
          <Select
            label={t('list.cabinet')}
            data={cabinets.map((candidate) => ({ value: candidate.cabinetId, label: candidate.name }))}
            value={cabinet.cabinetId}
            allowDeselect={false}
            onChange={(value) => value && setParam('cabinet', value)}
            w={{ base: '100%', sm: 260 }}
          />
        )}
        <TextInput
          label={t('list.search')}
          description={t('list.search.hint')}
          type="search"
          value={q}
          maxLength={limits.search}
          onChange={(event) => setParam('q', event.currentTarget.value)}
          rightSection={search.isFetching && !search.isPending ? <Loader size="xs" aria-hidden /> : null}
          style={{ flex: 1, minWidth: 220 }}
          autoComplete="off"
        />
      </Group>
      <QueryState
        query={search}
        isEmpty={({ items }) => items.length === 0}
        empty={debounced.trim() ? t('list.noMatch', { q: debounced.trim() }) : t('list.empty')}
      >
        {({ items: patients, total }) => (
          <>
            <Text size="sm" c="dimmed" role="status" aria-live="polite">
              {t('list.count', { count: total })}
            </Text>
            <PatientsTable patients={patients} today={today} />
            <PatientsStack patients={patients} today={today} />
            <LoadMore list={search} label={t('list.more')} />
          </>
        )}
      </QueryState>
      <PatientFormModal
        opened={creating}
        title={t('create.title')}
        submitLabel={t('create.submit')}
        initialValues={emptyPatientForm}
        today={today}
        onClose={() => setCreating(false)}
        onSubmit={async (values, onWritten) => {
          const patientId = await registerPatient.mutateAsync({ body: registerPatientBody(values), onWritten });
          setCreating(false);
          notifySuccess(t('create.done', { name: patientName({ firstName: values.firstName.trim(), lastName: values.lastName.trim() }) }));
          void navigate(`/patients/${encodeURIComponent(patientId)}`);
        }}
      />
    </Stack>
  );
}

function PatientsTable({ patients, today }: { patients: readonly PatientListing[]; today: string }) {
  const { t, i18n } = useTranslation('patients');
  return (
    <Table.ScrollContainer minWidth={520} visibleFrom="sm">
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Caption>
          <VisuallyHidden>{t('list.caption')}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('list.column.name')}</Table.Th>
            <Table.Th scope="col">{t('list.column.birthDate')}</Table.Th>
            <Table.Th scope="col">{t('list.column.age')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {patients.map((patient) => (
            <Table.Tr key={patient.patientId}>
              <Table.Td>
                <Anchor component={Link} to={`/patients/${encodeURIComponent(patient.patientId)}`} fw={500}>
                  {patientName(patient)}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatCalendarDay(patient.birthDate, i18n.language)}</Table.Td>
              <Table.Td>{ageLabel(t, patient.birthDate, today)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PatientsStack({ patients, today }: { patients: readonly PatientListing[]; today: string }) {
  const { t, i18n } = useTranslation('patients');
  return (
    <Stack gap="xs" hiddenFrom="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('list.caption')}>
      {patients.map((patient) => (
        <Card key={patient.patientId} withBorder padding="sm" component="li">
          <Anchor component={Link} to={`/patients/${encodeURIComponent(patient.patientId)}`} fw={600}>
            {patientName(patient)}
          </Anchor>
          <Text size="sm" c="dimmed">
            {t('record.bornOn', { date: formatCalendarDay(patient.birthDate, i18n.language) })} · {ageLabel(t, patient.birthDate, today)}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}

export function ageLabel(t: (key: string, options?: Record<string, unknown>) => string, birthDate: string, today: string): string {
  const age = ageOn(birthDate, today);
  return age === undefined ? '—' : t('record.age', { count: age });
}
