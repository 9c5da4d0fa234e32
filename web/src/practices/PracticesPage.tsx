import { Anchor, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { can } from '@osteo/access-policy';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCabinets, type Practice } from '../access/queries';
import { useSpace } from '../access/space-context';
import { CatchUpNotice, useCatchUp } from '../components/CatchUpNotice';
import { QueryState } from '../components/QueryState';
import { areaPaths } from '../layout/area-paths';
import { ClosePracticeModal } from './ClosePracticeModal';
import { PracticeFormModal } from './PracticeFormModal';
import { timeZoneName } from './practice-rules';
import { ReceivedInvitations } from './ReceivedInvitations';

/** "Cabinets": every practice I work in, with my role there; mine to open, rename and close. */
export default function PracticesPage() {
  const { t } = useTranslation('practices');
  const { t: common } = useTranslation('common');
  const { me, access } = useSpace();
  const cabinets = useCabinets();
  const { waiting, track } = useCatchUp();
  const [form, setForm] = useState<{ practice: Practice | null } | null>(null);
  const [closing, setClosing] = useState<Practice | null>(null);
  const manages = (practice: Practice) => can(access, 'practice.manage', { kind: 'practice', cabinetId: practice.cabinetId }) === 'allow';

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('list.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('list.intro')}
          </Text>
        </div>
        {me.kind === 'main' && <Button onClick={() => setForm({ practice: null })}>{t('create.open')}</Button>}
      </Group>

      <ReceivedInvitations track={track} />

      <Stack component="section" aria-labelledby="my-practices" gap="xs">
        <Title order={2} size="h3" id="my-practices">
          {t('list.heading')}
        </Title>
        <CatchUpNotice waiting={waiting} />
        <QueryState query={cabinets} isEmpty={(practices) => practices.length === 0} empty={t(me.kind === 'main' ? 'list.empty' : 'list.emptySpecific')}>
          {(practices) => (
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
                  {practices.map((practice) => (
                    <Table.Tr key={practice.cabinetId}>
                      <Table.Th scope="row" fw={500}>
                        <Anchor component={Link} to={`${areaPaths.practices}/${practice.cabinetId}`}>
                          {practice.name}
                        </Anchor>
                      </Table.Th>
                      <Table.Td>{practice.address || <Text span c="dimmed">—</Text>}</Table.Td>
                      <Table.Td>{timeZoneName(practice.timeZone)}</Table.Td>
                      <Table.Td>{practice.roles.map((role) => common(`role.${role}`)).join(', ')}</Table.Td>
                      <Table.Td>
                        {manages(practice) && (
                          <Group gap="xs" justify="flex-end" wrap="nowrap">
                            <Button size="xs" variant="default" aria-label={t('edit.for', { name: practice.name })} onClick={() => setForm({ practice })}>
                              {common('edit')}
                            </Button>
                            <Button size="xs" variant="subtle" color="red" aria-label={t('close.for', { name: practice.name })} onClick={() => setClosing(practice)}>
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

      <PracticeFormModal practice={form?.practice ?? null} opened={form !== null} onClose={() => setForm(null)} track={track} />
      <ClosePracticeModal practice={closing} onClose={() => setClosing(null)} track={track} />
    </Stack>
  );
}
