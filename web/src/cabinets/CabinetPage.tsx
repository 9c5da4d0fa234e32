import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { can } from '@osteo/access-policy';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCabinets, type Cabinet } from '../access/queries';
import { useSpace } from '../access/space-context';
import { ApiError } from '../api/api-error';
import { CatchUpNotice, useCatchUp } from '../components/CatchUpNotice';
import { ConfirmModal } from '../components/ConfirmModal';
import { applyApiFieldErrors } from '../components/form-errors';
import { notifySuccess } from '../components/notify';
import { QueryState, useErrorMessage } from '../components/QueryState';
import { calendarDayIn, formatCalendarDay } from '../format/dates';
import { areaPaths } from '../layout/area-paths';
import { CloseCabinetModal } from './CloseCabinetModal';
import { CabinetFormModal } from './CabinetFormModal';
import { ReminderSettingsSection } from './ReminderSettingsSection';
import { canRemoveColleague, colleaguesToShow, EMAIL_MAX_LENGTH, timeZoneName, utcOffsetLabel, validateInviteEmail, type Colleague } from './cabinet-rules';
import { useColleagues, useInviteColleague, useRemoveColleague } from './queries';
import { FailureAlert } from '../components/FailureAlert';

type Track = <T>(work: Promise<T>) => Promise<T>;

/** One cabinet: its details and, for its owner, the colleagues (confrères) who share it. */
export default function CabinetPage() {
  const { t } = useTranslation('cabinets');
  const { cabinetId = '' } = useParams();
  const cabinets = useCabinets();
  return (
    <Stack gap="lg" maw={1100}>
      <Anchor component={Link} to={areaPaths.cabinets} size="sm">
        {t('page.back')}
      </Anchor>
      <QueryState query={cabinets}>
        {(cabinets) => {
          const cabinet = cabinets.find((candidate) => candidate.cabinetId === cabinetId);
          return cabinet ? (
            <CabinetDetails cabinet={cabinet} />
          ) : (
            <>
              <Title order={1}>{t('page.notFound.title')}</Title>
              <Text>{t('page.notFound.body')}</Text>
            </>
          );
        }}
      </QueryState>
    </Stack>
  );
}

function CabinetDetails({ cabinet }: { cabinet: Cabinet }) {
  const { t } = useTranslation('cabinets');
  const { t: common } = useTranslation('common');
  const { access } = useSpace();
  const navigate = useNavigate();
  const { waiting, track } = useCatchUp();
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState(false);
  const manages = can(access, 'cabinet.manage', { kind: 'cabinet', cabinetId: cabinet.cabinetId }) === 'allow';

  return (
    <>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{cabinet.name}</Title>
        {manages && (
          <Group gap="xs">
            <Button variant="default" onClick={() => setEditing(true)}>
              {t('page.edit')}
            </Button>
            <Button variant="subtle" color="red" onClick={() => setClosing(true)}>
              {t('page.close')}
            </Button>
          </Group>
        )}
      </Group>
      <CatchUpNotice waiting={waiting} />
      <SimpleGrid cols={3} spacing="md" component="dl" m={0}>
        <Detail term={t('field.address')} value={cabinet.address || '—'} />
        <Detail term={t('field.timeZone')} value={`${timeZoneName(cabinet.timeZone)} (${utcOffsetLabel(cabinet.timeZone, new Date())})`} />
        <Detail term={t('column.role')} value={cabinet.roles.map((role) => common(`role.${role}`)).join(', ')} />
      </SimpleGrid>

      <ReminderSettingsSection cabinet={cabinet} manages={manages} track={track} />

      {manages && <Colleagues cabinet={cabinet} />}

      <CabinetFormModal cabinet={editing ? cabinet : null} opened={editing} onClose={() => setEditing(false)} track={track} />
      <CloseCabinetModal cabinet={closing ? cabinet : null} onClose={() => setClosing(false)} onClosed={() => void navigate(areaPaths.cabinets)} track={track} />
    </>
  );
}

function Detail({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {term}
      </Text>
      <Text component="dd" m={0}>
        {value}
      </Text>
    </div>
  );
}

function Colleagues({ cabinet }: { cabinet: Cabinet }) {
  const { t, i18n } = useTranslation('cabinets');
  const colleagues = useColleagues(cabinet.cabinetId, true);
  const { waiting, track } = useCatchUp();
  const [removing, setRemoving] = useState<(Colleague & { accountId: string }) | null>(null);
  const remove = useRemoveColleague(cabinet.cabinetId, track);
  const name = (colleague: Colleague) => colleague.displayName ?? colleague.email ?? t('colleagues.unknown');

  return (
    <Stack component="section" aria-labelledby="colleagues" gap="sm">
      <Title order={2} size="h3" id="colleagues">
        {t('colleagues.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('colleagues.intro')}
      </Text>
      <InviteForm cabinetId={cabinet.cabinetId} track={track} />
      <CatchUpNotice waiting={waiting} />
      <QueryState query={colleagues} isEmpty={(list) => colleaguesToShow(list).length === 0} empty={t('colleagues.empty')}>
        {(list) => (
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('colleagues.column.person')}</Table.Th>
                <Table.Th scope="col">{t('colleagues.column.status')}</Table.Th>
                <Table.Th scope="col">{t('colleagues.column.invitedOn')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('column.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {colleaguesToShow(list).map((colleague) => (
                <Table.Tr key={colleague.invitationId}>
                  <Table.Th scope="row" fw={400}>
                    <Text size="sm" fw={500}>
                      {name(colleague)}
                    </Text>
                    {colleague.email && colleague.displayName && (
                      <Text size="xs" c="dimmed">
                        {colleague.email}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>
                    <Badge variant="outline" color={colleague.status === 'active' ? 'teal.9' : 'gray.8'}>
                      {t(`colleagues.status.${colleague.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatCalendarDay(calendarDayIn(colleague.invitedAt, cabinet.timeZone), i18n.language)}</Table.Td>
                  <Table.Td>
                    {canRemoveColleague(colleague) && (
                      <Group justify="flex-end">
                        <Button size="xs" variant="subtle" color="red" aria-label={t('colleagues.removeFor', { name: name(colleague) })} onClick={() => setRemoving(colleague)}>
                          {t('colleagues.remove')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <ConfirmModal
        opened={removing !== null}
        title={t('colleagues.removeTitle', { name: removing ? name(removing) : '', cabinet: cabinet.name })}
        confirmLabel={t('colleagues.removeConfirm')}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          await remove.mutateAsync(removing.accountId);
          notifySuccess(t('colleagues.removed', { name: name(removing) }));
        }}
      >
        <Text size="sm">{t('colleagues.removeBody')}</Text>
      </ConfirmModal>
    </Stack>
  );
}

/** Invite by e-mail; a refusal (no main account for that address…) shows under the field, the address kept. */
function InviteForm({ cabinetId, track }: { cabinetId: string; track: Track }) {
  const { t } = useTranslation('cabinets');
  const errorMessage = useErrorMessage();
  const invite = useInviteColleague(cabinetId, track);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '' },
    validate: {
      email: (email) => {
        const problem = validateInviteEmail(email);
        return problem && t(`colleagues.email.${problem}`);
      },
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async ({ email }) => {
        setFailure(null);
        try {
          await invite.mutateAsync(email.trim());
          notifySuccess(t('colleagues.invited', { email: email.trim() }));
          form.reset();
        } catch (error) {
          if (error instanceof ApiError && (error.code.startsWith('INVITATION.'))) form.setFieldError('email', errorMessage(error));
          else if (!applyApiFieldErrors(error, ['email'], form.setFieldError, t('colleagues.email.invalid'))) setFailure(errorMessage(error));
        }
      })}
    >
      <Stack gap="xs">
        <FailureAlert message={failure} />
        <Group align="flex-start" gap="sm" wrap="nowrap">
          <TextInput
            label={t('colleagues.email')}
            description={t('colleagues.email.hint')}
            type="email"
            autoComplete="off"
            required
            maxLength={EMAIL_MAX_LENGTH}
            style={{ flex: 1, maxWidth: 460 }}
            {...form.getInputProps('email')}
          />
          <Button type="submit" loading={form.submitting} mt={46}>
            {t('colleagues.invite')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
