import { specFor } from '@osteo/event-sourcing/decider-spec';
import { stateAfter } from '@osteo/event-sourcing/decider';
import { AccountCommand, AccountEvent, accountDecider, recoveryCodeAccepts, twoFactorCodeAccepts } from './account';

const now = new Date('2026-03-02T08:30:00.000Z');
const at = now.toISOString();
const metadata = { now, correlationId: 'c-1' };
const registered = (kind: 'main' | 'specific' = 'main'): AccountEvent => ({
  type: 'AccountRegistered',
  data: {
    accountId: 'acc-1',
    email: 'claire@example.fr',
    displayName: 'Dr Claire Martin',
    kind,
    passwordHash: 'hash-1',
    mustChangePassword: false,
    registeredAt: '2026-03-01T08:00:00.000Z',
  },
});
const started = (secret = 'SECRET-1'): AccountEvent => ({ type: 'TwoFactorEnrolmentStarted', data: { accountId: 'acc-1', secret, startedAt: at } });
const enabled: AccountEvent = { type: 'TwoFactorEnabled', data: { accountId: 'acc-1', recoveryCodeHashes: ['r1', 'r2'], timeStep: 100, enabledAt: at } };
const command = (type: AccountCommand['type'], data: object): AccountCommand => ({ type, data, metadata }) as AccountCommand;

describe('account decider: two-factor sign-in', () => {
  const spec = specFor(accountDecider);
  const enrolledAccount = [registered(), started(), enabled];

  describe('enrolment', () => {
    it('given an account, when enrolment starts, then the secret is recorded, not yet in force', () => {
      spec.given([registered()]).when(command('StartTwoFactorEnrolment', { secret: 'SECRET-1' })).then([started()]);
      const state = stateAfter(accountDecider, [registered(), started()]);
      expect(state).toMatchObject({ twoFactor: { status: 'enrolling', secret: 'SECRET-1' } });
    });

    it('given an enrolment started, when it starts again, then the new secret replaces the first', () => {
      spec.given([registered(), started()]).when(command('StartTwoFactorEnrolment', { secret: 'SECRET-2' })).then([started('SECRET-2')]);
    });

    it('given a secret shown, when a code checked against it comes, then two-factor sign-in is on with the recovery codes\' hashes', () => {
      spec
        .given([registered(), started()])
        .when(command('EnableTwoFactor', { verifiedSecret: 'SECRET-1', timeStep: 100, recoveryCodeHashes: ['r1', 'r2'] }))
        .then([enabled]);
      expect(stateAfter(accountDecider, enrolledAccount)).toMatchObject({
        twoFactor: { status: 'on', secret: 'SECRET-1', unusedRecoveryCodeHashes: ['r1', 'r2'], lastAcceptedTimeStep: 100 },
      });
    });

    it('given the enrolment started again meanwhile, when a code of the old secret confirms, then it is a conflict', () => {
      spec
        .given([registered(), started(), started('SECRET-2')])
        .when(command('EnableTwoFactor', { verifiedSecret: 'SECRET-1', timeStep: 100, recoveryCodeHashes: ['r1'] }))
        .thenThrows('AUTH.TWO_FACTOR_ENROLMENT_RESTARTED');
    });

    it('given no enrolment started, when confirming, then it is refused', () => {
      spec.given([registered()]).when(command('EnableTwoFactor', { verifiedSecret: 'S', timeStep: 1, recoveryCodeHashes: [] })).thenThrows('AUTH.TWO_FACTOR_ENROLMENT_NOT_STARTED');
    });

    it('given two-factor sign-in on, when enrolment starts again, then it is refused: disable it first', () => {
      spec.given(enrolledAccount).when(command('StartTwoFactorEnrolment', { secret: 'SECRET-2' })).thenThrows('AUTH.TWO_FACTOR_ALREADY_ENABLED');
    });

    it('given no account, when enrolment starts, then it is not found', () => {
      spec.given([]).when(command('StartTwoFactorEnrolment', { secret: 'S' })).thenThrows('ACCOUNT.NOT_FOUND');
    });
  });

  describe('codes at login', () => {
    it('given two-factor sign-in on, when a code of a later time step is accepted, then that step is remembered', () => {
      spec
        .given(enrolledAccount)
        .when(command('AcceptTwoFactorCode', { verifiedSecret: 'SECRET-1', timeStep: 101 }))
        .then([{ type: 'TwoFactorCodeAccepted', data: { accountId: 'acc-1', timeStep: 101, acceptedAt: at } }]);
    });

    it('given a code of step 101 accepted, when a code of step 101 (the same code) or earlier comes, then it is refused as reused', () => {
      const accepted: AccountEvent = { type: 'TwoFactorCodeAccepted', data: { accountId: 'acc-1', timeStep: 101, acceptedAt: at } };
      spec.given([...enrolledAccount, accepted]).when(command('AcceptTwoFactorCode', { verifiedSecret: 'SECRET-1', timeStep: 101 })).thenThrows('AUTH.TWO_FACTOR_CODE_REUSED');
      spec.given([...enrolledAccount, accepted]).when(command('AcceptTwoFactorCode', { verifiedSecret: 'SECRET-1', timeStep: 100 })).thenThrows('AUTH.TWO_FACTOR_CODE_REUSED');
    });

    it('given the code that confirmed the enrolment, when it is presented at login, then it is refused as reused', () => {
      spec.given(enrolledAccount).when(command('AcceptTwoFactorCode', { verifiedSecret: 'SECRET-1', timeStep: 100 })).thenThrows('AUTH.TWO_FACTOR_CODE_REUSED');
    });

    it('given two-factor sign-in re-enrolled with a new secret, when a code checked against the old one comes, then it is refused', () => {
      spec.given(enrolledAccount).when(command('AcceptTwoFactorCode', { verifiedSecret: 'OLD', timeStep: 200 })).thenThrows('AUTH.TWO_FACTOR_CODE_INVALID');
    });

    it('given a recovery code, when it is used, then it is spent: a second use is refused', () => {
      const used: AccountEvent = { type: 'RecoveryCodeUsed', data: { accountId: 'acc-1', codeHash: 'r1', usedAt: at } };
      spec.given(enrolledAccount).when(command('UseRecoveryCode', { codeHash: 'r1' })).then([used]);
      spec.given([...enrolledAccount, used]).when(command('UseRecoveryCode', { codeHash: 'r1' })).thenThrows('AUTH.TWO_FACTOR_CODE_INVALID');
      const state = stateAfter(accountDecider, [...enrolledAccount, used]);
      expect(recoveryCodeAccepts(state, 'r1')).toBe(false);
      expect(recoveryCodeAccepts(state, 'r2')).toBe(true);
    });

    it('given two-factor sign-in off, when a code comes, then it is refused', () => {
      spec.given([registered(), started()]).when(command('AcceptTwoFactorCode', { verifiedSecret: 'SECRET-1', timeStep: 101 })).thenThrows('AUTH.TWO_FACTOR_NOT_ENABLED');
      expect(twoFactorCodeAccepts(stateAfter(accountDecider, [registered(), started()]), 'SECRET-1', 101)).toBe(false);
    });

    it('keeps two-factor sign-in through a password reset: a reset link alone never opens the account', () => {
      const reset: AccountEvent = { type: 'PasswordReset', data: { accountId: 'acc-1', passwordHash: 'hash-2', resetAt: at } };
      expect(stateAfter(accountDecider, [...enrolledAccount, reset])).toMatchObject({ twoFactor: { status: 'on' } });
    });
  });

  describe('disabling', () => {
    const disabled: AccountEvent = { type: 'TwoFactorDisabled', data: { accountId: 'acc-1', disabledAt: at } };

    it('given two-factor sign-in on, when disabled with the password and a fresh code, then it is off', () => {
      spec
        .given(enrolledAccount)
        .when(command('DisableTwoFactor', { verifiedAgainstHash: 'hash-1', proof: { kind: 'code', verifiedSecret: 'SECRET-1', timeStep: 101 } }))
        .then([disabled]);
      expect(stateAfter(accountDecider, [...enrolledAccount, disabled])).toMatchObject({ twoFactor: { status: 'off' } });
    });

    it('given two-factor sign-in on, when disabled with a recovery code, then it is off', () => {
      spec.given(enrolledAccount).when(command('DisableTwoFactor', { verifiedAgainstHash: 'hash-1', proof: { kind: 'recovery-code', codeHash: 'r2' } })).then([disabled]);
    });

    it('given two-factor sign-in on, when disabled with a code already used, then it is refused', () => {
      spec
        .given(enrolledAccount)
        .when(command('DisableTwoFactor', { verifiedAgainstHash: 'hash-1', proof: { kind: 'code', verifiedSecret: 'SECRET-1', timeStep: 100 } }))
        .thenThrows('AUTH.TWO_FACTOR_CODE_REUSED');
    });

    it('given the password changed meanwhile, when disabling against the old hash, then it is a conflict', () => {
      spec
        .given(enrolledAccount)
        .when(command('DisableTwoFactor', { verifiedAgainstHash: 'stale', proof: { kind: 'recovery-code', codeHash: 'r1' } }))
        .thenThrows('ACCOUNT.PASSWORD_CHANGED_CONCURRENTLY');
    });

    it('given two-factor sign-in off, when disabling, then it is refused', () => {
      spec.given([registered()]).when(command('DisableTwoFactor', { verifiedAgainstHash: 'hash-1', proof: { kind: 'recovery-code', codeHash: 'r1' } })).thenThrows('AUTH.TWO_FACTOR_NOT_ENABLED');
    });
  });

  describe("the owner's requirement for the team", () => {
    it('given a main account, when it requires two-factor sign-in of its team, then the policy is recorded; asking again changes nothing', () => {
      const changed: AccountEvent = { type: 'TeamTwoFactorRequirementChanged', data: { accountId: 'acc-1', required: true, changedAt: at } };
      spec.given([registered()]).when(command('SetTeamTwoFactorRequirement', { required: true })).then([changed]);
      spec.given([registered(), changed]).when(command('SetTeamTwoFactorRequirement', { required: true })).then([]);
      expect(stateAfter(accountDecider, [registered(), changed])).toMatchObject({ teamTwoFactorRequired: true });
    });

    it('given a specific account, when it requires two-factor sign-in of a team, then it is forbidden: it has no cabinets', () => {
      spec.given([registered('specific')]).when(command('SetTeamTwoFactorRequirement', { required: true })).thenThrows('ACCOUNT.MAIN_ACCOUNT_REQUIRED');
    });
  });
});
