import { stateAfter } from '@osteo/event-sourcing/decider';
import { specFor } from '@osteo/event-sourcing/decider-spec';
import { delegationDecider, type DelegationCommand, type DelegationEvent, type DelegationTerms } from './delegation';

const metadata = { now: new Date('2026-03-02T08:30:00.000Z') };

const DELEGATION = 'del-1';
const OWNER = 'acc-claire';
const GRANTEE = 'acc-sophie';
const OTHER = 'acc-lea';

// Terms and events
const secretaryTerms: DelegationTerms = {
  delegationId: DELEGATION,
  ownerId: OWNER,
  granteeEmail: 'sophie@example.fr',
  granteeAccountId: GRANTEE,
  role: 'secretary',
  cabinetIds: ['cab-lyon', 'cab-villeurbanne'],
  retrocessionBasisPoints: null,
  endsOn: null,
};
const accountantTerms: DelegationTerms = { ...secretaryTerms, role: 'accountant' };
const substituteTerms = (retrocessionBasisPoints: number | null): DelegationTerms => ({ ...secretaryTerms, role: 'substitute', retrocessionBasisPoints });

const granted = (terms: DelegationTerms): DelegationEvent => ({ type: 'DelegationGranted', data: terms });
const secretaryGranted = granted(secretaryTerms);
const substituteGranted = granted(substituteTerms(3000));
const pendingGranted = granted({ ...secretaryTerms, granteeAccountId: null });
const revoked: DelegationEvent = { type: 'DelegationRevoked', data: { delegationId: DELEGATION, ownerId: OWNER } };
const cabinetsChanged = (cabinetIds: readonly string[]): DelegationEvent => ({
  type: 'DelegationCabinetsChanged',
  data: { delegationId: DELEGATION, ownerId: OWNER, cabinetIds },
});
const retrocessionChanged = (retrocessionBasisPoints: number): DelegationEvent => ({
  type: 'DelegationRetrocessionChanged',
  data: { delegationId: DELEGATION, ownerId: OWNER, retrocessionBasisPoints },
});

// Commands
const grant = (terms: DelegationTerms): DelegationCommand => ({ type: 'GrantDelegation', data: terms, metadata });
const activate = (granteeAccountId: string): DelegationCommand => ({ type: 'ActivateDelegation', data: { granteeAccountId }, metadata });
const changeTerms = (byAccountId: string, change: { cabinetIds?: readonly string[]; retrocessionBasisPoints?: number }): DelegationCommand => ({
  type: 'ChangeDelegationTerms',
  data: { byAccountId, ...change },
  metadata,
});
const revoke = (byAccountId: string): DelegationCommand => ({ type: 'RevokeDelegation', data: { byAccountId }, metadata });

describe('delegation decider', () => {
  const spec = specFor(delegationDecider);

  describe('granting', () => {
    it('given nothing, when the owner grants a secretary access without a rate, then it is granted', () => {
      spec.given([]).when(grant(secretaryTerms)).then([secretaryGranted]);
    });

    it('given nothing, when the owner grants an accountant access without a rate, then it is granted', () => {
      spec.given([]).when(grant(accountantTerms)).then([granted(accountantTerms)]);
    });

    it('given nothing, when the owner grants a substitute access at 30 %, then it is granted with 3000 basis points', () => {
      spec.given([]).when(grant(substituteTerms(3000))).then([substituteGranted]);
    });

    it('given nothing, when the owner grants a substitute access without a rate, then DELEGATION.RETROCESSION_REQUIRED', () => {
      spec.given([]).when(grant(substituteTerms(null))).thenThrows('DELEGATION.RETROCESSION_REQUIRED');
    });

    it('given nothing, when the owner grants a secretary access with a rate, then DELEGATION.RETROCESSION_NOT_ALLOWED', () => {
      spec.given([]).when(grant({ ...secretaryTerms, retrocessionBasisPoints: 3000 })).thenThrows('DELEGATION.RETROCESSION_NOT_ALLOWED');
    });

    it('given nothing, when the owner grants an accountant access with a rate, then DELEGATION.RETROCESSION_NOT_ALLOWED', () => {
      spec.given([]).when(grant({ ...accountantTerms, retrocessionBasisPoints: 3000 })).thenThrows('DELEGATION.RETROCESSION_NOT_ALLOWED');
    });

    it.each([
      ['above 100 %', 10_001],
      ['below 0 %', -1],
      ['with more than two decimals of a percent', 12.5],
    ])('given nothing, when granting a substitute a rate %s (%p basis points), then DELEGATION.INVALID_RETROCESSION', (_label, basisPoints) => {
      spec.given([]).when(grant(substituteTerms(basisPoints))).thenThrows('DELEGATION.INVALID_RETROCESSION');
    });

    it.each([
      ['0 %', 0],
      ['100 %', 10_000],
    ])('given nothing, when granting a substitute a rate of %s, then it is granted', (_label, basisPoints) => {
      spec.given([]).when(grant(substituteTerms(basisPoints))).then([granted(substituteTerms(basisPoints))]);
    });

    it('given nothing, when granting access to no cabinet, then DELEGATION.NO_CABINET', () => {
      spec.given([]).when(grant({ ...secretaryTerms, cabinetIds: [] })).thenThrows('DELEGATION.NO_CABINET');
    });

    it('given nothing, when granting access to the same cabinet twice, then DELEGATION.DUPLICATE_CABINET', () => {
      spec.given([]).when(grant({ ...secretaryTerms, cabinetIds: ['cab-lyon', 'cab-lyon'] })).thenThrows('DELEGATION.DUPLICATE_CABINET');
    });

    it('given nothing, when the owner grants access to their own account, then DELEGATION.TO_SELF', () => {
      spec.given([]).when(grant({ ...secretaryTerms, granteeAccountId: OWNER })).thenThrows('DELEGATION.TO_SELF');
    });

    it('given a granted delegation, when granting it again, then DELEGATION.ALREADY_EXISTS', () => {
      spec.given([secretaryGranted]).when(grant(secretaryTerms)).thenThrows('DELEGATION.ALREADY_EXISTS');
    });

    it('given a grant to an e-mail without an account yet, then the delegation is pending', () => {
      expect(stateAfter(delegationDecider, [pendingGranted])).toMatchObject({ status: 'pending', granteeAccountId: null });
    });

    it('given a grant to an existing account, then the delegation is active', () => {
      expect(stateAfter(delegationDecider, [secretaryGranted])).toMatchObject({ status: 'active', granteeAccountId: GRANTEE });
    });
  });

  describe('activating', () => {
    it('given a pending delegation, when the grantee account appears, then the delegation is activated for it', () => {
      spec
        .given([pendingGranted])
        .when(activate(GRANTEE))
        .then([{ type: 'DelegationActivated', data: { delegationId: DELEGATION, ownerId: OWNER, granteeAccountId: GRANTEE } }]);
    });

    it('given an active delegation, when activating it again, then nothing happens', () => {
      spec.given([secretaryGranted]).when(activate(GRANTEE)).then([]);
    });

    it('given no delegation, when activating it, then DELEGATION.NOT_FOUND', () => {
      spec.given([]).when(activate(GRANTEE)).thenThrows('DELEGATION.NOT_FOUND');
    });

    it('given a delegation revoked while pending, when its grantee account appears late, then nothing happens', () => {
      spec.given([pendingGranted, revoked]).when(activate(GRANTEE)).then([]);
    });
  });

  describe('changing the terms', () => {
    it('given a secretary delegation, when the owner changes only the cabinets, then the cabinets change', () => {
      spec
        .given([secretaryGranted])
        .when(changeTerms(OWNER, { cabinetIds: ['cab-lyon'] }))
        .then([cabinetsChanged(['cab-lyon'])]);
    });

    it('given a substitute delegation, when the owner changes only the rate, then the rate changes', () => {
      spec
        .given([substituteGranted])
        .when(changeTerms(OWNER, { retrocessionBasisPoints: 4550 }))
        .then([retrocessionChanged(4550)]);
    });

    it('given a substitute delegation, when the owner changes cabinets and rate at once, then both change, cabinets first', () => {
      spec
        .given([substituteGranted])
        .when(changeTerms(OWNER, { cabinetIds: ['cab-villeurbanne'], retrocessionBasisPoints: 4550 }))
        .then([cabinetsChanged(['cab-villeurbanne']), retrocessionChanged(4550)]);
    });

    it('given a substitute delegation, when the owner sends the same cabinets (in another order) and the same rate, then nothing happens', () => {
      spec
        .given([substituteGranted])
        .when(changeTerms(OWNER, { cabinetIds: ['cab-villeurbanne', 'cab-lyon'], retrocessionBasisPoints: 3000 }))
        .then([]);
    });

    it('given a delegation, when another account changes its terms, then DELEGATION.NOT_OWNER', () => {
      spec.given([secretaryGranted]).when(changeTerms(OTHER, { cabinetIds: ['cab-lyon'] })).thenThrows('DELEGATION.NOT_OWNER');
    });

    it('given a revoked delegation, when the owner changes its terms, then DELEGATION.REVOKED', () => {
      spec.given([secretaryGranted, revoked]).when(changeTerms(OWNER, { cabinetIds: ['cab-lyon'] })).thenThrows('DELEGATION.REVOKED');
    });

    it('given a secretary delegation, when the owner sets a rate along with valid cabinets, then DELEGATION.RETROCESSION_NOT_ALLOWED and the cabinets are not changed either', () => {
      spec
        .given([secretaryGranted])
        .when(changeTerms(OWNER, { cabinetIds: ['cab-lyon'], retrocessionBasisPoints: 3000 }))
        .thenThrows('DELEGATION.RETROCESSION_NOT_ALLOWED');
    });

    it('given a delegation, when the owner changes the cabinets to none, then DELEGATION.NO_CABINET', () => {
      spec.given([secretaryGranted]).when(changeTerms(OWNER, { cabinetIds: [] })).thenThrows('DELEGATION.NO_CABINET');
    });
  });

  describe('revoking', () => {
    it('given an active delegation, when the owner revokes it, then it is revoked', () => {
      spec.given([secretaryGranted]).when(revoke(OWNER)).then([revoked]);
    });

    it('given a revoked delegation, when the owner revokes it again, then nothing happens', () => {
      spec.given([secretaryGranted, revoked]).when(revoke(OWNER)).then([]);
    });

    it('given a delegation, when another account revokes it, then DELEGATION.NOT_OWNER', () => {
      spec.given([secretaryGranted]).when(revoke(OTHER)).thenThrows('DELEGATION.NOT_OWNER');
    });
  });
});
