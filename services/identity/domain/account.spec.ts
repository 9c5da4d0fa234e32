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

  describe('provisioned for a delegation', () => {
    const registration = {
      accountId: 'acc-2',
      email: 'secretariat@example.fr',
      displayName: 'secretariat@example.fr',
      kind: 'specific',
      passwordHash: 'temporary-hash-1',
      mustChangePassword: true,
      provisionedForDelegationId: 'del-1',
    } as const;
    const provisioned: AccountEvent = { type: 'AccountRegistered', data: { ...registration, registeredAt: '2026-03-01T08:00:00.000Z' } };
    const issue: AccountCommand = { type: 'IssueTemporaryPassword', data: { passwordHash: 'temporary-hash-2' }, metadata };
    const reissued: AccountEvent = { type: 'TemporaryPasswordIssued', data: { accountId: 'acc-2', passwordHash: 'temporary-hash-2', issuedAt: now.toISOString() } };

    it('given nothing, when registering for a delegation, then the account records that delegation', () => {
      spec
        .given([])
        .when({ type: 'RegisterAccount', data: registration, metadata })
        .then([{ type: 'AccountRegistered', data: { ...registration, registeredAt: now.toISOString() } }]);
    });

    it('given a temporary password never delivered, when issuing another, then it replaces the first', () => {
      spec.given([provisioned]).when(issue).then([reissued]);
    });

    it('given a password the holder chose, when issuing a temporary one, then it is refused: theirs stays', () => {
      const chosen: AccountEvent = { type: 'PasswordChanged', data: { accountId: 'acc-2', passwordHash: 'own-hash', changedAt: now.toISOString() } };
      spec.given([provisioned, chosen]).when(issue).thenThrows('ACCOUNT.PASSWORD_ALREADY_CHOSEN');
    });

    it('given no account, when issuing a temporary password, then it is not found', () => {
      spec.given([]).when(issue).thenThrows('ACCOUNT.NOT_FOUND');
    });

    it('keeps the temporary-password state through a reissue, and ends sessions started under the old one', () => {
      const state = [provisioned, reissued].reduce(accountDecider.evolve, accountDecider.initialState);
      expect(state).toMatchObject({ passwordHash: 'temporary-hash-2', mustChangePassword: true, passwordVersion: 1, provisionedForDelegationId: 'del-1' });
    });
  });

  it('ends the temporary-password state and counts password versions', () => {
    const temporary: AccountEvent = { ...registered, data: { ...registered.data, mustChangePassword: true } } as AccountEvent;
    const changed: AccountEvent = { type: 'PasswordChanged', data: { accountId: 'acc-1', passwordHash: 'hash-2', changedAt: now.toISOString() } };
    const state = [temporary, changed].reduce(accountDecider.evolve, accountDecider.initialState);
    expect(state).toMatchObject({ status: 'active', mustChangePassword: false, passwordVersion: 1, passwordHash: 'hash-2' });
  });
});
