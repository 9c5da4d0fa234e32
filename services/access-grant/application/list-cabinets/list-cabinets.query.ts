import { Injectable } from '@nestjs/common';
import { type AccessCabinet, AccessReader, Role } from '@osteo/auth';
import { cabinetTimeZoneOf } from '@osteo/contracts';
import { SealedPracticeContacts } from '@osteo/platform';
import type { ReminderSettings } from '../../domain/cabinet';
import { AccountNames } from '../account-names/account-names';
import { CabinetReminderSettings } from '../cabinet-reminder-settings/cabinet-reminder-settings';

export interface CabinetView {
  readonly cabinetId: string;
  readonly name: string;
  readonly address: string | null;
  /** IANA, e.g. `Europe/Paris` (the default): where its agenda and reminders work. */
  readonly timeZone: string;
  /** How it reminds patients of their appointments (the defaults until its owner says). */
  readonly reminderSettings: ReminderSettings;
  readonly ownerId: string;
  /** The owner's name (for "Cabinet de Dr Martin"); null while identity's account event has not reached access-grant. */
  readonly ownerDisplayName: string | null;
  /** The caller's strongest role there; `roles` has them all (one person may hold two). */
  readonly role: Role;
  readonly roles: readonly Role[];
}

const rolePrecedence: readonly Role[] = ['owner', 'colleague', 'substitute', 'secretary', 'accountant'];

/** In clear from a CabinetOpened v1, sealed from a v2 (#14): access-grant holds the key. */
const openingAddressOf = (cabinet: AccessCabinet, seals: SealedPracticeContacts): string | null =>
  cabinet.addressSealed ? seals.open(cabinet.addressSealed.sealed, 'address', { cabinetId: cabinet.cabinetId, eventId: cabinet.addressSealed.eventId }) : cabinet.address;

/** GET /cabinets: every cabinet the caller can see, with what they are there. */
@Injectable()
export class ListCabinetsQuery {
  constructor(
    private readonly reader: AccessReader,
    private readonly accountNames: AccountNames,
    private readonly reminderSettings: CabinetReminderSettings,
    private readonly seals: SealedPracticeContacts,
  ) {}

  async execute(accountId: string): Promise<CabinetView[]> {
    const access = await this.reader.principalAccess(accountId);
    const names = await this.accountNames.of(new Set([...access.cabinets.values()].map((standing) => standing.ownerId)));
    const reminderSettingsOf = await this.reminderSettings.of(access.cabinets.keys());
    const views: CabinetView[] = [];
    for (const [cabinetId, standing] of access.cabinets) {
      const cabinet = await this.reader.cabinet(cabinetId);
      if (!cabinet) continue;
      const roles = rolePrecedence.filter((role) => standing.roles.has(role));
      views.push({
        cabinetId,
        name: cabinet.name,
        address: openingAddressOf(cabinet, this.seals),
        timeZone: cabinetTimeZoneOf(cabinet),
        reminderSettings: reminderSettingsOf(cabinetId),
        ownerId: standing.ownerId,
        ownerDisplayName: names.get(standing.ownerId)?.displayName ?? null,
        role: roles[0],
        roles,
      });
    }
    return views.sort((left, right) => left.name.localeCompare(right.name) || left.cabinetId.localeCompare(right.cabinetId));
  }
}
