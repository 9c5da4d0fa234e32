import { Injectable } from '@nestjs/common';
import { type CommandMetadata, DomainError, EventStore, handleCommand, loadAggregate } from '@osteo/event-sourcing';
import { accountDecider, accountStreamId } from '../domain/account';
import { emailReservationDecider, emailReservationStreamId } from '../domain/email-reservation';

/** Reserves an e-mail address before its account is written, for registration and provisioning alike. */
@Injectable()
export class EmailReservations {
  constructor(private readonly store: EventStore) {}

  /**
   * Returns the account id the address is now reserved for: `accountId`, or the id of an earlier
   * reservation whose account was never written (a crash between the two appends), which is
   * completed rather than left to block the address forever. An address in use is taken.
   */
  async reserve(normalizedEmail: string, accountId: string, metadata: CommandMetadata): Promise<string> {
    const streamId = emailReservationStreamId(normalizedEmail);
    try {
      await handleCommand(this.store, streamId, emailReservationDecider, { type: 'ReserveEmail', data: { email: normalizedEmail, accountId }, metadata });
      return accountId;
    } catch (error) {
      const reservedFor = (await loadAggregate(this.store, streamId, emailReservationDecider)).state.accountId;
      if (reservedFor === null) throw error;
      const account = await loadAggregate(this.store, accountStreamId(reservedFor), accountDecider);
      if (account.state.status === 'absent') return reservedFor;
      throw new DomainError('ACCOUNT.EMAIL_TAKEN', 'conflict', 'An account already uses this e-mail address');
    }
  }
}
