import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { DelegationGrantedV1, IntegrationEnvelope } from '@osteo/contracts';
import { type CommandMetadata, EventStore, handleCommand, loadAggregate } from '@osteo/event-sourcing';
import { type AccountLanguage, accountDecider, accountStreamId, languageOf } from '../../domain/account';
import { normalizeEmail } from '../../domain/email-address';
import { type GranteeMail, granteeProvisioningDecider, granteeProvisioningStreamId } from '../../domain/grantee-provisioning';
import { AccountLookup, type ActiveAccount } from '../accounts/account-lookup';
import { EmailReservations } from '../accounts/email-reservations';
import { Mailer } from '@osteo/mail';
import { IdentitySettings, PasswordHasher } from '../ports';
import { webPageUrl } from '../web-pages/web-pages';
import { AccessReader } from '@osteo/auth';
import { ERASED } from '@osteo/personal-data';
import { Clock } from '@osteo/platform';
import { type GrantToAnnounce, accessNoticeMail, temporaryPasswordMail } from './grantee-mails';
import { newTemporaryPassword } from './temporary-password';

/** What provisioning reads from a DelegationGranted. */
export type GrantToProvision = Pick<DelegationGrantedV1, 'delegationId' | 'ownerId' | 'granteeEmail' | 'role'> & Partial<Pick<DelegationGrantedV1, 'cabinetIds'>>;

/** The public event that asked for provisioning: its id and correlation go on what it causes. */
export type ProvisioningCause = Pick<IntegrationEnvelope, 'eventId' | 'correlationId'>;

type GranteeMailed = { readonly accountId: string; readonly mail: GranteeMail };

/**
 * Identity's side of a delegation: its grantee gets a specific account with a temporary password
 * by mail, or, when the address already has an account, a notice of the new access. Runs for every
 * delivery of DelegationGranted, which comes at least once, so each step can be repeated safely.
 */
@Injectable()
export class ProvisionGranteeHandler {
  constructor(
    private readonly store: EventStore,
    private readonly accounts: AccountLookup,
    private readonly emailReservations: EmailReservations,
    private readonly hasher: PasswordHasher,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly settings: IdentitySettings,
    private readonly accessReader: AccessReader,
  ) {}

  async execute(grant: GrantToProvision, cause: ProvisioningCause): Promise<void> {
    const provisioningStreamId = granteeProvisioningStreamId(grant.delegationId);
    const provisioning = await loadAggregate(this.store, provisioningStreamId, granteeProvisioningDecider);
    if (provisioning.state.granteeMailed) return;
    // Granted to an account in the instant it was being erased: access-grant stored the address
    // under that account's key, gone since. Nobody is left to make an account for or to tell.
    if (grant.granteeEmail === ERASED) return;

    const mailed = await this.mailGrantee(grant, cause);

    // Recorded only once the mail is handed over: a crash in between sends it again on the next
    // delivery. One mail too many is acceptable; a grantee never told is not.
    await handleCommand(this.store, provisioningStreamId, granteeProvisioningDecider, {
      type: 'RecordGranteeMailed',
      data: { delegationId: grant.delegationId, ...mailed },
      metadata: this.metadata(grant, cause),
    });
  }

  private async mailGrantee(grant: GrantToProvision, cause: ProvisioningCause): Promise<GranteeMailed> {
    const granteeEmail = normalizeEmail(grant.granteeEmail);
    const owner = (await this.accounts.byId(grant.ownerId))?.account ?? null;
    const announcement: GrantToAnnounce = {
      granteeEmail,
      // Owners register through identity, so their account is here. Were it ever missing, failing
      // would have the bus redeliver this grant forever: a neutral name is the better outcome.
      ownerName: owner?.displayName ?? 'Osteo',
      role: grant.role,
      cabinetNames: await this.cabinetNames(grant.cabinetIds ?? []),
      loginUrl: webPageUrl(this.settings.publicUrl, 'login'),
    };
    const grantee = await this.accounts.byEmail(granteeEmail);
    if (grantee === null) return this.createSpecificAccount(grant, announcement, owner?.language ?? null, cause);
    if (grantee.provisionedForDelegationId === grant.delegationId) return this.resumeAfterCrash(grantee, grant, announcement, cause);
    await this.mailer.send(accessNoticeMail(announcement, languageOf(grantee)));
    return { accountId: grantee.accountId, mail: 'access-notice' };
  }

  /**
   * The account records the delegation it is created for, in the same append, so that a later
   * delivery can tell it from an account that existed before. A conflict (the address or the
   * account written meanwhile by another request) throws: the next delivery sees the new state.
   */
  private async createSpecificAccount(
    grant: GrantToProvision,
    announcement: GrantToAnnounce,
    ownerLanguage: AccountLanguage | null,
    cause: ProvisioningCause,
  ): Promise<GranteeMailed> {
    const email = announcement.granteeEmail;
    const temporaryPassword = newTemporaryPassword();
    const passwordHash = await this.hasher.hash(temporaryPassword);
    const accountId = await this.emailReservations.reserve(email, randomUUID(), this.metadata(grant, cause));
    await handleCommand(this.store, accountStreamId(accountId), accountDecider, {
      type: 'RegisterAccount',
      data: {
        accountId,
        email,
        displayName: displayNameFor(email),
        kind: 'specific',
        passwordHash,
        mustChangePassword: true,
        provisionedForDelegationId: grant.delegationId,
        // The owner's language until the holder chooses theirs (French when the owner never chose).
        ...(ownerLanguage === null ? {} : { language: ownerLanguage }),
      },
      metadata: this.metadata(grant, cause),
    });
    await this.mailer.send(temporaryPasswordMail(announcement, temporaryPassword, languageOf({ language: ownerLanguage })));
    return { accountId, mail: 'temporary-password' };
  }

  /**
   * The account was created for this delegation but its mail never recorded: the process stopped
   * in between, or the mail failed. The first temporary password exists only as a hash, so a new
   * one is issued and mailed. (Should two deliveries of one grant overlap, which Kafka allows only
   * while it moves a partition between consumers, the grantee gets two mails and the password
   * issued last is the one that works.)
   */
  private async resumeAfterCrash(
    grantee: ActiveAccount,
    grant: GrantToProvision,
    announcement: GrantToAnnounce,
    cause: ProvisioningCause,
  ): Promise<GranteeMailed> {
    const outcome: GranteeMailed = { accountId: grantee.accountId, mail: 'temporary-password' };
    // The holder already replaced the temporary password, so the mail did arrive: only its record was lost.
    if (!grantee.mustChangePassword) return outcome;

    const temporaryPassword = newTemporaryPassword();
    await handleCommand(this.store, accountStreamId(grantee.accountId), accountDecider, {
      type: 'IssueTemporaryPassword',
      data: { passwordHash: await this.hasher.hash(temporaryPassword) },
      metadata: this.metadata(grant, cause),
    });
    await this.mailer.send(temporaryPasswordMail(announcement, temporaryPassword, languageOf(grantee)));
    return outcome;
  }

  /**
   * The practices by name, from identity's access projection: each was opened before the grant
   * named it, so the projection knows it unless it lags; one it does not know yet is left out
   * rather than hold the grantee's mail.
   */
  private async cabinetNames(cabinetIds: readonly string[]): Promise<string[]> {
    const cabinets = await Promise.all(cabinetIds.map((cabinetId) => this.accessReader.cabinet(cabinetId)));
    return cabinets.flatMap((cabinet) => (cabinet === null ? [] : [cabinet.name]));
  }

  /** The owner's grant is what caused every write here. */
  private metadata(grant: GrantToProvision, cause: ProvisioningCause): CommandMetadata {
    return { now: this.clock.now(), actorId: grant.ownerId, correlationId: cause.correlationId ?? cause.eventId, causationId: cause.eventId };
  }
}

/**
 * Until the holder has a profile to edit, a specific account is known by its address, or by the
 * address's local part past the 120 characters AccountRegisteredV1 allows a display name.
 */
function displayNameFor(email: string): string {
  return email.length <= 120 ? email : email.slice(0, email.lastIndexOf('@'));
}
