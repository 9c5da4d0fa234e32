import { specFor } from '@osteo/event-sourcing/decider-spec';
import { AccountCommand, AccountEvent, accountDecider } from './account';

const now = new Date('2026-03-02T08:30:00.000Z');
const metadata = { now, correlationId: 'c-1' };
const registered: AccountEvent = {
  type: 'AccountRegistered',
  data: {
    accountId: 'acc-1',
    email: 'claire@example.fr',
    displayName: 'Dr Claire Martin',
    kind: 'main',
    passwordHash: 'hash-1',
    mustChangePassword: false,
    registeredAt: '2026-03-01T08:00:00.000Z',
  },
};
const register: AccountCommand = {
  type: 'RegisterAccount',
  data: { accountId: 'acc-1', email: 'claire@example.fr', displayName: 'Dr Claire Martin', kind: 'main', passwordHash: 'hash-1', mustChangePassword: false },
  metadata,
};

describe('account decider', () => {
  const spec = specFor(accountDecider);

  it('given nothing, when registering, then the account is registered at the command time', () => {
    spec.given([]).when(register).then([{ ...registered, data: { ...registered.data, registeredAt: now.toISOString() } }]);
  });

  it('given a registered account, when registering it again, then it is a conflict', () => {
    spec.given([registered]).when(register).thenThrows('ACCOUNT.ALREADY_EXISTS');
  });

  it('given a registered account, when changing the password verified against the current hash, then it is changed', () => {
    spec
      .given([registered])
      .when({ type: 'ChangePassword', data: { newPasswordHash: 'hash-2', verifiedAgainstHash: 'hash-1' }, metadata })
      .then([{ type: 'PasswordChanged', data: { accountId: 'acc-1', passwordHash: 'hash-2', changedAt: now.toISOString() } }]);
  });

  it('given a password changed meanwhile, when changing it against the old hash, then it is a conflict, not a lost update', () => {
    const changed: AccountEvent = { type: 'PasswordChanged', data: { accountId: 'acc-1', passwordHash: 'hash-2', changedAt: now.toISOString() } };
    spec
      .given([registered, changed])
      .when({ type: 'ChangePassword', data: { newPasswordHash: 'hash-3', verifiedAgainstHash: 'hash-1' }, metadata })
      .thenThrows('ACCOUNT.PASSWORD_CHANGED_CONCURRENTLY');
  });

  it('given no account, when changing a password, then it is not found', () => {
    spec.given([]).when({ type: 'ChangePassword', data: { newPasswordHash: 'h', verifiedAgainstHash: 'h' }, metadata }).thenThrows('ACCOUNT.NOT_FOUND');
  });

  it('ends the temporary-password state and counts password versions', () => {
    const temporary: AccountEvent = { ...registered, data: { ...registered.data, mustChangePassword: true } } as AccountEvent;
    const changed: AccountEvent = { type: 'PasswordChanged', data: { accountId: 'acc-1', passwordHash: 'hash-2', changedAt: now.toISOString() } };
    const state = [temporary, changed].reduce(accountDecider.evolve, accountDecider.initialState);
    expect(state).toMatchObject({ status: 'active', mustChangePassword: false, passwordVersion: 1, passwordHash: 'hash-2' });
  });
});
