import { join } from 'node:path';
import { SqliteEventStore, handleCommand } from '@osteo/event-sourcing';
import { delegationDecider, delegationStreamId } from '../../services/access-grant/domain/delegation';
import { legacyDelegationSlotStreamId } from '../../services/access-grant/domain/delegation-slot';
import { registerMainAccount, SignedIn } from '../support/accounts';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';

/**
 * access-grant keeps one live delegation per (owner, grantee's address, role) with a slot stream
 * per triple. Stream names are never encrypted nor erased, so since #11 the slot is named by the
 * address's keyed digest; slots written before, named by the address itself, still count.
 */
describe('delegation slot streams, embedded profile', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let owner: SignedIn;
  let cabinetId: string;

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    owner = await registerMainAccount(new HttpClient(platform.baseUrl), 'claire.martin@example.fr', 'Dr Claire Martin');
    cabinetId = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet A' })).body.cabinetId;
    await eventually(async () => expect((await owner.http.get('/api/v1/cabinets')).body).toHaveLength(1));
  });

  afterAll(async () => {
    await platform.stop();
    dataDir.remove();
  });

  const grant = (email: string) => owner.http.post('/api/v1/delegations', { email, role: 'secretary', cabinetIds: [cabinetId] });

  async function accessGrantStore<T>(use: (store: SqliteEventStore) => Promise<T>): Promise<T> {
    const store = new SqliteEventStore(join(dataDir.path, 'access-grant.events.sqlite'));
    try {
      return await use(store);
    } finally {
      await store.close();
    }
  }

  it('names no stream after the grantee’s address, and still refuses a second live grant of the role', async () => {
    expect((await grant('Secretariat@Example.fr')).status).toBe(201);
    expect((await grant('secretariat@example.fr')).body.code).toBe('DELEGATION.DUPLICATE');

    const streamIds = await accessGrantStore(async (store) => [...new Set((await store.readAll()).map((event) => event.streamId))]);
    expect(streamIds.filter((streamId) => streamId.startsWith('delegation-slot-'))).toHaveLength(1);
    expect(streamIds.filter((streamId) => /@|example\.fr|secretariat/i.test(streamId))).toEqual([]);
  });

  it('still counts a slot written before #11 under the address itself', async () => {
    const delegationId = 'delegation-from-before-11';
    const email = 'before@example.fr';
    const metadata = { now: new Date(), actorId: owner.accountId, correlationId: 'legacy' };
    await accessGrantStore(async (store) => {
      await handleCommand(store, delegationStreamId(delegationId), delegationDecider, {
        type: 'GrantDelegation',
        data: { delegationId, ownerId: owner.accountId, granteeEmail: email, granteeAccountId: null, role: 'secretary', cabinetIds: [cabinetId], retrocessionBasisPoints: null, endsOn: null },
        metadata,
      });
      await store.appendToStream(legacyDelegationSlotStreamId(owner.accountId, email, 'secretary'), [{ type: 'DelegationSlotClaimed', data: { delegationId }, metadata: {} }], {
        expectedRevision: 'no_stream',
      });
    });

    expect((await grant(email)).body).toEqual({ statusCode: 409, code: 'DELEGATION.DUPLICATE', message: expect.any(String) });
  });
});
