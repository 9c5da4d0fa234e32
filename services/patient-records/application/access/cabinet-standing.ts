import type { PrincipalAccess } from '@osteo/auth';
import type { PractitionerRole } from '@osteo/contracts';

/**
 * What the caller is in a cabinet the policy just let them act in. Asked only after AccessCheck
 * allowed a records action there, which only an owner, a colleague or a substitute is allowed.
 */

/** Strongest first: an owner who also holds a delegation in their own cabinet acts as its owner. */
const practisingRoles: readonly PractitionerRole[] = ['owner', 'colleague', 'substitute'];

/** Owner if they own the cabinet, else colleague if they share it, else substitute. */
export function practisingRoleIn(access: PrincipalAccess, cabinetId: string): PractitionerRole {
  const roles = standingIn(access, cabinetId).roles;
  const role = practisingRoles.find((candidate) => roles.has(candidate));
  if (role === undefined) throw new Error(`Account ${access.accountId} was let into the records of ${cabinetId} without a practising role`);
  return role;
}

export function ownerOfCabinet(access: PrincipalAccess, cabinetId: string): string {
  return standingIn(access, cabinetId).ownerId;
}

function standingIn(access: PrincipalAccess, cabinetId: string) {
  const standing = access.cabinets.get(cabinetId);
  if (standing === undefined) throw new Error(`Account ${access.accountId} was let into ${cabinetId} without standing there`);
  return standing;
}
