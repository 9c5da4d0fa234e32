import { Injectable } from '@nestjs/common';
import { RequestRejected } from '@osteo/http';
import { AccountLookup } from '../account-lookup';

export interface MyAccountView {
  readonly accountId: string;
  readonly email: string;
  readonly displayName: string;
  readonly kind: 'main' | 'specific';
  readonly mustChangePassword: boolean;
}

@Injectable()
export class ReadMyAccountQuery {
  constructor(private readonly accounts: AccountLookup) {}

  async execute(accountId: string): Promise<MyAccountView> {
    const found = await this.accounts.byId(accountId);
    if (!found) throw new RequestRejected('unauthenticated', 'AUTH.UNAUTHENTICATED', 'This account no longer exists');
    const { email, displayName, kind, mustChangePassword } = found.account;
    return { accountId, email, displayName, kind, mustChangePassword };
  }
}
