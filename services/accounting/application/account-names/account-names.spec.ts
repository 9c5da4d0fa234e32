import type { IntegrationEnvelope } from '@osteo/contracts';
import { ProjectionRunner } from '@osteo/messaging';
import { ERASED } from '@osteo/personal-data';
import { InMemoryReadStore } from '@osteo/read-store';
import { AccountNames, accountNamesProjection } from './account-names';

const envelope = (index: number, type: string, data: Record<string, unknown>): IntegrationEnvelope => ({
  eventId: `event-${index}`,
  type,
  version: type === 'AccountRegistered' ? 2 : 1,
  streamId: `account-${String(data.accountId)}`,
  revision: index,
  occurredAt: new Date(Date.parse('2026-03-01T09:00:00.000Z') + index * 60_000).toISOString(),
  actorId: null,
  correlationId: null,
  causationId: null,
  data,
});

const history = [
  envelope(0, 'AccountRegistered', { accountId: 'jeanne', emailDigest: 'a'.repeat(64), displayName: 'Jeanne Dupont', kind: 'specific', mustChangePassword: false }),
  envelope(1, 'AccountErased', { accountId: 'jeanne' }),
];

async function namesAfter(deliveries: readonly IntegrationEnvelope[]): Promise<ReadonlyMap<string, string>> {
  const readStore = new InMemoryReadStore();
  const runner = new ProjectionRunner(readStore, [accountNamesProjection]);
  for (const delivered of deliveries) await runner.apply(delivered);
  return new AccountNames(readStore).namesOf(['jeanne', 'unknown']);
}

describe("accounting's account names", () => {
  it('given a substitute identity erased, then the ledger names it as erased, after any replay; an unknown account goes by its id', async () => {
    for (const deliveries of [history, [...history, ...history], history.flatMap((delivered) => [delivered, delivered])]) {
      expect(Object.fromEntries(await namesAfter(deliveries))).toEqual({ jeanne: ERASED, unknown: 'unknown' });
    }
  });

  it('given a substitute provisioned under its address, when it chooses its name, then the ledger shows that name, after any replay', async () => {
    const renamedHistory = [
      envelope(0, 'AccountRegistered', { accountId: 'jeanne', emailDigest: 'a'.repeat(64), displayName: 'jeanne.d', kind: 'specific', mustChangePassword: true }),
      envelope(1, 'AccountPasswordChanged', { accountId: 'jeanne' }),
      envelope(2, 'AccountDisplayNameChanged', { accountId: 'jeanne', displayName: 'Jeanne Dupont' }),
    ];
    for (const deliveries of [renamedHistory, [...renamedHistory, ...renamedHistory], renamedHistory.flatMap((delivered) => [delivered, delivered])]) {
      expect((await namesAfter(deliveries)).get('jeanne')).toBe('Jeanne Dupont');
    }
    const erasedAfter = [...renamedHistory, envelope(3, 'AccountErased', { accountId: 'jeanne' })];
    expect((await namesAfter([...erasedAfter, ...erasedAfter])).get('jeanne')).toBe(ERASED);
  });

  it('given only its registration, then it goes by its name', async () => {
    expect((await namesAfter(history.slice(0, 1))).get('jeanne')).toBe('Jeanne Dupont');
  });
});
