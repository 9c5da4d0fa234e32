import { Injectable } from '@nestjs/common';
import { AccessReader } from '@osteo/auth';
import type { ColleagueInvitedV1 } from '@osteo/contracts';
import { Mailer, renderColleagueInvitation } from '@osteo/mail';
import { languageOf } from '../../domain/account';
import { AccountLookup } from '../accounts/account-lookup';
import { IdentitySettings } from '../ports';
import { webPageUrl } from '../web-pages/web-pages';

/** Thrown while identity's access projection has not read the cabinet yet: the bus delivers the invitation again. */
export class InvitedCabinetNotProjectedYet extends Error {
  constructor(cabinetId: string) {
    super(`Cabinet ${cabinetId} is not in identity's access projection yet; the invitation will be mailed once it is`);
    this.name = 'InvitedCabinetNotProjectedYet';
  }
}

/**
 * Tells an invited colleague, by mail in their own language, who invites them to which practice
 * and where to answer (the web application's practices page). access-grant publishes the
 * invitee's id only: the address is identity's, read here, and never goes on Kafka.
 */
@Injectable()
export class MailColleagueInvitationHandler {
  constructor(
    private readonly accounts: AccountLookup,
    private readonly accessReader: AccessReader,
    private readonly mailer: Mailer,
    private readonly settings: IdentitySettings,
  ) {}

  async execute(invitation: Pick<ColleagueInvitedV1, 'cabinetId' | 'ownerId' | 'inviteeAccountId'>): Promise<void> {
    const invitee = (await this.accounts.byId(invitation.inviteeAccountId))?.account;
    // Erased since: nobody left to tell.
    if (invitee === undefined) return;
    const cabinet = await this.accessReader.cabinet(invitation.cabinetId);
    if (cabinet === null) throw new InvitedCabinetNotProjectedYet(invitation.cabinetId);
    // Nothing left to answer (a delivery again, long after): the practice closed, or they joined.
    if (cabinet.closed || cabinet.colleagueIds.includes(invitee.accountId)) return;
    const ownerName = (await this.accounts.byId(invitation.ownerId))?.account.displayName ?? cabinet.name;

    await this.mailer.send({
      to: invitee.email,
      ...renderColleagueInvitation(languageOf(invitee), {
        ownerName,
        cabinetName: cabinet.name,
        invitationsUrl: webPageUrl(this.settings.publicUrl, 'cabinets'),
      }),
    });
  }
}
