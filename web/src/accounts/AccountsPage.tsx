import { Alert, Anchor, Badge, Button, Group, List, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { can } from '@osteo/access-policy';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCabinets } from '../access/queries';
import { useSpace } from '../access/space-context';
import { CatchUpNotice, useCatchUp } from '../components/CatchUpNotice';
import { ConfirmModal } from '../components/ConfirmModal';
import { notifySuccess } from '../components/notify';
import { QueryState } from '../components/QueryState';
import { formatCalendarDay, todayIn } from '../format/dates';
import { areaPaths } from '../layout/area-paths';
import { ChangeDelegationModal } from './ChangeDelegationModal';
import { delegationActions, delegationStanding, erasureRows, granteeOf, isErasedGrantee, sortDelegations, type Delegation, type DelegationStanding } from './delegation-rules';
import { GrantModal } from './GrantModal';
import { useDelegations, useEraseAccount, useRevokeDelegation } from './queries';

/** Outlined badges in the darkest shade: AA contrast for their small bold text on white. */
const standingColor: Record<DelegationStanding, string> = { pending: 'blue', active: 'teal', ended: 'gray', revoked: 'red' };

/** The reader's calendar day, where they are (an end date is a day of theirs). */
function readerToday(): string {
  return todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/**
 * "Comptes spécifiques" (the seed's page): the secretaries, substitutes and accountants I gave
 * access to some of my cabinets, to create, change and revoke, and to erase once no access to them
 * is in force; below, the accesses given to me.
 */
export default function AccountsPage() {
  const { t } = useTranslation('accounts');
  const { me, access } = useSpace();
  const cabinets = useCabinets();
  const delegations = useDelegations();
  const { waiting, track } = useCatchUp();
  const [granting, setGranting] = useState(false);
  const [changing, setChanging] = useState<Delegation | null>(null);
  const [revoking, setRevoking] = useState<Delegation | null>(null);
  const [erasing, setErasing] = useState<Delegation | null>(null);
  const revoke = useRevokeDelegation(track);
  const erase = useEraseAccount(track);
  const today = readerToday();

  const myCabinets = useMemo(
    () => (cabinets.data ?? []).filter((cabinet) => can(access, 'cabinet.manage', { kind: 'cabinet', cabinetId: cabinet.cabinetId }) === 'allow'),
    [cabinets.data, access],
  );
  const cabinetNames = useMemo(() => new Map((cabinets.data ?? []).map((cabinet) => [cabinet.cabinetId, cabinet.name])), [cabinets.data]);
  const erasable = useMemo(() => erasureRows(delegations.data?.granted ?? [], today), [delegations.data, today]);
  const person = (delegation: Delegation) => (isErasedGrantee(delegation) ? t('common:erasedAccount') : (granteeOf(delegation).name ?? delegation.granteeEmail));
  const mayGrant = me.kind === 'main' && myCabinets.length > 0;

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div>
          <Title order={1}>{t('title')}</Title>
          <Text size="sm" c="dimmed" maw={720}>
            {t('intro')}
          </Text>
        </div>
        {mayGrant && (
          <Button onClick={() => setGranting(true)} style={{ flexShrink: 0 }}>
            {t('grant.open')}
          </Button>
        )}
      </Group>

      {me.kind === 'main' && cabinets.isSuccess && myCabinets.length === 0 && (
        <Alert color="gray" title={t('noCabinet.title')}>
          <Text size="sm">
            {t('noCabinet.body')}{' '}
            <Anchor component={Link} to={areaPaths.cabinets}>
              {t('noCabinet.link')}
            </Anchor>
          </Text>
        </Alert>
      )}

      {me.kind === 'main' && (
        <Stack component="section" aria-labelledby="granted" gap="xs">
          <Title order={2} size="h3" id="granted">
            {t('granted.title')}
          </Title>
          <CatchUpNotice waiting={waiting} />
          <QueryState query={delegations} isEmpty={(data) => data.granted.length === 0} empty={t('granted.empty')}>
            {(data) => (
              <Table.ScrollContainer minWidth={720}>
                <Table striped verticalSpacing="xs" fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('column.person')}</Table.Th>
                      <Table.Th scope="col">{t('column.role')}</Table.Th>
                      <Table.Th scope="col">{t('column.cabinets')}</Table.Th>
                      <Table.Th scope="col">{t('column.endsOn')}</Table.Th>
                      <Table.Th scope="col">{t('column.status')}</Table.Th>
                      <Table.Th scope="col">
                        <VisuallyHidden>{t('column.actions')}</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {sortDelegations(data.granted, today).map((delegation) => {
                      const standing = delegationStanding(delegation, today);
                      const actions = delegationActions(standing);
                      return (
                        <Table.Tr key={delegation.delegationId} c={standing === 'revoked' ? 'dimmed' : undefined}>
                          <Table.Th scope="row" fw={400}>
                            <GranteeCell delegation={delegation} />
                          </Table.Th>
                          <DelegationCells delegation={delegation} standing={standing} cabinetNames={cabinetNames} />
                          <Table.Td>
                            <Stack gap={4} align="stretch">
                              {actions.change && (
                                <Button size="xs" variant="default" aria-label={t('change.for', { person: person(delegation) })} onClick={() => setChanging(delegation)}>
                                  {t('change.action')}
                                </Button>
                              )}
                              {actions.revoke && (
                                <Button size="xs" variant="subtle" color="red" aria-label={t('revoke.for', { person: person(delegation) })} onClick={() => setRevoking(delegation)}>
                                  {t('revoke.action')}
                                </Button>
                              )}
                              {erasable.has(delegation.delegationId) && (
                                <Button size="xs" variant="subtle" color="red" aria-label={t('erase.for', { person: person(delegation) })} onClick={() => setErasing(delegation)}>
                                  {t('erase.action')}
                                </Button>
                              )}
                            </Stack>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </QueryState>
        </Stack>
      )}

      {delegations.data && delegations.data.received.length > 0 && (
        <ReceivedGrants received={delegations.data.received} cabinetNames={cabinetNames} today={today} />
      )}
      {me.kind !== 'main' && delegations.data?.received.length === 0 && <Text c="dimmed">{t('received.empty')}</Text>}

      <GrantModal opened={granting} onClose={() => setGranting(false)} cabinets={myCabinets} today={today} track={track} />
      <ChangeDelegationModal
        delegation={changing}
        person={changing ? person(changing) : ''}
        cabinets={myCabinets}
        onClose={() => setChanging(null)}
        track={track}
      />
      <ConfirmModal
        opened={revoking !== null}
        title={t('revoke.title', { person: revoking ? person(revoking) : '' })}
        confirmLabel={t('revoke.confirm')}
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          await revoke.mutateAsync(revoking.delegationId);
          notifySuccess(t('revoke.done', { person: person(revoking) }));
        }}
      >
        <Text size="sm">{revoking && t('revoke.body', { role: t(`common:role.${revoking.role}`), email: revoking.granteeEmail })}</Text>
      </ConfirmModal>
      <ConfirmModal
        opened={erasing !== null}
        title={t('erase.title', { person: erasing ? person(erasing) : '' })}
        confirmLabel={t('erase.confirm')}
        onClose={() => setErasing(null)}
        onConfirm={async () => {
          if (!erasing?.granteeAccountId) return;
          await erase.mutateAsync(erasing.granteeAccountId);
          notifySuccess(t('erase.done', { person: person(erasing) }));
        }}
      >
        {erasing && (
          <>
            <Text size="sm">{t('erase.body', { email: erasing.granteeEmail })}</Text>
            <List size="sm" spacing={4}>
              <List.Item>{t('erase.effect.identity')}</List.Item>
              <List.Item>{t('erase.effect.sessions')}</List.Item>
              <List.Item>{t('erase.effect.kept')}</List.Item>
            </List>
            <Text size="sm">
              <Text span inherit fw={700}>
                {t('erase.irreversible')}
              </Text>{' '}
              {t('erase.again')}
            </Text>
          </>
        )}
      </ConfirmModal>
    </Stack>
  );
}

/** An e-mail that may break before its `@` in a narrow column (and anywhere if it must). */
function Email({ email }: { email: string }) {
  const at = email.lastIndexOf('@');
  return at > 0 ? (
    <>
      {email.slice(0, at)}
      <wbr />
      {email.slice(at)}
    </>
  ) : (
    <>{email}</>
  );
}

function GranteeCell({ delegation }: { delegation: Delegation }) {
  const { t } = useTranslation('accounts');
  const { name, email } = granteeOf(delegation);
  if (isErasedGrantee(delegation)) {
    return (
      <Text size="sm" fs="italic" c="dimmed">
        {t('common:erasedAccount')}
      </Text>
    );
  }
  return name ? (
    <>
      <Text size="sm" fw={500}>
        {name}
      </Text>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        <Email email={email} />
      </Text>
    </>
  ) : (
    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
      <Email email={email} />
    </Text>
  );
}

/** Role (with a substitute's retrocession), cabinets, end date and status: the same cells for a grant given and a grant received. */
function DelegationCells({ delegation, standing, cabinetNames }: { delegation: Delegation; standing: DelegationStanding; cabinetNames: ReadonlyMap<string, string> }) {
  const { t, i18n } = useTranslation('accounts');
  const percent = useMemo(() => new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { style: 'percent', maximumFractionDigits: 2 }), [i18n.language]);
  return (
    <>
      <Table.Td>
        {t(`role.${delegation.role}`)}
        {delegation.role === 'substitute' && delegation.retrocessionPercent !== null && (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {t('retrocession', { percent: percent.format(delegation.retrocessionPercent / 100) })}
          </Text>
        )}
      </Table.Td>
      <Table.Td miw={150}>
        {delegation.cabinetIds.map((cabinetId) => (
          <Text key={cabinetId} size="sm">
            {cabinetNames.get(cabinetId) ?? t('cabinet.closed')}
          </Text>
        ))}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{delegation.endsOn ? formatCalendarDay(delegation.endsOn, i18n.language) : '—'}</Table.Td>
      <Table.Td>
        <Badge variant="outline" color={`${standingColor[standing]}.9`} style={{ minWidth: 'max-content' }}>
          {t(`status.${standing}`)}
        </Badge>
      </Table.Td>
    </>
  );
}

/** "Accès qui m'ont été donnés": grants other owners gave me (shown when I hold some). */
function ReceivedGrants({ received, cabinetNames, today }: { received: readonly Delegation[]; cabinetNames: ReadonlyMap<string, string>; today: string }) {
  const { t } = useTranslation('accounts');
  return (
    <Stack component="section" aria-labelledby="received" gap="xs">
      <Title order={2} size="h3" id="received">
        {t('received.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('received.intro')}
      </Text>
      <Table.ScrollContainer minWidth={720}>
        <Table striped verticalSpacing="xs" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('column.owner')}</Table.Th>
              <Table.Th scope="col">{t('column.role')}</Table.Th>
              <Table.Th scope="col">{t('column.cabinets')}</Table.Th>
              <Table.Th scope="col">{t('column.endsOn')}</Table.Th>
              <Table.Th scope="col">{t('column.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sortDelegations(received, today).map((delegation) => (
              <Table.Tr key={delegation.delegationId}>
                <Table.Th scope="row" fw={500}>
                  {delegation.ownerDisplayName ?? t('received.unknownOwner')}
                </Table.Th>
                <DelegationCells delegation={delegation} standing={delegationStanding(delegation, today)} cabinetNames={cabinetNames} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
