import type { AccessEventType, AccessPublicEvent } from '@osteo/contracts';
import { ProjectionRunner } from '@osteo/messaging';
import { InMemoryReadStore, type ReadStore } from '@osteo/read-store';
import { type PrincipalAccess, type Resource, can } from './access-policy';
import { ACCESS_DELEGATIONS, ACCESS_CABINETS, accessProjections } from './access-projection';
import { AccessReader } from './access-reader';
import { AccessHistory } from './test-support/access-history';

const NOW = new Date('2025-03-14T10:00:00.000Z');
const TODAY = '2025-03-14';
const YESTERDAY = '2025-03-13';

const ANNE = 'anne';
const BRUNO = 'bruno';
const SAM = 'sam';
const CAMILLE = 'camille';

async function projectedInto(readStore: ReadStore, deliveries: readonly AccessPublicEvent[]): Promise<void> {
  const runner = new ProjectionRunner(readStore, accessProjections);
  for (const envelope of deliveries) await runner.apply(envelope);
}

async function readerAfter(history: AccessHistory): Promise<AccessReader> {
  const readStore = new InMemoryReadStore();
  const reader = new AccessReader(readStore, () => NOW);
  await reader.ensureIndexes();
  await projectedInto(readStore, history.envelopes);
  return reader;
}

async function accessAfter(history: AccessHistory, accountId: string): Promise<PrincipalAccess> {
  return (await readerAfter(history)).principalAccess(accountId);
}

/** The roles the account holds, per cabinet: what a reader of a failing test wants to see. */
function rolesByCabinet(access: PrincipalAccess): Record<string, string[]> {
  return Object.fromEntries([...access.cabinets].map(([cabinetId, standing]) => [cabinetId, [...standing.roles].sort()]));
}

const cabinet = (cabinetId: string): Resource => ({ kind: 'cabinet', cabinetId });

describe('access projection, read through AccessReader', () => {
  describe('given cabinets and colleagues', () => {
    it('then the owner holds every open cabinet of theirs and a colleague the cabinets they joined', async () => {
      const history = new AccessHistory()
        .cabinetOpened('a1', ANNE)
        .cabinetOpened('a2', ANNE)
        .cabinetOpened('b1', BRUNO)
        .colleagueInvited('a1', ANNE, CAMILLE)
        .colleagueJoined('a1', ANNE, CAMILLE);
      const reader = await readerAfter(history);

      expect(rolesByCabinet(await reader.principalAccess(ANNE))).toEqual({ a1: ['owner'], a2: ['owner'] });
      expect(rolesByCabinet(await reader.principalAccess(CAMILLE))).toEqual({ a1: ['colleague'] });
    });

    it('when an invitation is not accepted yet, then the invitee holds nothing', async () => {
      const history = new AccessHistory().cabinetOpened('a1', ANNE).colleagueInvited('a1', ANNE, CAMILLE);

      expect(rolesByCabinet(await accessAfter(history, CAMILLE))).toEqual({});
    });

    it('when the colleague is removed, then they hold nothing there', async () => {
      const history = new AccessHistory()
        .cabinetOpened('a1', ANNE)
        .colleagueJoined('a1', ANNE, CAMILLE)
        .colleagueRemoved('a1', ANNE, CAMILLE);

      expect(can(await accessAfter(history, CAMILLE), 'patient.read', cabinet('a1'))).toBe('not_found');
    });

    it('when the cabinet is closed, then nobody holds anything there: owner, colleague or delegate', async () => {
      const history = new AccessHistory()
        .cabinetOpened('a1', ANNE)
        .colleagueJoined('a1', ANNE, CAMILLE)
        .delegationGranted('d1', { ownerId: ANNE, granteeAccountId: SAM, role: 'substitute', cabinetIds: ['a1'] })
        .cabinetClosed('a1', ANNE);
      const reader = await readerAfter(history);

      for (const accountId of [ANNE, CAMILLE, SAM]) {
        expect(can(await reader.principalAccess(accountId), 'cabinet.read', cabinet('a1'))).toBe('not_found');
      }
      expect(await reader.cabinet('a1')).toMatchObject({ cabinetId: 'a1', ownerId: ANNE, closed: true });
    });
  });

  describe('given delegations', () => {
    const annesCabinets = (): AccessHistory => new AccessHistory().cabinetOpened('a1', ANNE).cabinetOpened('a2', ANNE);

    it('then the grantee holds the role in the selected cabinets only', async () => {
      const history = annesCabinets().delegationGranted('d1', {
        ownerId: ANNE,
        granteeAccountId: SAM,
        role: 'secretary',
        cabinetIds: ['a1'],
      });
      const access = await accessAfter(history, SAM);

      expect(rolesByCabinet(access)).toEqual({ a1: ['secretary'] });
      expect(can(access, 'appointment.write', cabinet('a1'))).toBe('allow');
      expect(can(access, 'appointment.write', cabinet('a2'))).toBe('not_found');
    });

    it('when the delegation is revoked, then it gives nothing', async () => {
      const history = annesCabinets()
        .delegationGranted('d1', { ownerId: ANNE, granteeAccountId: SAM, role: 'secretary', cabinetIds: ['a1'] })
        .delegationRevoked('d1', ANNE);

      expect(rolesByCabinet(await accessAfter(history, SAM))).toEqual({});
    });

    it('when its last day was yesterday, then it gives nothing; when it is today, it still works', async () => {
      const history = annesCabinets()
        .delegationGranted('ended', { ownerId: ANNE, granteeAccountId: SAM, role: 'substitute', cabinetIds: ['a1'], endsOn: YESTERDAY })
        .delegationGranted('last-day', { ownerId: ANNE, granteeAccountId: SAM, role: 'substitute', cabinetIds: ['a2'], endsOn: TODAY });

      expect(rolesByCabinet(await accessAfter(history, SAM))).toEqual({ a2: ['substitute'] });
    });

    it('when the owner changes the cabinets, then the new selection replaces the old one', async () => {
      const history = annesCabinets()
        .delegationGranted('d1', { ownerId: ANNE, granteeAccountId: SAM, role: 'accountant', cabinetIds: ['a1'] })
        .delegationCabinetsChanged('d1', ANNE, ['a2']);

      expect(rolesByCabinet(await accessAfter(history, SAM))).toEqual({ a2: ['accountant'] });
    });

    it('when the grantee has no account yet, then it gives nothing until the delegation is activated', async () => {
      const pending = annesCabinets().delegationGranted('d1', {
        ownerId: ANNE,
        granteeAccountId: null,
        role: 'secretary',
        cabinetIds: ['a1'],
      });
      const pendingReader = await readerAfter(pending);

      expect(rolesByCabinet(await pendingReader.principalAccess(SAM))).toEqual({});
      expect(await pendingReader.delegationsGrantedBy(ANNE)).toMatchObject([{ delegationId: 'd1', status: 'pending' }]);

      const activated = pending.delegationActivated('d1', ANNE, SAM);
      expect(rolesByCabinet(await accessAfter(activated, SAM))).toEqual({ a1: ['secretary'] });
    });

    it("when it names a cabinet of another owner, then that cabinet is ignored", async () => {
      const history = annesCabinets()
        .cabinetOpened('b1', BRUNO)
        .delegationGranted('d1', { ownerId: ANNE, granteeAccountId: SAM, role: 'substitute', cabinetIds: ['a1', 'b1', 'never-opened'] });

      expect(rolesByCabinet(await accessAfter(history, SAM))).toEqual({ a1: ['substitute'] });
    });

    it('when one person holds grants from two owners, then they hold the union and never more', async () => {
      const history = new AccessHistory()
        .cabinetOpened('a1', ANNE)
        .cabinetOpened('a2', ANNE)
        .cabinetOpened('b1', BRUNO)
        .cabinetOpened('b2', BRUNO)
        .delegationGranted('from-anne', { ownerId: ANNE, granteeAccountId: SAM, role: 'secretary', cabinetIds: ['a1'] })
        .delegationGranted('from-bruno', { ownerId: BRUNO, granteeAccountId: SAM, role: 'substitute', cabinetIds: ['b2'] });
      const access = await accessAfter(history, SAM);

      expect(rolesByCabinet(access)).toEqual({ a1: ['secretary'], b2: ['substitute'] });
      expect(can(access, 'patient.read', cabinet('a1'))).toBe('forbidden');
      expect(can(access, 'patient.read', cabinet('b2'))).toBe('allow');
      expect(can(access, 'appointment.write', cabinet('b2'))).toBe('forbidden');
      expect(can(access, 'appointment.write', cabinet('a1'))).toBe('allow');
      expect(can(access, 'cabinet.read', cabinet('b1'))).toBe('not_found');
    });

    it('then the owner lists what they granted and the grantee what they were granted, without projection bookkeeping', async () => {
      const history = annesCabinets()
        .delegationGranted('d1', { ownerId: ANNE, granteeAccountId: SAM, role: 'secretary', cabinetIds: ['a1'] })
        .delegationGranted('d2', { ownerId: ANNE, granteeAccountId: null, role: 'accountant', cabinetIds: ['a2'] })
        .delegationRevoked('d1', ANNE);
      const reader = await readerAfter(history);

      const granted = await reader.delegationsGrantedBy(ANNE);
      expect(granted.map(({ delegationId, status }) => ({ delegationId, status }))).toEqual([
        { delegationId: 'd1', status: 'revoked' },
        { delegationId: 'd2', status: 'pending' },
      ]);
      expect(granted[0]).not.toHaveProperty('_revisions');
      expect(granted[0]).not.toHaveProperty('_version');
      expect(await reader.delegationsGrantedTo(SAM)).toMatchObject([{ delegationId: 'd1', ownerId: ANNE, role: 'secretary' }]);
    });
  });

  describe('given a substitute whose retrocession rate changed', () => {
    const history = new AccessHistory()
      .cabinetOpened('a1', ANNE)
      .delegationGranted('d1', {
        ownerId: ANNE,
        granteeAccountId: SAM,
        role: 'substitute',
        cabinetIds: ['a1'],
        retrocessionBasisPoints: 3000,
      });
    const grantedAt = history.lastOccurredAt;
    history.delegationRetrocessionChanged('d1', ANNE, 4250);
    const changedAt = history.lastOccurredAt;
    history.delegationRevoked('d1', ANNE);
    const revokedAt = history.lastOccurredAt;
    const between = (from: Date, to: Date) => new Date((from.getTime() + to.getTime()) / 2);

    it('then a consultation is settled at the rate in force when it was completed', async () => {
      const reader = await readerAfter(history);

      expect(await reader.retrocessionRateOf(SAM, ANNE, 'a1', between(grantedAt, changedAt))).toBe(3000);
      expect(await reader.retrocessionRateOf(SAM, ANNE, 'a1', between(changedAt, revokedAt))).toBe(4250);
    });

    it('then there is no rate before the grant, after the revocation, in another cabinet or for another owner', async () => {
      const reader = await readerAfter(history);

      expect(await reader.retrocessionRateOf(SAM, ANNE, 'a1', new Date(grantedAt.getTime() - 1))).toBeNull();
      expect(await reader.retrocessionRateOf(SAM, ANNE, 'a1', revokedAt)).toBeNull();
      expect(await reader.retrocessionRateOf(SAM, ANNE, 'a2', changedAt)).toBeNull();
      expect(await reader.retrocessionRateOf(SAM, BRUNO, 'a1', changedAt)).toBeNull();
    });
  });

  describe('given every kind of access event', () => {
    const history = new AccessHistory()
      .cabinetOpened('a1', ANNE)
      .cabinetOpened('a2', ANNE)
      .cabinetOpened('b1', BRUNO)
      .cabinetRenamed('a1', ANNE, 'Cabinet des Lilas')
      .cabinetTimeZoneChanged('b1', BRUNO, 'America/Martinique')
      // Taken by no access read model: it changes nothing below.
      .cabinetReminderSettingsChanged('a1', ANNE, 48, '+33478000000')
      .colleagueInvited('a1', ANNE, CAMILLE)
      .colleagueJoined('a1', ANNE, CAMILLE)
      .colleagueJoined('b1', BRUNO, ANNE)
      .colleagueRemoved('b1', BRUNO, ANNE)
      .delegationGranted('d1', { ownerId: ANNE, granteeAccountId: null, role: 'substitute', cabinetIds: ['a1'], retrocessionBasisPoints: 3000 })
      .delegationActivated('d1', ANNE, SAM)
      .delegationCabinetsChanged('d1', ANNE, ['a1', 'a2'])
      .delegationRetrocessionChanged('d1', ANNE, 5000)
      .delegationGranted('d2', { ownerId: BRUNO, granteeAccountId: SAM, role: 'secretary', cabinetIds: ['b1'], endsOn: TODAY })
      .delegationRevoked('d2', BRUNO)
      .cabinetClosed('a2', ANNE);

    async function documentsAfter(deliveries: readonly AccessPublicEvent[]): Promise<unknown[][]> {
      const readStore = new InMemoryReadStore();
      await projectedInto(readStore, deliveries);
      return Promise.all(
        [ACCESS_CABINETS, ACCESS_DELEGATIONS].map((collection) =>
          readStore.collection(collection).find({}, { sort: { _id: 1 } }),
        ),
      );
    }

    it('the history exercises every access event type', () => {
      const everyType = Object.keys({
        CabinetOpened: true,
        CabinetRenamed: true,
        CabinetTimeZoneChanged: true,
        CabinetReminderSettingsChanged: true,
        CabinetClosed: true,
        ColleagueInvited: true,
        ColleagueJoined: true,
        ColleagueRemoved: true,
        DelegationGranted: true,
        DelegationActivated: true,
        DelegationCabinetsChanged: true,
        DelegationRetrocessionChanged: true,
        DelegationRevoked: true,
      } satisfies Record<AccessEventType, true>);
      expect(new Set(history.envelopes.map((envelope) => envelope.type))).toEqual(new Set(everyType));
    });

    it('then the documents say what happened', async () => {
      const reader = await readerAfter(history);

      expect(await reader.cabinet('a1')).toEqual({
        _id: 'a1',
        cabinetId: 'a1',
        ownerId: ANNE,
        name: 'Cabinet des Lilas',
        address: null,
        // Opened by an event written before time zones: Europe/Paris.
        timeZone: 'Europe/Paris',
        closed: false,
        colleagueIds: [CAMILLE],
      });
      expect(await reader.cabinet('b1')).toMatchObject({ timeZone: 'America/Martinique' });
      expect(await reader.delegationsGrantedTo(SAM)).toEqual([
        expect.objectContaining({
          delegationId: 'd1',
          granteeAccountId: SAM,
          status: 'active',
          cabinetIds: ['a1', 'a2'],
          retrocessionBasisPoints: 5000,
        }),
        expect.objectContaining({ delegationId: 'd2', status: 'revoked', revokedAt: expect.any(String) }),
      ]);
      expect(rolesByCabinet(await reader.principalAccess(SAM))).toEqual({ a1: ['substitute'] });
      expect(rolesByCabinet(await reader.principalAccess(ANNE))).toEqual({ a1: ['owner'] });
    });

    it('when every envelope is delivered twice, then the documents are those of a single delivery', async () => {
      const once = await documentsAfter(history.envelopes);
      const twice = await documentsAfter(history.envelopes.flatMap((envelope) => [envelope, envelope]));

      expect(twice).toEqual(once);
    });

    it('when the whole history is replayed, then the documents are those of a single pass', async () => {
      expect(await documentsAfter([...history.envelopes, ...history.envelopes])).toEqual(await documentsAfter(history.envelopes));
    });
  });
});
