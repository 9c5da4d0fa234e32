import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyFailure, notifySuccess } from '../components/notify';
import { useErrorMessage } from '../components/QueryState';
import { useAcceptInvitation, useInvitations, type Invitation } from './queries';

type Track = <T>(work: Promise<T>) => Promise<T>;

/**
 * "Invitations reçues": a colleague invited me to share one of their cabinets. Shown only when
 * some wait for an answer; accepting adds that cabinet (and its owner's space) to mine.
 */
export function ReceivedInvitations({ track }: { track: Track }) {
  const { t } = useTranslation('cabinets');
  const invitations = useInvitations();
  const errorMessage = useErrorMessage();
  const accept = useAcceptInvitation(track);
  const [accepting, setAccepting] = useState<string | null>(null);
  if (invitations.isError) {
    return (
      <Alert color="red" role="alert" title={t('invitations.loadFailed')}>
        {errorMessage(invitations.error)}
      </Alert>
    );
  }
  const received = (invitations.data?.received ?? []).filter((invitation) => invitation.status === 'pending');
  if (received.length === 0) return null;
  const cabinetName = (invitation: Invitation) => invitation.cabinetName ?? t('invitations.unnamedCabinet');
  const inviter = (invitation: Invitation) => invitation.ownerDisplayName ?? t('invitations.unknownInviter');
  return (
    <Stack component="section" aria-labelledby="received-invitations" gap="xs">
      <Title order={2} size="h3" id="received-invitations">
        {t('invitations.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('invitations.intro')}
      </Text>
      {received.map((invitation) => (
        <Card key={invitation.invitationId} withBorder padding="sm">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{t('invitations.line', { owner: inviter(invitation), cabinet: cabinetName(invitation) })}</Text>
            <Button
              size="xs"
              loading={accepting === invitation.invitationId}
              aria-label={t('invitations.acceptFor', { cabinet: cabinetName(invitation) })}
              onClick={() => {
                setAccepting(invitation.invitationId);
                accept
                  .mutateAsync(invitation)
                  .then(() => notifySuccess(t('invitations.accepted', { cabinet: cabinetName(invitation), owner: inviter(invitation) })))
                  .catch((error: unknown) => notifyFailure(errorMessage(error)))
                  .finally(() => setAccepting(null));
              }}
            >
              {t('invitations.accept')}
            </Button>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
