import { Injectable } from '@nestjs/common';
import { type CommandMetadata, EventStore, handleCommand, loadAggregate } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { EmailDigests } from '@osteo/platform';
import { accountDecider, accountStreamId } from '../../domain/account';
import { emailReservationDecider, emailReservationStreamId, legacyEmailReservationStreamId } from '../../domain/email-reservation';

/** Reserves an e-mail address before its account is written, for registration and provisioning alike. */
@Injectable()
export class EmailReservations {
  constructor(
    private readonly store: EventStore,
    private readonly digests: EmailDigests,
  ) {}

  /**
   * Returns the account id the address is now reserved for: `accountId`, or the id of an earlier
   * reservation whose account was never written (a crash between the two appends), which is
   * completed rather than left to block the address forever. An address in use is taken.
   */
  async reserve(normalizedEmail: string, accountId: string, metadata: CommandMetadata): Promise<string> {
    const legacyHolder = await this.legacyHolderOf(normalizedEmail);
    if (legacyHolder !== null) return this.completedOrTaken(legacyHolder);
    const streamId = emailReservationStreamId(this.digests.of(normalizedEmail));
    try {
      await handleCommand(this.store, streamId, emailReservationDecider, { type: 'ReserveEmail', data: { accountId }, metadata });
      return accountId;
    } catch (error) {
      const reservedFor = (await loadAggregate(this.store, streamId, emailReservationDecider)).state.accountId;
      if (reservedFor === null) throw error;
      return this.completedOrTaken(reservedFor);
    }
  }

  /**
   * Frees the address of an account being erased, under either stream name, if that account
   * still holds it. Before the account's key goes: the address is unreadable after, and with it
   * the name of its reservation.
   */
  async release(normalizedEmail: string, accountId: string, metadata: CommandMetadata): Promise<void> {
    for (const streamId of [emailReservationStreamId(this.digests.of(normalizedEmail)), legacyEmailReservationStreamId(normalizedEmail)]) {
      const { state } = await loadAggregate(this.store, streamId, emailReservationDecider);
      if (state.accountId !== accountId) continue;
      await handleCommand(this.store, streamId, emailReservationDecider, { type: 'ReleaseEmail', data: { accountId }, metadata });
    }
  }

  /** The account the address is reserved for, under either stream name; null: free. */
  async holderOf(normalizedEmail: string): Promise<string | null> {
    const reservation = await loadAggregate(this.store, emailReservationStreamId(this.digests.of(normalizedEmail)), emailReservationDecider);
    return reservation.state.accountId ?? (await this.legacyHolderOf(normalizedEmail));
  }

  /** A reservation written before #11 (named by the address itself) still holds its address. */
  private async legacyHolderOf(normalizedEmail: string): Promise<string | null> {
    return (await loadAggregate(this.store, legacyEmailReservationStreamId(normalizedEmail), emailReservationDecider)).state.accountId;
  }

  private async completedOrTaken(reservedFor: string): Promise<string> {
    const account = await loadAggregate(this.store, accountStreamId(reservedFor), accountDecider);
    if (account.state.status === 'absent') return reservedFor;
    throw new Rejection('conflict', 'ACCOUNT.EMAIL_TAKEN', 'An account already uses this e-mail address');
  }
}
