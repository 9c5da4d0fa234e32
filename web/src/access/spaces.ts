import { can, type PrincipalAccess, type CabinetStanding, type Role } from '@osteo/access-policy';
import type { AccessGrant } from '../session/session-store';

/**
 * A space is one owner's cabinets as the caller works in them: their own cabinets, or the
 * cabinets of an owner who granted them a role or shares a cabinet with them. A person with
 * grants from several owners switches between spaces; within one, the menu shows what `can()`
 * (the API's own policy) allows.
 */
export interface Space {
  readonly ownerId: string;
  /** The caller's roles in this owner's cabinets, strongest first. */
  readonly roles: readonly Role[];
  readonly cabinetIds: readonly string[];
}

export type Area = 'agenda' | 'patients' | 'ledger' | 'accounts' | 'cabinets';

const roleStrength: readonly Role[] = ['owner', 'colleague', 'substitute', 'secretary', 'accountant'];

/** The access `/me` reports, in the shape the policy decides on. */
export function principalAccessOf(accountId: string, grants: readonly AccessGrant[]): PrincipalAccess {
  const cabinets = new Map<string, { ownerId: string; roles: Set<Role> }>();
  for (const grant of grants) {
    for (const cabinetId of grant.cabinetIds) {
      const standing = cabinets.get(cabinetId) ?? { ownerId: grant.ownerId, roles: new Set<Role>() };
      standing.roles.add(grant.role);
      cabinets.set(cabinetId, standing);
    }
  }
  return { accountId, cabinets: cabinets as ReadonlyMap<string, CabinetStanding> };
}

/** The caller's spaces: their own first (a main account has one even before its first cabinet), then others by owner. */
export function spacesOf(access: PrincipalAccess, isMainAccount: boolean): Space[] {
  const byOwner = new Map<string, { roles: Set<Role>; cabinetIds: string[] }>();
  if (isMainAccount) byOwner.set(access.accountId, { roles: new Set<Role>(['owner']), cabinetIds: [] });
  for (const [cabinetId, standing] of access.cabinets) {
    const space = byOwner.get(standing.ownerId) ?? { roles: new Set<Role>(), cabinetIds: [] };
    for (const role of standing.roles) space.roles.add(role);
    space.cabinetIds.push(cabinetId);
    byOwner.set(standing.ownerId, space);
  }
  return [...byOwner.entries()]
    .map(([ownerId, { roles, cabinetIds }]) => ({
      ownerId,
      roles: roleStrength.filter((role) => roles.has(role)),
      cabinetIds: [...cabinetIds].sort(),
    }))
    .sort((a, b) => rank(a, access.accountId) - rank(b, access.accountId));
}

function rank(space: Space, accountId: string): number {
  return space.ownerId === accountId ? -1 : roleStrength.indexOf(space.roles[0]);
}

/** The areas of the menu in one space, each decided by the policy on that space's cabinets. */
export function areasIn(access: PrincipalAccess, space: Space, isMainAccount: boolean): Area[] {
  const cabinet = (cabinetId: string) => ({ kind: 'cabinet', cabinetId }) as const;
  const anyCabinet = (action: 'appointment.read' | 'patient.read') => space.cabinetIds.some((id) => can(access, action, cabinet(id)) === 'allow');
  const areas: Area[] = [];
  if (anyCabinet('appointment.read')) areas.push('agenda');
  if (anyCabinet('patient.read')) areas.push('patients');
  if (ledgerHoldersIn(access, space, isMainAccount).length > 0) areas.push('ledger');
  if (isMainAccount && space.ownerId === access.accountId) areas.push('accounts', 'cabinets');
  return areas;
}

/**
 * Whose ledgers the caller reads in this space: their own where they practise (owner, colleague,
 * substitute: who may write lines there), and the space owner's when they are its accountant.
 */
export function ledgerHoldersIn(access: PrincipalAccess, space: Space, isMainAccount: boolean): string[] {
  const holders: string[] = [];
  const ownSpace = space.ownerId === access.accountId;
  const practisesHere = space.cabinetIds.some(
    (cabinetId) => can(access, 'ledger.write', { kind: 'ledger', holderId: access.accountId, cabinetId }) === 'allow',
  );
  if (practisesHere || (ownSpace && isMainAccount)) holders.push(access.accountId);
  if (!ownSpace && can(access, 'ledger.read', { kind: 'ledger', holderId: space.ownerId, cabinetId: null }) === 'allow') holders.push(space.ownerId);
  return holders;
}

/** Where a person lands in a space: the first area the menu shows (the secretary: the agenda). */
export function landingArea(areas: readonly Area[]): Area | undefined {
  return areas[0];
}
