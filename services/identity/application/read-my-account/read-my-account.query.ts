import { Injectable } from '@nestjs/common';
import { AccessReader, Role } from '@osteo/auth';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { type AccountLanguage, languageOf } from '../../domain/account';
import { AccountLookup } from '../accounts/account-lookup';

/** One line of what the caller may reach: a role held from one owner, over some of their cabinets. */
export interface AccessGrantView {
  readonly ownerId: string;
  readonly role: Role;
  readonly cabinetIds: readonly string[];
}

export interface MyAccountView {
  readonly accountId: string;
  readonly email: string;
  readonly displayName: string;
  readonly kind: 'main' | 'specific';
  readonly mustChangePassword: boolean;
  /** A provisioned account named after its address: its holder has not chosen a name yet. */
  readonly mustChooseDisplayName: boolean;
  readonly language: AccountLanguage;
  /** False until the holder chooses (or the account was provisioned in its owner's language): the web may then offer the device's. */
  readonly languageChosen: boolean;
  readonly access: readonly AccessGrantView[];
}

/**
 * GET /me: the account from identity's own store (never stale for security-relevant fields) and
 * its access from identity's access projection (eventually consistent, like every read model).
 */
@Injectable()
export class ReadMyAccountQuery {
  constructor(
    private readonly accounts: AccountLookup,
    private readonly accessReader: AccessReader,
  ) {}

  async execute(accountId: string): Promise<MyAccountView> {
    const found = await this.accounts.byId(accountId);
    if (!found) throw new Rejection('unauthenticated', 'AUTH.UNAUTHENTICATED', 'This account no longer exists');
    const { email, displayName, displayNameChosen, kind, mustChangePassword } = found.account;
    return {
      accountId,
      email,
      displayName,
      kind,
      mustChangePassword,
      mustChooseDisplayName: !displayNameChosen,
      language: languageOf(found.account),
      languageChosen: found.account.language !== null,
      access: await this.accessOf(accountId),
    };
  }

  private async accessOf(accountId: string): Promise<AccessGrantView[]> {
    const byOwnerAndRole = new Map<string, { ownerId: string; role: Role; cabinetIds: string[] }>();
    for (const [cabinetId, standing] of (await this.accessReader.principalAccess(accountId)).cabinets) {
      for (const role of standing.roles) {
        const key = `${standing.ownerId}\u0000${role}`;
        const line = byOwnerAndRole.get(key) ?? { ownerId: standing.ownerId, role, cabinetIds: [] };
        line.cabinetIds.push(cabinetId);
        byOwnerAndRole.set(key, line);
      }
    }
    return [...byOwnerAndRole.values()].map((line) => ({ ...line, cabinetIds: line.cabinetIds.sort() }));
  }
}
