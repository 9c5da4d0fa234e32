import type { IntegrationEnvelope } from '@osteo/contracts';
import { ProjectionRunner } from '@osteo/messaging';
import { ERASED } from '@osteo/personal-data';
import { InMemoryReadStore } from '@osteo/read-store';
import { accountNamesProjection } from './account-names';

const projection = accountNamesProjection('test.account-names', 'test_account_names');

let revision = 0;
const envelope = (type: string, data: Record<string, unknown>, version = 1): IntegrationEnvelope => ({
  eventId: `event-${revision}`,
  type,
  version,
  streamId: `account-${String(data.accountId)}`,
  revision: revision++,
  occurredAt: '2026-03-01T09:00:00.000Z',
  actorId: null,
  correlationId: null,
  causationId: null,
  data,
});

async function nameAfter(deliveries: readonly IntegrationEnvelope[]): Promise<unknown> {
  const readStore = new InMemoryReadStore();
  const runner = new ProjectionRunner(readStore, [projection]);
  for (const delivered of deliveries) await runner.apply(delivered);
  return (await readStore.collection('test_account_names').findOne({ _id: 'jeanne' }))?.displayName;
}

describe('accountNamesProjection', () => {
  const registered = envelope('AccountRegistered', { accountId: 'jeanne', emailDigest: 'a'.repeat(64), displayName: 'Jeanne Dupont', kind: 'specific', mustChangePassword: false }, 2);
  const renamed = envelope('AccountDisplayNameChanged', { accountId: 'jeanne', displayName: 'Jeanne Martin' });
  const erased = envelope('AccountErased', { accountId: 'jeanne' });
  const renamedAfterErasure = envelope('AccountDisplayNameChanged', { accountId: 'jeanne', displayName: 'Jeanne Again' });

  it('names the account as registered, then as renamed', async () => {
    expect(await nameAfter([registered])).toBe('Jeanne Dupont');
    expect(await nameAfter([registered, renamed])).toBe('Jeanne Martin');
  });

  it('given the account erased, then its name is erased and stays so whatever arrives after', async () => {
    expect(await nameAfter([registered, renamed, erased])).toBe(ERASED);
    expect(await nameAfter([registered, erased, renamedAfterErasure])).toBe(ERASED);
  });
});
