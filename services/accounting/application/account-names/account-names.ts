import { Injectable } from '@nestjs/common';
import { type AccountName, accountNamesProjection as accountNamesProjectionIn } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';

/** Display names of accounts, so that a printed ledger and the retrocession summary name the holder and the substitutes rather than show opaque ids. */
const ACCOUNT_NAMES = 'accounting_account_names';

export const accountNamesProjection = accountNamesProjectionIn('accounting.account-names', ACCOUNT_NAMES);

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
