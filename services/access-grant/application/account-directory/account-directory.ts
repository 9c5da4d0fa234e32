import { Injectable } from '@nestjs/common';
import type { AccountRegisteredV1, IntegrationEnvelope } from '@osteo/contracts';
import type { DocumentProjection } from '@osteo/messaging';
import { ReadStore } from '@osteo/read-store';

/**
 * The accounts identity has told us about, by e-mail: whom an owner can invite (a main account)
 * or delegate to without provisioning. Fed by identity.events; eventually consistent, which is
 * harmless here: an account not yet known is provisioned-or-notified by identity, and activation
 * catches up (delegation-activation.reactor.ts).
 */
export type KnownAccount = {
  readonly _id: string;
  readonly email: string;
  readonly accountId: string;
  readonly kind: 'main' | 'specific';
  readonly displayName: string;
};

export const KNOWN_ACCOUNTS = 'access_grant_known_accounts';

export const knownAccountsProjection: DocumentProjection<KnownAccount> = {
  name: 'access-grant.known-accounts',
  collection: KNOWN_ACCOUNTS,
  handles: ['AccountRegistered'],
  documentId: (event: IntegrationEnvelope) => String(event.data.email),
  evolve(_known, event) {
    const data = event.data as unknown as AccountRegisteredV1;
    return { _id: data.email, email: data.email, accountId: data.accountId, kind: data.kind, displayName: data.displayName };
  },
};

@Injectable()
export class AccountDirectory {
  constructor(private readonly readStore: ReadStore) {}

  byEmail(email: string): Promise<KnownAccount | null> {
    return this.readStore.collection<KnownAccount>(KNOWN_ACCOUNTS).findOne({ _id: email });
  }

  async emailOf(accountId: string): Promise<string | null> {
    return (await this.readStore.collection<KnownAccount>(KNOWN_ACCOUNTS).findOne({ accountId }))?.email ?? null;
  }
}
