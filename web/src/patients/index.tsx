import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import PatientRecordPage from './PatientRecordPage';
import PatientsListPage from './PatientsListPage';

/** The patients area: the cabinet's patients (`/patients`) and one record (`/patients/:patientId`). */
export default function PatientsArea() {
  return (
    <Routes>
      <Route index element={<PatientsListPage />} />
      <Route path=":patientId" element={<PatientRecordPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function NotFound() {
  const { t } = useTranslation('patients');
  return (
    <Stack>
      <Title order={1}>{t('common:pageNotFound')}</Title>
      <Text>
        <Anchor component={Link} to="/patients">
          {t('record.back')}
        </Anchor>
      </Text>
    </Stack>
  );
}
