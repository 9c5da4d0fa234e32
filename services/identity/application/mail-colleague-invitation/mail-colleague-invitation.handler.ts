import { Injectable } from '@nestjs/common';
import { AccessReader } from '@osteo/auth';
import type { ColleagueInvitedV1, IntegrationEnvelope } from '@osteo/contracts';
import { EventStore, handleCommand, loadAggregate } from '@osteo/event-sourcing';
import { Mailer, renderColleagueInvitation } from '@osteo/mail';
import { Clock } from '@osteo/platform';
import { languageOf } from '../../domain/account';
import { invitationMailDecider, invitationMailStreamId } from '../../domain/invitation-mail';
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
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly accounts: AccountLookup,
    private readonly accessReader: AccessReader,
    private readonly mailer: Mailer,
    private readonly settings: IdentitySettings,
  ) {}

  async execute(invitation: ColleagueInvitedV1, cause: Pick<IntegrationEnvelope, 'eventId' | 'correlationId'>): Promise<void> {
    const streamId = invitationMailStreamId(invitation.invitationId);
    if ((await loadAggregate(this.store, streamId, invitationMailDecider)).state.inviteeMailed) return;
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
    // Recorded only once the mail is handed over: a crash in between mails again on the next
    // delivery. One mail too many is acceptable; an invitee never told is not.
    await handleCommand(this.store, streamId, invitationMailDecider, {
      type: 'RecordInvitationMailed',
      data: { invitationId: invitation.invitationId, inviteeAccountId: invitation.inviteeAccountId },
      metadata: { now: this.clock.now(), actorId: invitation.ownerId, correlationId: cause.correlationId ?? cause.eventId, causationId: cause.eventId },
    });
  }
}
