import { SqliteEventStore } from '@osteo/event-sourcing';
import { ERASED, PersonalDataEventStore, SqliteSubjectKeyStore } from '@osteo/personal-data';
import { type DelegationEvent, type DelegationTerms, delegationStreamId } from '../../domain/delegation';
import type { CabinetEvent } from '../../domain/cabinet';
import { accessGrantPersonalData } from './access-grant-personal-data';

const terms = (delegationId: string, granteeEmail: string, granteeAccountId: string | null): DelegationTerms => ({
  delegationId,
  ownerId: 'acc-claire',
  granteeEmail,
  granteeAccountId,
  role: 'secretary',
  cabinetIds: ['cab-1'],
  retrocessionBasisPoints: null,
  endsOn: null,
});
/** Granted before the grantee had an account (its delegation's key), and to an account already known (the account's key). */
const toNewAddress: DelegationEvent = { type: 'DelegationGranted', data: terms('del-1', 'zoe.quernadec@example.fr', null) };
const toKnownAccount: DelegationEvent = { type: 'DelegationGranted', data: terms('del-2', 'zoe.quernadec@example.fr', 'acc-zoe') };
const invited: CabinetEvent = {
  type: 'ColleagueInvited',
  data: { invitationId: 'inv-1', cabinetId: 'cab-1', ownerId: 'acc-claire', inviteeAccountId: 'acc-hugo', inviteeEmail: 'hugo.bernard@example.fr' },
};

function storeWith(keys: SqliteSubjectKeyStore) {
  const events = SqliteEventStore.open(':memory:');
  return { events, store: new PersonalDataEventStore(events, keys, accessGrantPersonalData) };
}

async function appendAll(store: PersonalDataEventStore): Promise<void> {
  await store.appendToStream(delegationStreamId('del-1'), [toNewAddress], { expectedRevision: 'no_stream' });
  await store.appendToStream(delegationStreamId('del-2'), [toKnownAccount], { expectedRevision: 'no_stream' });
  await store.appendToStream('cabinet-cab-1', [invited], { expectedRevision: 'no_stream' });
}

describe("access-grant's personal data", () => {
  it('given delegations and an invitation, then the store holds none of the typed addresses, and reads give them back', async () => {
    const { events, store } = storeWith(new SqliteSubjectKeyStore(':memory:'));

    await appendAll(store);

    const raw = JSON.stringify(await events.readAll());
    expect(['zoe.quernadec@example.fr', 'hugo.bernard@example.fr'].filter((text) => raw.includes(text))).toEqual([]);
    expect((await store.readAll()).map(({ type, data }) => ({ type, data }))).toEqual([toNewAddress, toKnownAccount, invited]);
  });

  it('given the keys of the grantee account and of its delegation erased, then every grant to it reads erased, and nothing else does', async () => {
    const keys = new SqliteSubjectKeyStore(':memory:');
    const { store } = storeWith(keys);
    await appendAll(store);

    await keys.erase('acc-zoe');
    await keys.erase('del-1');

    const read = await store.readAll();
    expect(read.map((event) => event.data.granteeEmail ?? event.data.inviteeEmail)).toEqual([ERASED, ERASED, 'hugo.bernard@example.fr']);
    expect(read[0]?.data).toMatchObject({ delegationId: 'del-1', ownerId: 'acc-claire', role: 'secretary' });
  });
});
