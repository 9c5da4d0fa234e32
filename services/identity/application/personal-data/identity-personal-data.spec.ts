import { SqliteEventStore } from '@osteo/event-sourcing';
import { ERASED, PersonalDataEventStore, SqliteSubjectKeyStore } from '@osteo/personal-data';
import { accountStreamId, type AccountEvent } from '../../domain/account';
import { identityPersonalData } from './identity-personal-data';

const accountId = 'acc-anselme';
const personal = { email: 'anselme.vernichon@example.fr', displayName: 'Dr Anselme Vernichon', chosenName: 'Anselme Vernichon-Roux', secret: 'JBSWY3DPEHPK3PXPJBSWY3DP' };
const history: AccountEvent[] = [
  {
    type: 'AccountRegistered',
    data: { accountId, email: personal.email, displayName: personal.displayName, kind: 'main', passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', mustChangePassword: false, registeredAt: '2026-03-02T08:00:00.000Z' },
  },
  { type: 'TwoFactorEnrolmentStarted', data: { accountId, secret: personal.secret, startedAt: '2026-03-02T08:05:00.000Z' } },
  { type: 'AccountDisplayNameChanged', data: { accountId, displayName: personal.chosenName, changedAt: '2026-03-02T08:06:00.000Z' } },
];

describe("identity's personal data", () => {
  it('given an account registered, enrolling a second factor and renamed, then the store holds neither its e-mail, its names nor its secret, and reads give them back', async () => {
    const events = SqliteEventStore.open(':memory:');
    const store = new PersonalDataEventStore(events, new SqliteSubjectKeyStore(':memory:'), identityPersonalData);

    await store.appendToStream(accountStreamId(accountId), history, { expectedRevision: 'no_stream' });

    const raw = JSON.stringify(await events.readAll());
    expect(Object.values(personal).filter((text) => raw.includes(text))).toEqual([]);
    expect(raw).toContain('$argon2id$');
    expect((await store.readStream(accountStreamId(accountId))).map(({ type, data }) => ({ type, data }))).toEqual(history);
  });

  it('given the account erased, then they read as erased', async () => {
    const keys = new SqliteSubjectKeyStore(':memory:');
    const store = new PersonalDataEventStore(SqliteEventStore.open(':memory:'), keys, identityPersonalData);
    await store.appendToStream(accountStreamId(accountId), history, { expectedRevision: 'no_stream' });

    await keys.erase(accountId);

    const [registered, enrolling, renamed] = await store.readStream(accountStreamId(accountId));
    expect(registered?.data).toMatchObject({ email: ERASED, displayName: ERASED, kind: 'main' });
    expect(enrolling?.data).toMatchObject({ secret: ERASED });
    expect(renamed?.data).toMatchObject({ accountId, displayName: ERASED });
  });
});
