import { AccessCheck, AccessReader, type Caller, accessProjections, markAccessChanged } from '@osteo/auth';
import type { AccountRegisteredV2, IntegrationEnvelope } from '@osteo/contracts';
import { SqliteEventStore } from '@osteo/event-sourcing';
import { type DocumentProjection, ProjectionRunner } from '@osteo/messaging';
import { Clock, EmailDigests, type PlatformConfig, SealedEmails, SealedPracticeContacts, asPrivateEnvelope } from '@osteo/platform';
import { InMemoryReadStore } from '@osteo/read-store';
import { type CabinetEvent, type ReminderSettings, cabinetStreamId } from '../../domain/cabinet';
import { type DelegationEvent, type DelegationTerms, delegationStreamId } from '../../domain/delegation';
import { AccountDirectory, knownAccountsProjection } from '../account-directory/account-directory';
import { AccountNames, accountNamesProjection } from '../account-names/account-names';
import { cabinetColleaguesProjection } from '../cabinet-colleagues/cabinet-colleagues.projection';
import { CabinetReminderSettings, cabinetReminderSettingsProjection } from '../cabinet-reminder-settings/cabinet-reminder-settings';
import { DelegationOwnership } from '../access/delegation-ownership';
import { invitationsProjection } from '../invitations/invitations.projection';
import { InviteeAddresses, inviteeAddressesProjection } from '../invitee-addresses/invitee-addresses.projection';
import { OwnedCabinets } from '../access/owned-cabinets';
import { toAccessPublicEvent } from '../publishing/access-public-events';

/** When every use case spec decides; the past events occurred in the minutes before. */
export const NOW = new Date('2026-03-02T08:30:00.000Z');

const emailDigestKey = 'an e-mail digest key of at least thirty-two bytes';
const config = { emailDigestKey } as PlatformConfig;

/** One event of access-grant's past, with the stream it was written to. */
export type PastEvent = { readonly streamId: string } & (CabinetEvent | DelegationEvent);

/** What a use case wrote, as a spec's `then` reads it: the stream names are the store's business. */
export type WrittenEvent = { readonly type: string; readonly data: Readonly<Record<string, unknown>> };

const cabinetEvent = (cabinetId: string, event: CabinetEvent): PastEvent => ({ streamId: cabinetStreamId(cabinetId), ...event });
const delegationEvent = (delegationId: string, event: DelegationEvent): PastEvent => ({ streamId: delegationStreamId(delegationId), ...event });

/** The invitation id `colleagueInvited` gives, so a spec can accept it. */
export const invitationIdFor = (cabinetId: string, inviteeAccountId: string): string => `invitation-${cabinetId}-${inviteeAccountId}`;

/** Past events as access-grant's deciders write them, for `given`. */
export const past = {
  cabinetOpened: (cabinetId: string, ownerId: string, name = `Cabinet ${cabinetId}`, address: string | null = null): PastEvent =>
    cabinetEvent(cabinetId, { type: 'CabinetOpened', data: { cabinetId, ownerId, name, address, timeZone: 'Europe/Paris' } }),
  cabinetReminderSettingsChanged: (cabinetId: string, ownerId: string, settings: ReminderSettings): PastEvent =>
    cabinetEvent(cabinetId, { type: 'CabinetReminderSettingsChanged', data: { cabinetId, ownerId, ...settings } }),
  cabinetClosed: (cabinetId: string, ownerId: string): PastEvent => cabinetEvent(cabinetId, { type: 'CabinetClosed', data: { cabinetId, ownerId } }),
  cabinetRenamed: (cabinetId: string, ownerId: string, name: string): PastEvent => cabinetEvent(cabinetId, { type: 'CabinetRenamed', data: { cabinetId, ownerId, name } }),
  /** `inviteeEmail` null: an invitation stored before #11, which kept no address. */
  colleagueInvited: (cabinetId: string, ownerId: string, inviteeAccountId: string, inviteeEmail: string | null = `${inviteeAccountId}@example.fr`): PastEvent =>
    cabinetEvent(cabinetId, {
      type: 'ColleagueInvited',
      data: { invitationId: invitationIdFor(cabinetId, inviteeAccountId), cabinetId, ownerId, inviteeAccountId, ...(inviteeEmail !== null && { inviteeEmail }) },
    }),
  colleagueJoined: (cabinetId: string, ownerId: string, colleagueAccountId: string): PastEvent =>
    cabinetEvent(cabinetId, {
      type: 'ColleagueJoined',
      data: { invitationId: invitationIdFor(cabinetId, colleagueAccountId), cabinetId, ownerId, colleagueAccountId },
    }),
  colleagueRemoved: (cabinetId: string, ownerId: string, colleagueAccountId: string): PastEvent =>
    cabinetEvent(cabinetId, { type: 'ColleagueRemoved', data: { cabinetId, ownerId, colleagueAccountId } }),
  /** A secretary's delegation, pending until `terms` name the grantee's account (then in force at once). */
  delegationGranted: (delegationId: string, terms: Pick<DelegationTerms, 'ownerId' | 'cabinetIds'> & Partial<DelegationTerms>): PastEvent =>
    delegationEvent(delegationId, {
      type: 'DelegationGranted',
      data: {
        delegationId,
        granteeAccountId: null,
        granteeEmail: `${terms.granteeAccountId ?? delegationId}@example.fr`,
        role: 'secretary',
        retrocessionBasisPoints: null,
        endsOn: null,
        ...terms,
      },
    }),
  delegationRevoked: (delegationId: string, ownerId: string): PastEvent => delegationEvent(delegationId, { type: 'DelegationRevoked', data: { delegationId, ownerId } }),
};

/** An account identity told access-grant about (AccountRegistered), by its address. */
export type KnownAccountGiven = { readonly accountId: string; readonly email: string; readonly displayName: string; readonly kind: 'main' | 'specific' };

/**
 * access-grant with its real adapters in memory: an SQLite event store, and an in-memory read
 * store fed from it as the running service feeds it (the published events into the access,
 * invitations and colleagues read models, the private ones into the invitee addresses), so a
 * use case spec gives past events, runs one handler or query, and reads what it wrote.
 */
export class InMemoryAccessGrant {
  readonly store = SqliteEventStore.open(':memory:');
  readonly readStore = new InMemoryReadStore();
  readonly clock: Clock = { now: () => NOW };
  readonly digests = EmailDigests.withKey(emailDigestKey);
  readonly seals = SealedEmails.withKey(emailDigestKey);
  readonly reader = new AccessReader(this.readStore, () => NOW);
  readonly access = new AccessCheck(this.reader);
  readonly directory = new AccountDirectory(this.readStore, this.digests);
  readonly accountNames = new AccountNames(this.readStore);
  readonly inviteeAddresses = new InviteeAddresses(this.readStore);
  readonly practiceContacts = SealedPracticeContacts.withKey(emailDigestKey);
  readonly reminderSettings = new CabinetReminderSettings(this.readStore, this.practiceContacts);
  readonly ownedCabinets = new OwnedCabinets(this.store, this.reader);
  readonly delegationOwnership = new DelegationOwnership(this.store);

  private readonly publishedFeed = new ProjectionRunner(this.readStore, [...accessProjections, invitationsProjection, cabinetColleaguesProjection, cabinetReminderSettingsProjection] as DocumentProjection[]);
  private readonly privateFeed = new ProjectionRunner(this.readStore, [inviteeAddressesProjection] as DocumentProjection[]);
  private readonly identityFeed = new ProjectionRunner(this.readStore, [knownAccountsProjection(this.digests), accountNamesProjection] as DocumentProjection[]);
  private givenUpTo: string | undefined;
  private givenCount = 0;

  /**
   * Writes these events, one minute apart before NOW, and feeds the read models from them. With
   * none, what a use case wrote so far becomes the past (projected, no longer `written`).
   */
  async given(...events: readonly PastEvent[]): Promise<this> {
    for (const { streamId, type, data } of events) {
      const occurredAt = new Date(NOW.getTime() - 60 * 60_000 + this.givenCount++ * 60_000).toISOString();
      await this.store.appendToStream(streamId, [{ type, data, metadata: { occurredAt, actorId: String(data.ownerId) } }], { expectedRevision: 'any' });
    }
    for (const recorded of await this.store.readAll({ after: this.givenUpTo })) {
      const publicEvent = toAccessPublicEvent(recorded, config);
      if (publicEvent) await this.publishedFeed.apply(publicEvent);
      await this.privateFeed.apply(asPrivateEnvelope(recorded));
      this.givenUpTo = recorded.position;
    }
    // As the live projection does: the AccessReader drops what it read before these events.
    await markAccessChanged(this.readStore, 'given');
    return this;
  }

  /** Accounts identity announced (AccountRegistered v2): names to show, addresses to invite or delegate to. */
  async givenAccounts(...accounts: readonly KnownAccountGiven[]): Promise<this> {
    for (const { accountId, email, displayName, kind } of accounts) {
      await this.identityFeed.apply(
        identityEvent<AccountRegisteredV2>(accountId, 0, 'AccountRegistered', 2, { accountId, emailDigest: this.digests.of(email), displayName, kind, mustChangePassword: false }),
      );
    }
    return this;
  }

  /** An account erased at its owner's request (AccountErased): its name reads as erased from then on. */
  async givenAccountErased(accountId: string): Promise<this> {
    await this.identityFeed.apply(identityEvent(accountId, 1, 'AccountErased', 1, { accountId }));
    return this;
  }

  /** What the use case under test wrote, after the given events, in order. */
  async written(): Promise<WrittenEvent[]> {
    return (await this.store.readAll({ after: this.givenUpTo })).map(({ type, data }) => ({ type, data }));
  }

  caller(accountId: string, kind: 'main' | 'specific' = 'main'): Caller {
    return { principal: { accountId, kind, mustChangePassword: false }, correlationId: `request-of-${accountId}` };
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}

function identityEvent<D>(accountId: string, revision: number, type: string, version: number, data: D): IntegrationEnvelope<string, D> {
  return {
    eventId: `${type}-${accountId}`,
    type,
    version,
    streamId: `account-${accountId}`,
    revision,
    occurredAt: new Date(NOW.getTime() - 24 * 60 * 60_000).toISOString(),
    actorId: null,
    correlationId: null,
    causationId: null,
    data,
  };
}
