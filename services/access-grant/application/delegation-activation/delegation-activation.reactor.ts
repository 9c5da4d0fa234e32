import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DelegationGrantedV1, DelegationGrantedV2, IntegrationEnvelope, Topics } from '@osteo/contracts';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { BusSubscription, EventBus, ProjectionRunner, UnknownEventVersionError } from '@osteo/messaging';
import { Clock, EmailDigests } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import { delegationDecider, delegationStreamId } from '../../domain/delegation';
import { KNOWN_ACCOUNTS, KnownAccount, knownAccountsProjection, registeredAccountOf } from '../account-directory/account-directory';

/** A grant waiting for its grantee's account, by the keyed digest of the grantee's address. */
type PendingGrant = { readonly _id: string; readonly emailDigest: string };
const PENDING_GRANTS = 'access_grant_pending_grants';
/** The versions read below; another one is dead-lettered rather than misread. */
const UNDERSTOOD_VERSIONS: Readonly<Record<string, readonly number[]>> = {
  AccountRegistered: [1, 2],
  AccountErased: [1],
  DelegationGranted: [1, 2],
  DelegationActivated: [1],
  DelegationRevoked: [1],
};

/**
 * Puts a delegation in force once its grantee's account exists (provisioned by identity, or
 * already there). Both facts arrive on different topics in either order; one consumer sees both,
 * one at a time, and keeps what it learnt (known accounts, grants waiting for an account), so
 * whichever comes second completes the activation. Redeliveries change nothing: activating an
 * active delegation decides no event.
 */
@Injectable()
export class DelegationActivationReactor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('access-grant.delegation-activation');
  private subscription: BusSubscription | null = null;
  private readonly knownAccounts: ProjectionRunner;

  constructor(
    private readonly bus: EventBus,
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly clock: Clock,
    private readonly digests: EmailDigests,
  ) {
    this.knownAccounts = new ProjectionRunner(readStore, [knownAccountsProjection(digests)]);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.readStore.collection<PendingGrant>(PENDING_GRANTS).createIndex({ keys: { emailDigest: 1 } });
    await this.readStore.collection<KnownAccount>(KNOWN_ACCOUNTS).createIndex({ keys: { accountId: 1 } });
    this.subscription = await this.bus.subscribe({
      groupId: 'access-grant.delegation-activation',
      topics: [Topics.identity, Topics.access],
      handle: ({ envelope }) => this.react(envelope),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }

  private async react(envelope: IntegrationEnvelope): Promise<void> {
    const understood = UNDERSTOOD_VERSIONS[envelope.type];
    if (understood && !understood.includes(envelope.version)) throw new UnknownEventVersionError(envelope, 'access-grant.delegation-activation', understood);
    const pending = this.readStore.collection<PendingGrant>(PENDING_GRANTS);
    switch (envelope.type) {
      case 'AccountRegistered': {
        await this.knownAccounts.apply(envelope);
        const account = registeredAccountOf(envelope, this.digests);
        for (const grant of await pending.find({ emailDigest: account.emailDigest })) {
          await this.activate(grant._id, account.accountId, envelope);
        }
        return;
      }
      case 'DelegationGranted': {
        const grant = envelope.data as unknown as DelegationGrantedV1 | DelegationGrantedV2;
        if (grant.granteeAccountId !== null) return;
        const emailDigest = 'granteeEmailDigest' in grant ? grant.granteeEmailDigest : this.digests.of(grant.granteeEmail);
        const known = await this.readStore.collection<KnownAccount>(KNOWN_ACCOUNTS).findOne({ _id: emailDigest });
        if (known) await this.activate(grant.delegationId, known.accountId, envelope);
        else await pending.replaceOne({ _id: grant.delegationId }, { _id: grant.delegationId, emailDigest }, { upsert: true });
        return;
      }
      case 'AccountErased':
        // Its address is free again at identity: a grant to it must wait for the next account, not name this one.
        await this.readStore.collection<KnownAccount>(KNOWN_ACCOUNTS).deleteMany({ accountId: String(envelope.data.accountId) });
        return;
      case 'DelegationActivated':
      case 'DelegationRevoked':
        await pending.deleteOne({ _id: String(envelope.data.delegationId) });
        return;
      default:
        return;
    }
  }

  private async activate(delegationId: string, granteeAccountId: string, cause: IntegrationEnvelope): Promise<void> {
    try {
      await handleCommand(this.store, delegationStreamId(delegationId), delegationDecider, {
        type: 'ActivateDelegation',
        data: { granteeAccountId },
        metadata: { now: this.clock.now(), causationId: cause.eventId, correlationId: cause.correlationId ?? undefined },
      });
    } catch (error) {
      // A grant this service never wrote cannot come into force; retrying would only hold up
      // every activation behind it.
      if (!(error instanceof Rejection && error.code === 'DELEGATION.NOT_FOUND')) throw error;
      this.logger.warn(`Ignoring an account for delegation ${delegationId}, which access-grant never granted`);
    }
    await this.readStore.collection<PendingGrant>(PENDING_GRANTS).deleteOne({ _id: delegationId });
  }
}
