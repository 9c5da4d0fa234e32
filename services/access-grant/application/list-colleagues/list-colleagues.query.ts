import { Injectable } from '@nestjs/common';
import { AccessCheck } from '@osteo/auth';
import { ReadStore } from '@osteo/read-store';
import { AccountNames } from '../account-names/account-names';
import { InviteeAddresses } from '../invitee-addresses/invitee-addresses.projection';
import { type ColleagueStatus, CABINET_COLLEAGUES, type CabinetColleagues } from '../cabinet-colleagues/cabinet-colleagues.projection';

export interface ColleagueView {
  /** Always known today (only an existing main account can be invited); null is kept for invitations by e-mail. */
  readonly accountId: string | null;
  /** The address the owner typed to invite them; null for an invitation stored before #11. */
  readonly email: string | null;
  readonly displayName: string | null;
  readonly status: ColleagueStatus;
  readonly invitationId: string;
  readonly invitedAt: string;
}

/** GET /cabinets/:id/colleagues: whom the owner invited to share the cabinet, and where each stands. */
@Injectable()
export class ListColleaguesQuery {
  constructor(
    private readonly access: AccessCheck,
    private readonly readStore: ReadStore,
    private readonly accountNames: AccountNames,
    private readonly inviteeAddresses: InviteeAddresses,
  ) {}

  async execute(accountId: string, cabinetId: string): Promise<ColleagueView[]> {
    await this.access.require(accountId, 'cabinet.manage', { kind: 'cabinet', cabinetId }, 'Cabinet');
    const cabinet = await this.readStore.collection<CabinetColleagues>(CABINET_COLLEAGUES).findOne({ _id: cabinetId });
    const colleagues = cabinet?.colleagues ?? [];
    const names = await this.accountNames.of(colleagues.map((colleague) => colleague.accountId));
    const addresses = await this.inviteeAddresses.of(colleagues.map((colleague) => colleague.invitationId));
    return colleagues.map(({ invitationId, accountId: colleagueId, status, invitedAt }) => ({
      accountId: colleagueId,
      email: addresses.get(invitationId) ?? null,
      displayName: names.get(colleagueId)?.displayName ?? null,
      status,
      invitationId,
      invitedAt,
    }));
  }
}
