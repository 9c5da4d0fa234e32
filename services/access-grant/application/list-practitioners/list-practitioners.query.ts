import { Injectable } from '@nestjs/common';
import { AccessReader, type Decision, type Resource, can, enforce, isDelegationInForce } from '@osteo/auth';
import { Clock } from '@osteo/platform';
import { AccountNames } from '../account-names/account-names';

export type PractitionerRole = 'owner' | 'colleague' | 'substitute';

export interface PractitionerView {
  readonly accountId: string;
  /** Null while identity's account event has not reached access-grant yet. */
  readonly displayName: string | null;
  readonly role: PractitionerRole;
}

/** The stronger of two decisions: allowed by either, else forbidden if visible, else not found. */
const eitherAllows = (left: Decision, right: Decision): Decision =>
  left === 'allow' || right === 'allow' ? 'allow' : left === 'forbidden' || right === 'forbidden' ? 'forbidden' : 'not_found';

/**
 * GET /cabinets/:id/practitioners: who practises in the cabinet now, so an agenda can name whose
 * appointments it shows and a record who saw the patient: the owner, the colleagues, and the
 * substitutes whose delegation covers it today. Read by whoever reads its appointments or its
 * patients.
 */
@Injectable()
export class ListPractitionersQuery {
  constructor(
    private readonly reader: AccessReader,
    private readonly accountNames: AccountNames,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, cabinetId: string): Promise<PractitionerView[]> {
    const resource: Resource = { kind: 'cabinet', cabinetId };
    const access = await this.reader.principalAccess(accountId);
    enforce(eitherAllows(can(access, 'appointment.read', resource), can(access, 'patient.read', resource)), 'Cabinet');
    const cabinet = await this.reader.cabinet(cabinetId);
    if (cabinet === null) return [];

    const now = this.clock.now();
    const substituteIds = (await this.reader.delegationsGrantedBy(cabinet.ownerId))
      .filter((delegation) => delegation.role === 'substitute' && delegation.cabinetIds.includes(cabinetId) && isDelegationInForce(delegation, now))
      .map((delegation) => delegation.granteeAccountId)
      .filter((granteeId): granteeId is string => granteeId !== null);
    const roles = new Map<string, PractitionerRole>([[cabinet.ownerId, 'owner']]);
    for (const colleagueId of cabinet.colleagueIds) if (!roles.has(colleagueId)) roles.set(colleagueId, 'colleague');
    for (const substituteId of substituteIds) if (!roles.has(substituteId)) roles.set(substituteId, 'substitute');

    const names = await this.accountNames.of(roles.keys());
    const rank: Record<PractitionerRole, number> = { owner: 0, colleague: 1, substitute: 2 };
    return [...roles]
      .map(([practitionerId, role]) => ({ accountId: practitionerId, displayName: names.get(practitionerId)?.displayName ?? null, role }))
      .sort(
        (left, right) =>
          rank[left.role] - rank[right.role] ||
          (left.displayName ?? '').localeCompare(right.displayName ?? '', 'fr') ||
          left.accountId.localeCompare(right.accountId),
      );
  }
}
