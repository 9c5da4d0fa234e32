import { Modal, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../components/QueryState';
import { formatDateTime } from '../format/dates';
import { patientName, readerName } from './patient-rules';
import { usePractitionerNames } from './use-access';
import { LoadMore } from './LoadMore';
import { useAccessLog } from './queries';
import type { PatientRecord } from './types';
import { useCabinetToday } from './use-access';

/** "Qui a consulté ce dossier": every opening of the record, newest first (the owner). */
export function AccessLogModal({ patient, opened, onClose }: { patient: PatientRecord; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('patients');
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('accessLog.title', { name: patientName(patient) })}
      size="xl"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('common:close') }}
    >
      {opened && <AccessLogTable patient={patient} />}
    </Modal>
  );
}

function AccessLogTable({ patient }: { patient: PatientRecord }) {
  const { t, i18n } = useTranslation('patients');
  const log = useAccessLog(patient.patientId, true);
  const names = usePractitionerNames(patient.cabinetId);
  const { timeZone } = useCabinetToday(patient.cabinetId);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('accessLog.hint')}
      </Text>
      <QueryState query={log} isEmpty={({ items }) => items.length === 0} empty={t('accessLog.empty')}>
        {({ items: openings, total }) => (
          <Table striped verticalSpacing="xs" fz={{ base: 'xs', sm: 'sm' }}>
            <Table.Caption>{t('accessLog.count', { count: total })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('accessLog.column.at')}</Table.Th>
                <Table.Th scope="col">{t('accessLog.column.who')}</Table.Th>
                <Table.Th scope="col">{t('accessLog.column.role')}</Table.Th>
                <Table.Th scope="col">{t('accessLog.column.view')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {openings.map((opening, index) => (
                <Table.Tr key={`${opening.at}-${index}`}>
                  <Table.Td>{formatDateTime(opening.at, i18n.language, timeZone)}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{readerName(opening, names)}</Table.Td>
                  <Table.Td>{t(`common:role.${opening.role}`)}</Table.Td>
                  <Table.Td>{t(`accessLog.view.${opening.view}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <LoadMore list={log} label={t('accessLog.more')} />
    </Stack>
  );
}
