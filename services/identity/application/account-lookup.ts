import { Injectable } from '@nestjs/common';
import { EventStore, loadAggregate } from '@osteo/event-sourcing';
import { AccountState, accountDecider, accountStreamId } from '../domain/account';
import { normalizeEmail } from '../domain/email-address';
import { emailReservationDecider, emailReservationStreamId } from '../domain/email-reservation';

export type ActiveAccount = Extract<AccountState, { status: 'active' }>;

/**
 * Reads accounts straight from the event store: authentication must never act on a read model
 * that lags behind (a password just changed, an account just created).
 */
@Injectable()
export class AccountLookup {
  constructor(private readonly store: EventStore) {}

  async byId(accountId: string): Promise<{ account: ActiveAccount; revision: number } | null> {
    const { state, revision } = await loadAggregate(this.store, accountStreamId(accountId), accountDecider);
    return state.status === 'active' && revision !== 'no_stream' ? { account: state, revision } : null;
  }

  async byEmail(email: string): Promise<ActiveAccount | null> {
    const reservation = await loadAggregate(this.store, emailReservationStreamId(normalizeEmail(email)), emailReservationDecider);
    if (reservation.state.accountId === null) return null;
    return (await this.byId(reservation.state.accountId))?.account ?? null;
  }
}
