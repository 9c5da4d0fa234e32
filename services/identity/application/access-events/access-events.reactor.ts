import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { type ColleagueInvitedV1, type DelegatedRole, type IntegrationEnvelope, Topics, delegatedRoles } from '@osteo/contracts';
import { type BusSubscription, EventBus, UnknownEventVersionError, UnprocessableMessageError } from '@osteo/messaging';
import { SealedEmails } from '@osteo/platform';
import { MailColleagueInvitationHandler } from '../mail-colleague-invitation/mail-colleague-invitation.handler';
import { type GrantToProvision, ProvisionGranteeHandler } from '../provision-grantee/provision-grantee.handler';

/** Identity's own consumer group on access.events: its offsets are independent of every other reader's. */
const PROVISIONING_CONSUMER_GROUP = 'identity.provisioning';

/**
 * What identity does when access-grant acts on people: provisions the grantee of every
 * DelegationGranted, and mails the invitee of every ColleagueInvited. A new consumer group starts
 * at the beginning of the topic, so no grant published before identity first subscribed is
 * missed; grants already handled are recognised and skipped. Invitations share the group (it
 * existed before they were mailed), so a deployment that adds their mail does not send one for
 * every invitation of the topic's past.
 */
@Injectable()
export class IdentityAccessEventsReactor implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription: BusSubscription | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly provisionGrantee: ProvisionGranteeHandler,
    private readonly mailColleagueInvitation: MailColleagueInvitationHandler,
    private readonly seals: SealedEmails,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: PROVISIONING_CONSUMER_GROUP,
      topics: [Topics.access],
      handle: ({ envelope }) => this.react(envelope),
    });
  }

  /** Before the stores close (on application shutdown), so no delivery runs against a closed store. */
  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }

  private async react(envelope: IntegrationEnvelope): Promise<void> {
    if (envelope.type === 'ColleagueInvited') return this.invited(envelope);
    if (envelope.type !== 'DelegationGranted') return;
    // Neither can ever be provisioned as it is, and holding it would stop every grant behind it:
    // the bus dead-letters it, to be replayed once identity learns the version or the publisher is fixed.
    if (envelope.version !== 1 && envelope.version !== 2) throw new UnknownEventVersionError(envelope, 'identity', [1, 2]);
    const grant = envelope.version === 2 ? this.unsealed(envelope) : envelope.data;
    if (!isGrantToProvision(grant)) {
      throw new UnprocessableMessageError('IDENTITY.MALFORMED_GRANT', `DelegationGranted ${envelope.eventId}: its data does not match DelegationGrantedV${envelope.version}`);
    }
    await this.provisionGrantee.execute(grant, envelope);
  }

  private async invited(envelope: IntegrationEnvelope): Promise<void> {
    if (envelope.version !== 1) throw new UnknownEventVersionError(envelope, 'identity', [1]);
    const invitation = envelope.data;
    if (!isInvitationToMail(invitation)) {
      throw new UnprocessableMessageError('IDENTITY.MALFORMED_INVITATION', `ColleagueInvited ${envelope.eventId}: its data does not match ColleagueInvitedV1`);
    }
    await this.mailColleagueInvitation.execute(invitation, envelope);
  }

  /** Version 2 carries the grantee's address sealed for identity and access-grant (#11). */
  private unsealed(envelope: IntegrationEnvelope): Readonly<Record<string, unknown>> {
    const { granteeEmailSealed, delegationId } = envelope.data;
    if (typeof granteeEmailSealed !== 'string' || typeof delegationId !== 'string') return envelope.data;
    try {
      return { ...envelope.data, granteeEmail: this.seals.unseal(granteeEmailSealed, delegationId) };
    } catch {
      // Sealed with another key, or for another delegation: no retry will ever open it.
      throw new UnprocessableMessageError('IDENTITY.MALFORMED_GRANT', `DelegationGranted ${envelope.eventId}: its grantee's address does not open with this EMAIL_DIGEST_KEY`);
    }
  }
}

function isGrantToProvision(data: Readonly<Record<string, unknown>>): data is Readonly<Record<string, unknown>> & GrantToProvision {
  const { delegationId, ownerId, granteeEmail, role, cabinetIds } = data;
  return (
    [delegationId, ownerId, granteeEmail].every((value) => typeof value === 'string' && value.length > 0) &&
    delegatedRoles.includes(role as DelegatedRole) &&
    (cabinetIds === undefined || (Array.isArray(cabinetIds) && cabinetIds.every((cabinetId) => typeof cabinetId === 'string')))
  );
}

function isInvitationToMail(data: Readonly<Record<string, unknown>>): data is Readonly<Record<string, unknown>> & ColleagueInvitedV1 {
  const { invitationId, cabinetId, ownerId, inviteeAccountId } = data;
  return [invitationId, cabinetId, ownerId, inviteeAccountId].every((value) => typeof value === 'string' && value.length > 0);
}
