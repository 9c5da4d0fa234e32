import { specFor } from '@osteo/event-sourcing/decider-spec';
import { AccountCommand, AccountEvent, PASSWORD_RESET_TTL_MINUTES, accountDecider, languageOf, passwordResetAccepts } from './account';

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

    describe('choosing a display name', () => {
      const choose = (displayName: string): AccountCommand => ({ type: 'ChooseDisplayName', data: { displayName }, metadata });
      const chosen: AccountEvent = { type: 'AccountDisplayNameChanged', data: { accountId: 'acc-2', displayName: 'Sophie Lambert', changedAt: now.toISOString() } };

      it('given a provisioned account named after its address, when its holder chooses a name, then the name is recorded, trimmed', () => {
        spec.given([provisioned]).when(choose('  Sophie Lambert ')).then([chosen]);
      });

      it('given a provisioned account, then it has to choose its name until it has; a main account never has', () => {
        expect([provisioned].reduce(accountDecider.evolve, accountDecider.initialState)).toMatchObject({ displayNameChosen: false });
        expect([provisioned, chosen].reduce(accountDecider.evolve, accountDecider.initialState)).toMatchObject({ displayName: 'Sophie Lambert', displayNameChosen: true });
        expect([registered].reduce(accountDecider.evolve, accountDecider.initialState)).toMatchObject({ displayNameChosen: true });
      });

      it('given the name already chosen, when choosing the same again, then nothing is recorded; another one is', () => {
        spec.given([provisioned, chosen]).when(choose('Sophie Lambert')).then([]);
        spec
          .given([provisioned, chosen])
          .when(choose('Sophie Lambert-Roy'))
          .then([{ type: 'AccountDisplayNameChanged', data: { accountId: 'acc-2', displayName: 'Sophie Lambert-Roy', changedAt: now.toISOString() } }]);
      });

      it('given a provisioned account, when choosing a blank name, then it is refused as invalid', () => {
        spec.given([provisioned]).when(choose('   ')).thenThrows('REQUEST.INVALID');
      });

      it('given no account, or an erased one, when choosing a name, then it is not found', () => {
        spec.given([]).when(choose('Sophie Lambert')).thenThrows('ACCOUNT.NOT_FOUND');
        spec.given([provisioned, { type: 'AccountErased', data: { accountId: 'acc-2', erasedAt: now.toISOString() } }]).when(choose('Sophie Lambert')).thenThrows('ACCOUNT.NOT_FOUND');
      });
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

  describe('language', () => {
    const choose = (language: string): AccountCommand => ({ type: 'ChooseLanguage', data: { language }, metadata });
    const chosen = (language: 'fr' | 'en'): AccountEvent => ({ type: 'AccountLanguageChosen', data: { accountId: 'acc-1', language, chosenAt: now.toISOString() } });
    const stateAfter = (events: AccountEvent[]) => events.reduce(accountDecider.evolve, accountDecider.initialState);

    it('given an account that never chose, then it has no language (French is spoken), and choosing one records it', () => {
      expect(stateAfter([registered])).toMatchObject({ language: null });
      expect(languageOf({ language: null })).toBe('fr');
      spec.given([registered]).when(choose('en')).then([chosen('en')]);
      expect(stateAfter([registered, chosen('en')])).toMatchObject({ language: 'en' });
    });

    it('given a language chosen, when choosing it again, then nothing is recorded; the other one is', () => {
      spec.given([registered, chosen('en')]).when(choose('en')).then([]);
      spec.given([registered, chosen('en')]).when(choose('fr')).then([chosen('fr')]);
    });

    it('given an account provisioned in its owner\'s language, then it speaks that language until its holder chooses', () => {
      const provisionedInEnglish: AccountEvent = { ...registered, data: { ...registered.data, kind: 'specific', language: 'en' } };
      expect(stateAfter([provisionedInEnglish])).toMatchObject({ language: 'en' });
      expect(stateAfter([provisionedInEnglish, chosen('fr')])).toMatchObject({ language: 'fr' });
    });

    it('when choosing a language the platform does not speak, then it is refused as invalid', () => {
      spec.given([registered]).when(choose('de')).thenThrows('REQUEST.INVALID');
      spec.given([registered]).when(choose('FR')).thenThrows('REQUEST.INVALID');
    });

    it('given no account, when choosing a language, then it is not found', () => {
      spec.given([]).when(choose('fr')).thenThrows('ACCOUNT.NOT_FOUND');
    });
  });

  describe('forgotten password', () => {
    const minutesAfter = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    const request: AccountCommand = { type: 'RequestPasswordReset', data: { tokenHash: 'reset-hash-1' }, metadata };
    const requested: AccountEvent = {
      type: 'PasswordResetRequested',
      data: { accountId: 'acc-1', tokenHash: 'reset-hash-1', expiresAt: minutesAfter(30).toISOString(), requestedAt: now.toISOString() },
    };
    const reset = (tokenHash: string, at: Date): AccountCommand => ({
      type: 'ResetPassword',
      data: { tokenHash, newPasswordHash: 'hash-new' },
      metadata: { ...metadata, now: at },
    });
    const wasReset = (at: Date): AccountEvent => ({ type: 'PasswordReset', data: { accountId: 'acc-1', passwordHash: 'hash-new', resetAt: at.toISOString() } });

    it('given an account, when a reset is requested, then the hash of the secret is recorded, valid 30 minutes from the command time', () => {
      expect(PASSWORD_RESET_TTL_MINUTES).toBe(30);
      spec.given([registered]).when(request).then([requested]);
    });

    it('given no account, when a reset is requested, then it is not found (the handler never asks: it mails nobody)', () => {
      spec.given([]).when(request).thenThrows('ACCOUNT.NOT_FOUND');
    });

    it('given a reset requested, when the secret is presented within 30 minutes, then the password is reset', () => {
      spec.given([registered, requested]).when(reset('reset-hash-1', minutesAfter(29))).then([wasReset(minutesAfter(29))]);
    });

    it('given a reset requested, when the secret is presented 30 minutes later, then it is refused as invalid', () => {
      spec.given([registered, requested]).when(reset('reset-hash-1', minutesAfter(30))).thenThrows('AUTH.RESET_TOKEN_INVALID');
    });

    it('given a reset requested, when another secret is presented, then it is refused with the same code', () => {
      spec.given([registered, requested]).when(reset('reset-hash-2', minutesAfter(1))).thenThrows('AUTH.RESET_TOKEN_INVALID');
    });

    it('given the password already reset with it, when the secret is presented again, then it is refused: single use', () => {
      spec.given([registered, requested, wasReset(minutesAfter(1))]).when(reset('reset-hash-1', minutesAfter(2))).thenThrows('AUTH.RESET_TOKEN_INVALID');
    });

    it('given two links mailed, when one is used, then the other is spent too', () => {
      const second: AccountEvent = { type: 'PasswordResetRequested', data: { ...requested.data, tokenHash: 'reset-hash-2' } } as AccountEvent;
      spec.given([registered, requested, second, wasReset(minutesAfter(1))]).when(reset('reset-hash-2', minutesAfter(2))).thenThrows('AUTH.RESET_TOKEN_INVALID');
    });

    it('given a link mailed, when the holder changes the password knowingly, then the link no longer works', () => {
      const changed: AccountEvent = { type: 'PasswordChanged', data: { accountId: 'acc-1', passwordHash: 'hash-2', changedAt: now.toISOString() } };
      spec.given([registered, requested, changed]).when(reset('reset-hash-1', minutesAfter(1))).thenThrows('AUTH.RESET_TOKEN_INVALID');
    });

    it('given no account, when a secret is presented, then it is refused with the same code', () => {
      spec.given([]).when(reset('reset-hash-1', now)).thenThrows('AUTH.RESET_TOKEN_INVALID');
    });

    it('ends the temporary-password state and every session (a new password version) after a reset', () => {
      const temporary: AccountEvent = { ...registered, data: { ...registered.data, mustChangePassword: true } } as AccountEvent;
      const state = [temporary, requested, wasReset(minutesAfter(1))].reduce(accountDecider.evolve, accountDecider.initialState);
      expect(state).toMatchObject({ passwordHash: 'hash-new', mustChangePassword: false, passwordVersion: 1, pendingPasswordResets: [] });
    });

    it('forgets links already expired when a new one is requested', () => {
      const later: AccountEvent = {
        type: 'PasswordResetRequested',
        data: { accountId: 'acc-1', tokenHash: 'reset-hash-2', expiresAt: minutesAfter(90).toISOString(), requestedAt: minutesAfter(60).toISOString() },
      };
      const state = [registered, requested, later].reduce(accountDecider.evolve, accountDecider.initialState);
      expect(state).toMatchObject({ pendingPasswordResets: [{ tokenHash: 'reset-hash-2', expiresAt: minutesAfter(90).toISOString() }] });
      expect(passwordResetAccepts(state, 'reset-hash-1', minutesAfter(61))).toBe(false);
      expect(passwordResetAccepts(state, 'reset-hash-2', minutesAfter(61))).toBe(true);
    });
  });
});

describe('account decider, erasure', () => {
  const spec = specFor(accountDecider);
  const provisioned: AccountEvent = {
    type: 'AccountRegistered',
    data: {
      accountId: 'acc-2',
      email: 'secretariat@example.fr',
      displayName: 'Secrétariat des Lilas',
      kind: 'specific',
      passwordHash: 'hash-2',
      mustChangePassword: false,
      provisionedForDelegationId: 'del-1',
      registeredAt: '2026-03-01T08:00:00.000Z',
    },
  };
  const erase: AccountCommand = { type: 'EraseAccount', data: {}, metadata };
  const erased: AccountEvent = { type: 'AccountErased', data: { accountId: 'acc-2', erasedAt: now.toISOString() } };

  it('given a specific account, when erasing it, then it is erased at the command time', () => {
    spec.given([provisioned]).when(erase).then([erased]);
  });

  it('given an erased account, when erasing it again, then nothing more is recorded (a retry only erases the key again)', () => {
    spec.given([provisioned, erased]).when(erase).then([]);
  });

  it('given a main account, when erasing it, then it is refused: its ledger is kept 10 years by law', () => {
    spec.given([registered]).when(erase).thenThrows('ACCOUNT.MAIN_ACCOUNT_NOT_ERASABLE');
  });

  it('given no account, when erasing, then it is not found', () => {
    spec.given([]).when(erase).thenThrows('ACCOUNT.NOT_FOUND');
  });

  it('given an erased account, when anything else is asked of it, then it is not found, like an account that never was', () => {
    spec
      .given([provisioned, erased])
      .when({ type: 'ChangePassword', data: { newPasswordHash: 'hash-3', verifiedAgainstHash: 'hash-2' }, metadata })
      .thenThrows('ACCOUNT.NOT_FOUND');
    spec.given([provisioned, erased]).when({ type: 'StartTwoFactorEnrolment', data: { secret: 'S' }, metadata }).thenThrows('ACCOUNT.NOT_FOUND');
    spec.given([provisioned, erased]).when({ ...register, data: { ...register.data, accountId: 'acc-2' } }).thenThrows('ACCOUNT.ALREADY_EXISTS');
  });

  it('given an erased account, when its state is read, then it holds nothing of its holder', () => {
    const state = [provisioned, erased].reduce(accountDecider.evolve, accountDecider.initialState);
    expect(state).toEqual({ status: 'erased', accountId: 'acc-2' });
  });
});
