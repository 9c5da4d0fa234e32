import { Injectable } from '@nestjs/common';
import type { AccountDisplayNameChangedV1, AccountRegisteredV1, AccountRegisteredV2 } from '@osteo/contracts';
import type { DocumentProjection } from '@osteo/messaging';
import { ERASED } from '@osteo/personal-data';
import { ReadStore } from '@osteo/read-store';

/**
 * Display names of accounts as identity announced them, so that a printed ledger and the
 * retrocession summary name the holder and the substitutes rather than show opaque ids.
 */
type AccountName = { readonly _id: string; readonly displayName: string };

const ACCOUNT_NAMES = 'accounting_account_names';

export const accountNamesProjection: DocumentProjection<AccountName> = {
  name: 'accounting.account-names',
  collection: ACCOUNT_NAMES,
  handles: ['AccountRegistered', 'AccountDisplayNameChanged', 'AccountErased'],
  // Both carry the display name; only version 1 carried the address too.
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

@Injectable()
export class AccountNames {
  constructor(private readonly readStore: ReadStore) {}

  /** By account id; an account identity has not told us about yet goes by its id. */
  async namesOf(accountIds: Iterable<string>): Promise<ReadonlyMap<string, string>> {
    const ids = [...new Set(accountIds)];
    const known = ids.length === 0 ? [] : await this.readStore.collection<AccountName>(ACCOUNT_NAMES).find({ _id: { $in: ids } });
    const names = new Map(ids.map((accountId) => [accountId, accountId]));
    for (const { _id, displayName } of known) names.set(_id, displayName);
    return names;
  }
}
