import type { AccessPublicEvent } from '@osteo/contracts';
import { AccessHistory } from '../../../../libs/auth/access/test-support/access-history';
import { ProjectionRunner } from '@osteo/messaging';
import { InMemoryReadStore } from '@osteo/read-store';
import { CABINET_COLLEAGUES, cabinetColleaguesProjection } from './cabinet-colleagues.projection';

const ANNE = 'anne';
const CAMILLE = 'camille';
const HUGO = 'hugo';
const LEA = 'lea';

async function colleaguesAfter(deliveries: readonly AccessPublicEvent[]): Promise<unknown[]> {
  const readStore = new InMemoryReadStore();
  const runner = new ProjectionRunner(readStore, [cabinetColleaguesProjection]);
  for (const envelope of deliveries) await runner.apply(envelope);
  return readStore.collection(CABINET_COLLEAGUES).find({}, { sort: { _id: 1 } });
}

/** Each colleague's invitation and status, in the order the document keeps them. */
async function standingsAfter(deliveries: readonly AccessPublicEvent[]): Promise<Record<string, [string, string][]>> {
  const documents = (await colleaguesAfter(deliveries)) as { _id: string; colleagues: { accountId: string; status: string }[] }[];
  return Object.fromEntries(documents.map(({ _id, colleagues }) => [_id, colleagues.map(({ accountId, status }) => [accountId, status] as [string, string])]));
}

describe('cabinet colleagues projection', () => {
  it('given invitations, acceptances and a removal, then each colleague of each cabinet stands where the last event put them', async () => {
    const history = new AccessHistory()
      .cabinetOpened('a1', ANNE)
      .cabinetOpened('a2', ANNE)
      .colleagueInvited('a1', ANNE, CAMILLE)
      .colleagueInvited('a1', ANNE, HUGO)
      .colleagueJoined('a1', ANNE, CAMILLE)
      .colleagueInvited('a1', ANNE, LEA)
      .colleagueJoined('a1', ANNE, LEA)
      .colleagueRemoved('a1', ANNE, LEA);

    expect(await standingsAfter(history.envelopes)).toEqual({
      a1: [
        [CAMILLE, 'active'],
        [HUGO, 'invited'],
        [LEA, 'removed'],
      ],
    });
  });

  it('given a colleague removed then invited again, then they have one entry: the new invitation', async () => {
    const history = new AccessHistory()
      .cabinetOpened('a1', ANNE)
      .colleagueInvited('a1', ANNE, CAMILLE)
      .colleagueJoined('a1', ANNE, CAMILLE)
      .colleagueRemoved('a1', ANNE, CAMILLE);
    // AccessHistory names an invitation after its invitee; a new invitation has a new id.
    const reinvited = { ...history.envelopes[1]!, eventId: 'event-again', revision: 4, occurredAt: '2025-03-02T09:00:00.000Z', data: { ...history.envelopes[1]!.data, invitationId: 'invitation-2' } };

    const [cabinet] = (await colleaguesAfter([...history.envelopes, reinvited as AccessPublicEvent])) as { colleagues: unknown[] }[];

    expect(cabinet!.colleagues).toEqual([{ invitationId: 'invitation-2', accountId: CAMILLE, status: 'invited', invitedAt: '2025-03-02T09:00:00.000Z' }]);
  });

  describe('given a whole history', () => {
    const history = new AccessHistory()
      .cabinetOpened('a1', ANNE)
      .cabinetOpened('b1', HUGO)
      .colleagueInvited('a1', ANNE, CAMILLE)
      .colleagueInvited('b1', HUGO, ANNE)
      .colleagueJoined('a1', ANNE, CAMILLE)
      .colleagueJoined('b1', HUGO, ANNE)
      .colleagueRemoved('b1', HUGO, ANNE)
      .colleagueInvited('a1', ANNE, LEA);

    it('when every envelope is delivered twice, then the documents are those of a single delivery', async () => {
      expect(await colleaguesAfter(history.envelopes.flatMap((envelope) => [envelope, envelope]))).toEqual(await colleaguesAfter(history.envelopes));
    });

    it('when the whole history is replayed, then the documents are those of a single pass', async () => {
      expect(await colleaguesAfter([...history.envelopes, ...history.envelopes])).toEqual(await colleaguesAfter(history.envelopes));
    });
  });
});
