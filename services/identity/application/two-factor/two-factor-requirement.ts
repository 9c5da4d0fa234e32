import { Injectable } from '@nestjs/common';
import { AccessReader } from '@osteo/auth';
import { AccountLookup, type ActiveAccount } from '../accounts/account-lookup';

/**
 * The one place that decides whether an account must enrol in two-factor sign-in before
 * anything else: it works in a cabinet (as a colleague or through a delegation) of an owner
 * who requires it of their team, and has not enabled it. Identity stamps the answer on every
 * access token it issues (login and refresh), and the authentication guard of every service
 * enforces the token's claim, as it does for a temporary password.
 *
 * Where the account works comes from identity's access projection (fed by access.events like
 * every service's); each owner's policy from the owner's account in identity's own store.
 */
@Injectable()
export class TwoFactorRequirement {
  constructor(
    private readonly accounts: AccountLookup,
    private readonly accessReader: AccessReader,
  ) {}

  async mustEnrol(account: ActiveAccount): Promise<boolean> {
    if (account.twoFactor.status === 'on') return false;
    return this.isRequiredOf(account.accountId);
  }

  /** Whether an owner the account works for requires two-factor sign-in of their team. */
  async isRequiredOf(accountId: string): Promise<boolean> {
    const access = await this.accessReader.principalAccess(accountId);
    const owners = new Set([...access.cabinets.values()].map((standing) => standing.ownerId).filter((ownerId) => ownerId !== accountId));
    const policies = await Promise.all([...owners].map(async (ownerId) => (await this.accounts.byId(ownerId))?.account.teamTwoFactorRequired === true));
    return policies.includes(true);
  }
}
