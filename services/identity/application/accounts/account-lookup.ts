import { Injectable } from '@nestjs/common';
import { EventStore, loadAggregate } from '@osteo/event-sourcing';
import { AccountState, accountDecider, accountStreamId } from '../../domain/account';
import { normalizeEmail } from '../../domain/email-address';
import { EmailReservations } from './email-reservations';

export type ActiveAccount = Extract<AccountState, { status: 'active' }>;

/**
 * Reads accounts straight from the event store: authentication must never act on a read model
 * that lags behind (a password just changed, an account just created).
 */
@Injectable()
export class AccountLookup {
  constructor(
    private readonly store: EventStore,
    private readonly emailReservations: EmailReservations,
  ) {}

  async byId(accountId: string): Promise<{ account: ActiveAccount; revision: number } | null> {
    const { state, revision } = await loadAggregate(this.store, accountStreamId(accountId), accountDecider);
    return state.status === 'active' && revision !== 'no_stream' ? { account: state, revision } : null;
  }

  async byEmail(email: string): Promise<ActiveAccount | null> {
    const accountId = await this.emailReservations.holderOf(normalizeEmail(email));
    if (accountId === null) return null;
    return (await this.byId(accountId))?.account ?? null;
  }
}
