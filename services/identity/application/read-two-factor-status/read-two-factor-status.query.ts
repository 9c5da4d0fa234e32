import { Injectable } from '@nestjs/common';
import { AccountLookup } from '../accounts/account-lookup';
import { activeAccount } from '../enrol-two-factor/enrol-two-factor.handlers';
import { TwoFactorRequirement } from '../two-factor/two-factor-requirement';

export interface TwoFactorStatusView {
  readonly enabled: boolean;
  /** Recovery codes not yet used; 0 when two-factor sign-in is off. */
  readonly unusedRecoveryCodes: number;
  /** A cabinet the account works in requires it (so it cannot be turned off). */
  readonly requiredByCabinet: boolean;
  /** The account's own policy for its team (main accounts). */
  readonly requiredForTeam: boolean;
}

@Injectable()
export class ReadTwoFactorStatusQuery {
  constructor(
    private readonly accounts: AccountLookup,
    private readonly requirement: TwoFactorRequirement,
  ) {}

  async execute(accountId: string): Promise<TwoFactorStatusView> {
    const account = await activeAccount(this.accounts, accountId);
    return {
      enabled: account.twoFactor.status === 'on',
      unusedRecoveryCodes: account.twoFactor.status === 'on' ? account.twoFactor.unusedRecoveryCodeHashes.length : 0,
      requiredByCabinet: await this.requirement.isRequiredOf(accountId),
      requiredForTeam: account.teamTwoFactorRequired,
    };
  }
}
