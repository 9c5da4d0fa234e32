import { Injectable } from '@nestjs/common';
import { type AccountName, accountNamesProjection as accountNamesProjectionIn } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';

/**
 * Who an account is, by its id: what the owner's lists (delegations, colleagues, invitations, a
 * cabinet's practitioners) show next to an id. Fed by the service's read-model consumer group, so
 * it lags identity by what the bus lags: an account not told yet goes without a name (null),
 * never by a wrong one.
 */
export const ACCOUNT_NAMES = 'access_grant_account_names';

export const accountNamesProjection = accountNamesProjectionIn('access-grant.account-names', ACCOUNT_NAMES);

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
