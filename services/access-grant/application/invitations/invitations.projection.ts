import type { ColleagueInvitedV1, ColleagueJoinedV1, IntegrationEnvelope } from '@osteo/contracts';
import type { DocumentProjection } from '@osteo/messaging';

/** Colleague invitations, so an invitee can find theirs and accept by id. */
export type InvitationView = {
  readonly _id: string;
  readonly invitationId: string;
  readonly cabinetId: string;
  readonly ownerId: string;
  readonly inviteeAccountId: string;
  readonly status: 'pending' | 'accepted';
};

export const INVITATIONS = 'access_grant_invitations';

export const invitationsProjection: DocumentProjection<InvitationView> = {
  name: 'access-grant.invitations',
  collection: INVITATIONS,
  handles: ['ColleagueInvited', 'ColleagueJoined'],
  documentId: (event: IntegrationEnvelope) => String(event.data.invitationId),
  evolve(invitation, event) {
    if (event.type === 'ColleagueInvited') {
      const data = event.data as unknown as ColleagueInvitedV1;
      return { _id: data.invitationId, ...data, status: 'pending' };
    }
    const joined = event.data as unknown as ColleagueJoinedV1;
    return invitation && { ...invitation, inviteeAccountId: joined.colleagueAccountId, status: 'accepted' };
  },
};
