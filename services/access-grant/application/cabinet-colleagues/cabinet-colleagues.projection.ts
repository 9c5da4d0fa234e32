import type { ColleagueInvitedV1, ColleagueJoinedV1, ColleagueRemovedV1, IntegrationEnvelope } from '@osteo/contracts';
import type { DocumentProjection } from '@osteo/messaging';

/**
 * `invited`: the invitation waits for an answer; `active`: accepted, sharing the cabinet;
 * `removed`: the owner removed them since.
 */
export type ColleagueStatus = 'invited' | 'active' | 'removed';

export type CabinetColleague = {
  readonly invitationId: string;
  readonly accountId: string;
  readonly status: ColleagueStatus;
  /** ISO-8601: when this invitation was sent. */
  readonly invitedAt: string;
};

/**
 * The colleagues of one cabinet, as its owner manages them: one entry per account, its latest
 * invitation and where it stands. Fed by the cabinet's own stream only, so the document may be
 * created by its first invitation. A colleague removed then invited again has one entry, the new
 * invitation's.
 */
export type CabinetColleagues = {
  readonly _id: string;
  readonly cabinetId: string;
  readonly ownerId: string;
  /** Oldest invitation first. */
  readonly colleagues: readonly CabinetColleague[];
};

/** Stored names (collection, projection) written before the code took the word "cabinet" (docs/adr/0004-one-word-cabinet.md). */
export const CABINET_COLLEAGUES = 'access_grant_practice_colleagues';

type ColleagueEvent =
  | IntegrationEnvelope<'ColleagueInvited', ColleagueInvitedV1>
  | IntegrationEnvelope<'ColleagueJoined', ColleagueJoinedV1>
  | IntegrationEnvelope<'ColleagueRemoved', ColleagueRemovedV1>;

export const cabinetColleaguesProjection: DocumentProjection<CabinetColleagues> = {
  name: 'access-grant.practice-colleagues',
  collection: CABINET_COLLEAGUES,
  handles: ['ColleagueInvited', 'ColleagueJoined', 'ColleagueRemoved'],
  documentId: (envelope: IntegrationEnvelope) => String(envelope.data.cabinetId),
  evolve(cabinet, envelope) {
    const event = envelope as ColleagueEvent;
    switch (event.type) {
      case 'ColleagueInvited': {
        const { invitationId, cabinetId, ownerId, inviteeAccountId } = event.data;
        const others = (cabinet?.colleagues ?? []).filter((colleague) => colleague.accountId !== inviteeAccountId);
        return {
          _id: cabinetId,
          cabinetId,
          ownerId,
          colleagues: [...others, { invitationId, accountId: inviteeAccountId, status: 'invited', invitedAt: event.occurredAt }],
        };
      }
      case 'ColleagueJoined': {
        const { invitationId, colleagueAccountId } = event.data;
        return cabinet && {
          ...cabinet,
          colleagues: cabinet.colleagues.map((colleague) =>
            colleague.invitationId === invitationId ? { ...colleague, accountId: colleagueAccountId, status: 'active' } : colleague,
          ),
        };
      }
      case 'ColleagueRemoved':
        return cabinet && {
          ...cabinet,
          colleagues: cabinet.colleagues.map((colleague) =>
            colleague.accountId === event.data.colleagueAccountId && colleague.status === 'active' ? { ...colleague, status: 'removed' } : colleague,
          ),
        };
      default: {
        const unhandled: never = event;
        throw new Error(`${cabinetColleaguesProjection.name} does not handle ${(unhandled as IntegrationEnvelope).type}`);
      }
    }
  },
};
