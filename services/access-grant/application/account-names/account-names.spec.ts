import type { AccountRegisteredV1, AccountRegisteredV2, IntegrationEnvelope } from '@osteo/contracts';
import { ProjectionRunner } from '@osteo/messaging';
import { InMemoryReadStore, type ReadStore } from '@osteo/read-store';
import { ERASED } from '@osteo/personal-data';
import { ACCOUNT_NAMES, AccountNames, accountNamesProjection } from './account-names';

const registered = (index: number, account: Omit<AccountRegisteredV1, 'mustChangePassword'>): IntegrationEnvelope => ({
  eventId: `event-${index}`,
  type: 'AccountRegistered',
  version: 1,
  streamId: `account-${account.accountId}`,
  revision: 0,
  occurredAt: new Date(Date.parse('2026-03-01T09:00:00.000Z') + index * 60_000).toISOString(),
  actorId: null,
  correlationId: null,
  causationId: null,
  data: { ...account, mustChangePassword: account.kind === 'specific' },
});

/** Since #11 identity publishes version 2: the keyed digest of the address instead of the address. */
const registeredV2 = (index: number, account: Omit<AccountRegisteredV2, 'mustChangePassword'>): IntegrationEnvelope => ({
  ...registered(index, { ...account, email: 'unused@example.fr' }),
  version: 2,
  data: { ...account, mustChangePassword: account.kind === 'specific' },
});

/** identity.events as access-grant's read-model group receives them: accounts of both versions, and a password change it ignores. */
const identityEvents: IntegrationEnvelope[] = [
  registered(0, { accountId: 'claire', email: 'claire.martin@example.fr', displayName: 'Dr Claire Martin', kind: 'main' }),
  registeredV2(1, { accountId: 'sam', emailDigest: 'a'.repeat(64), displayName: 'sam', kind: 'specific' }),
  { ...registered(2, { accountId: 'sam', email: 'sam@example.fr', displayName: 'sam@example.fr', kind: 'specific' }), type: 'AccountPasswordChanged', revision: 1, data: { accountId: 'sam' } },
  registeredV2(3, { accountId: 'hugo', emailDigest: 'b'.repeat(64), displayName: 'Hugo Bernard', kind: 'main' }),
];

async function projectedInto(readStore: ReadStore, deliveries: readonly IntegrationEnvelope[]): Promise<void> {
  const runner = new ProjectionRunner(readStore, [accountNamesProjection]);
  for (const envelope of deliveries) await runner.apply(envelope);
}

async function namesAfter(deliveries: readonly IntegrationEnvelope[]): Promise<unknown[]> {
  const readStore = new InMemoryReadStore();
  await projectedInto(readStore, deliveries);
  return readStore.collection(ACCOUNT_NAMES).find({}, { sort: { _id: 1 } });
}

describe('account names projection', () => {
  it('given accounts identity announced, then each is known by its id with its display name, never an address; the others are not', async () => {
    const readStore = new InMemoryReadStore();
    await projectedInto(readStore, identityEvents);

    const names = await new AccountNames(readStore).of(['claire', 'hugo', 'sam', 'nobody', null, 'claire']);

    expect(Object.fromEntries(names)).toEqual({
      claire: { displayName: 'Dr Claire Martin' },
      hugo: { displayName: 'Hugo Bernard' },
      sam: { displayName: 'sam' },
    });
    expect(JSON.stringify(await readStore.collection(ACCOUNT_NAMES).find({}))).not.toContain('@');
  });

  it('when every envelope is delivered twice, then the documents are those of a single delivery', async () => {
    expect(await namesAfter(identityEvents.flatMap((envelope) => [envelope, envelope]))).toEqual(await namesAfter(identityEvents));
  });

  it('when the whole history is replayed, then the documents are those of a single pass', async () => {
    expect(await namesAfter([...identityEvents, ...identityEvents])).toEqual(await namesAfter(identityEvents));
  });

  it('given an account identity erased, then it is known by the erased marker only, after any replay', async () => {
    const erased: IntegrationEnvelope = { ...registered(4, { accountId: 'sam', email: 'x@example.fr', displayName: 'x', kind: 'specific' }), type: 'AccountErased', revision: 2, data: { accountId: 'sam' } };
    const history = [...identityEvents, erased];
    for (const deliveries of [history, [...history, ...history], history.flatMap((envelope) => [envelope, envelope])]) {
      const readStore = new InMemoryReadStore();
      await projectedInto(readStore, deliveries);
      expect(Object.fromEntries(await new AccountNames(readStore).of(['sam', 'claire']))).toEqual({ sam: { displayName: ERASED }, claire: { displayName: 'Dr Claire Martin' } });
    }
  });

  it('given a provisioned account that chose its name, then it is known by that name, after any replay; an erasure after it still wins', async () => {
    const renamed: IntegrationEnvelope = { ...registered(5, { accountId: 'sam', email: 'x@example.fr', displayName: 'x', kind: 'specific' }), type: 'AccountDisplayNameChanged', revision: 2, data: { accountId: 'sam', displayName: 'Samuel Roche' } };
    const history = [...identityEvents, renamed];
    for (const deliveries of [history, [...history, ...history], history.flatMap((envelope) => [envelope, envelope])]) {
      const readStore = new InMemoryReadStore();
      await projectedInto(readStore, deliveries);
      expect(Object.fromEntries(await new AccountNames(readStore).of(['sam']))).toEqual({ sam: { displayName: 'Samuel Roche' } });
    }
    const erased: IntegrationEnvelope = { ...renamed, eventId: 'event-6', type: 'AccountErased', revision: 3, data: { accountId: 'sam' } };
    const readStore = new InMemoryReadStore();
    await projectedInto(readStore, [...history, erased, ...history, erased]);
    expect(Object.fromEntries(await new AccountNames(readStore).of(['sam']))).toEqual({ sam: { displayName: ERASED } });
  });

  it('answers an empty map when asked about nobody, without reading', async () => {
    expect((await new AccountNames(new InMemoryReadStore()).of([])).size).toBe(0);
  });
});
