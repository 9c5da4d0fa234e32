import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AccessReader } from '@osteo/auth';
import { type IntegrationEnvelope, Topics } from '@osteo/contracts';
import { BusSubscription, EventBus, UnknownEventVersionError } from '@osteo/messaging';
import { SubjectKeyStore } from '@osteo/personal-data';

const GROUP = 'access-grant.account-erasure';

/**
 * identity erased a specific account (AccountErased): the addresses owners typed to delegate to
 * it, stored encrypted with the account's key or, for a grant made before the account existed,
 * with the delegation's (access-grant-personal-data.ts), read as erased from then on. Which
 * delegations went to the account is the access projection's to say: to be erased, every one of
 * them had been revoked, so activated first (the account named). Erasing a key twice changes
 * nothing, so a redelivery or a replay of identity.events is harmless.
 */
@Injectable()
export class AccountErasureReactor implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription: BusSubscription | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly access: AccessReader,
    private readonly keys: SubjectKeyStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe({ groupId: GROUP, topics: [Topics.identity], handle: ({ envelope }) => this.react(envelope) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }

  async react(envelope: IntegrationEnvelope): Promise<void> {
    if (envelope.type !== 'AccountErased') return;
    if (envelope.version !== 1) throw new UnknownEventVersionError(envelope, GROUP, [1]);
    const accountId = String(envelope.data.accountId);
    const delegations = await this.access.delegationsGrantedTo(accountId);
    for (const subjectId of [accountId, ...delegations.map((delegation) => delegation.delegationId)]) await this.keys.erase(subjectId);
  }
}
