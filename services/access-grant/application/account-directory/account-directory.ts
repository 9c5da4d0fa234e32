import { Injectable } from '@nestjs/common';
import type { AccountRegisteredV1, AccountRegisteredV2, IntegrationEnvelope } from '@osteo/contracts';
import type { DocumentProjection } from '@osteo/messaging';
import { EmailDigests } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';

/**
 * The accounts identity has told us about, by the keyed digest of their e-mail address: whom an
 * owner can invite (a main account) or delegate to without provisioning. identity.events carries
 * no address (AccountRegistered v2): an address the owner types is digested with the same key
 * and looked up. Fed by identity.events; eventually consistent, which is harmless here: an
 * account not yet known is provisioned-or-notified by identity, and activation catches up
 * (delegation-activation.reactor.ts).
 */
export type KnownAccount = {
  readonly _id: string;
  readonly accountId: string;
  readonly kind: 'main' | 'specific';
  readonly displayName: string;
};

export const KNOWN_ACCOUNTS = 'access_grant_known_accounts';

/** Both versions of AccountRegistered as version 2: version 1 (before #11) carried the address itself. */
export function registeredAccountOf(event: IntegrationEnvelope, digests: EmailDigests): AccountRegisteredV2 {
  if (event.version === 2) return event.data as unknown as AccountRegisteredV2;
  const { email, ...rest } = event.data as unknown as AccountRegisteredV1;
  return { ...rest, emailDigest: digests.of(email) };
}

export function knownAccountsProjection(digests: EmailDigests): DocumentProjection<KnownAccount> {
  return {
    name: 'access-grant.known-accounts',
    collection: KNOWN_ACCOUNTS,
    handles: ['AccountRegistered'],
    understoodVersions: [1, 2],
    documentId: (event: IntegrationEnvelope) => registeredAccountOf(event, digests).emailDigest,
    evolve(_known, event) {
      const { emailDigest, accountId, kind, displayName } = registeredAccountOf(event, digests);
      return { _id: emailDigest, accountId, kind, displayName };
    },
  };
}

@Injectable()
export class AccountDirectory {
  constructor(
    private readonly readStore: ReadStore,
    private readonly digests: EmailDigests,
  ) {}

  byEmail(email: string): Promise<KnownAccount | null> {
    return this.readStore.collection<KnownAccount>(KNOWN_ACCOUNTS).findOne({ _id: this.digests.of(email) });
  }

  /** Whether the account holds this address (the owner delegating to themselves). */
  async holdsEmail(accountId: string, email: string): Promise<boolean> {
    return (await this.byEmail(email))?.accountId === accountId;
  }
}
