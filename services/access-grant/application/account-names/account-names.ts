import { Injectable } from '@nestjs/common';
import type { AccountDisplayNameChangedV1, AccountRegisteredV1, AccountRegisteredV2 } from '@osteo/contracts';
import type { DocumentProjection } from '@osteo/messaging';
import { ERASED } from '@osteo/personal-data';
import { ReadStore } from '@osteo/read-store';

/**
 * Who an account is, by its id, as identity announced it on identity.events: what the owner's
 * lists (delegations, colleagues, invitations, a cabinet's practitioners) show next to an id.
 * Fed by the service's read-model consumer group, so it lags identity by what the bus lags: an
 * account not told yet goes without a name (null), never by a wrong one.
 */
export type AccountName = { readonly _id: string; readonly displayName: string };

export const ACCOUNT_NAMES = 'access_grant_account_names';

export const accountNamesProjection: DocumentProjection<AccountName> = {
  name: 'access-grant.account-names',
  collection: ACCOUNT_NAMES,
  handles: ['AccountRegistered', 'AccountDisplayNameChanged', 'AccountErased'],
  // Version 1 also carried the address, which this read model no longer keeps (#11).
  understoodVersions: [1, 2],
  documentId: (envelope) => String(envelope.data.accountId),
  evolve(known, envelope) {
    // The right to erasure: the name goes, its id stays (a revoked delegation or a ledger line still points at it).
    if (envelope.type === 'AccountErased') return { _id: String(envelope.data.accountId), displayName: ERASED };
    // The name its holder chose; an erased account stays erased whatever arrives after.
    if (envelope.type === 'AccountDisplayNameChanged') {
      const changed = envelope.data as unknown as AccountDisplayNameChangedV1;
      return { _id: changed.accountId, displayName: known?.displayName === ERASED ? ERASED : changed.displayName };
    }
    const registered = envelope.data as unknown as AccountRegisteredV1 | AccountRegisteredV2;
    return { _id: registered.accountId, displayName: registered.displayName };
  },
};

export type KnownName = { readonly displayName: string };

@Injectable()
export class AccountNames {
  constructor(private readonly readStore: ReadStore) {}

  /**
   * The accounts of these ids identity has told about; the others are absent from the map. One
   * `_id` lookup per account (a list names a handful), which FerretDB answers from its index.
   */
  async of(accountIds: Iterable<string | null>): Promise<ReadonlyMap<string, KnownName>> {
    const ids = [...new Set([...accountIds].filter((id): id is string => id !== null))];
    const names = this.readStore.collection<AccountName>(ACCOUNT_NAMES);
    const found = await Promise.all(ids.map((_id) => names.findOne({ _id })));
    return new Map(found.filter((known): known is AccountName => known !== null).map(({ _id, displayName }) => [_id, { displayName }]));
  }
}
