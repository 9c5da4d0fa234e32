import { Anchor, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { can } from '@osteo/access-policy';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCabinets, type Cabinet } from '../access/queries';
import { useSpace } from '../access/space-context';
import { CatchUpNotice, useCatchUp } from '../components/CatchUpNotice';
import { QueryState } from '../components/QueryState';
import { areaPaths } from '../layout/area-paths';
import { CloseCabinetModal } from './CloseCabinetModal';
import { CabinetFormModal } from './CabinetFormModal';
import { timeZoneName } from './cabinet-rules';
import { ReceivedInvitations } from './ReceivedInvitations';

/** "Cabinets": every cabinet I work in, with my role there; mine to open, rename and close. */
export default function CabinetsPage() {
  const { t } = useTranslation('cabinets');
  const { t: common } = useTranslation('common');
  const { me, access } = useSpace();
  const cabinets = useCabinets();
  const { waiting, track } = useCatchUp();
  const [form, setForm] = useState<{ cabinet: Cabinet | null } | null>(null);
  const [closing, setClosing] = useState<Cabinet | null>(null);
  const manages = (cabinet: Cabinet) => can(access, 'cabinet.manage', { kind: 'cabinet', cabinetId: cabinet.cabinetId }) === 'allow';

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('list.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('list.intro')}
          </Text>
        </div>
        {me.kind === 'main' && <Button onClick={() => setForm({ cabinet: null })}>{t('create.open')}</Button>}
      </Group>

      <ReceivedInvitations track={track} />

      <Stack component="section" aria-labelledby="my-cabinets" gap="xs">
        <Title order={2} size="h3" id="my-cabinets">
          {t('list.heading')}
        </Title>
        <CatchUpNotice waiting={waiting} />
        <QueryState query={cabinets} isEmpty={(cabinets) => cabinets.length === 0} empty={t(me.kind === 'main' ? 'list.empty' : 'list.emptySpecific')}>
          {(cabinets) => (
            <Table.ScrollContainer minWidth={720}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('column.name')}</Table.Th>
                    <Table.Th scope="col">{t('column.address')}</Table.Th>
                    <Table.Th scope="col">{t('column.timeZone')}</Table.Th>
                    <Table.Th scope="col">{t('column.role')}</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>{t('column.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {cabinets.map((cabinet) => (
                    <Table.Tr key={cabinet.cabinetId}>
                      <Table.Th scope="row" fw={500}>
                        <Anchor component={Link} to={`${areaPaths.cabinets}/${cabinet.cabinetId}`}>
                          {cabinet.name}
                        </Anchor>
                      </Table.Th>
                      <Table.Td>{cabinet.address || <Text span c="dimmed">—</Text>}</Table.Td>
                      <Table.Td>{timeZoneName(cabinet.timeZone)}</Table.Td>
                      <Table.Td>{cabinet.roles.map((role) => common(`role.${role}`)).join(', ')}</Table.Td>
                      <Table.Td>
                        {manages(cabinet) && (
                          <Group gap="xs" justify="flex-end" wrap="nowrap">
                            <Button size="xs" variant="default" aria-label={t('edit.for', { name: cabinet.name })} onClick={() => setForm({ cabinet })}>
                              {common('edit')}
                            </Button>
                            <Button size="xs" variant="subtle" color="red" aria-label={t('close.for', { name: cabinet.name })} onClick={() => setClosing(cabinet)}>
                              {t('close.action')}
                            </Button>
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryState>
      </Stack>

      <CabinetFormModal cabinet={form?.cabinet ?? null} opened={form !== null} onClose={() => setForm(null)} track={track} />
      <CloseCabinetModal cabinet={closing} onClose={() => setClosing(null)} track={track} />
    </Stack>
  );
}
