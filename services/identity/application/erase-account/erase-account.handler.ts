import { Injectable } from '@nestjs/common';
import { AccessReader, type Caller, commandMetadata, isDelegationInForce } from '@osteo/auth';
import { EventStore, handleCommand, loadAggregate } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { SubjectKeyStore } from '@osteo/personal-data';
import { Clock } from '@osteo/platform';
import { accountDecider, accountStreamId } from '../../domain/account';
import { normalizeEmail } from '../../domain/email-address';
import { EmailReservations } from '../accounts/email-reservations';

/**
 * The right to erasure of a specific account, asked by the owner whose delegation created it, once
 * no delegation to it is in force (its holder would lose an access another owner may still give).
 * Frees the address, ends its sessions everywhere (AccountErased), then erases its key, so its
 * address and name read as erased. Who may ask, and who gets 404 or 403: README, DELETE /accounts.
 */
@Injectable()
export class EraseAccountHandler {
  constructor(
    private readonly store: EventStore,
    private readonly access: AccessReader,
    private readonly clock: Clock,
    private readonly keys: SubjectKeyStore,
    private readonly emailReservations: EmailReservations,
  ) {}

  async execute(caller: Caller, accountId: string): Promise<void> {
    const callerId = caller.principal.accountId;
    if (callerId === accountId) throw notErasableByCaller();
    const delegations = await this.access.delegationsGrantedTo(accountId);
    const fromCaller = delegations.filter((delegation) => delegation.ownerId === callerId);
    if (fromCaller.length === 0) throw notFound();

    const { state } = await loadAggregate(this.store, accountStreamId(accountId), accountDecider);
    if (state.status === 'absent') throw notFound();
    if (state.status === 'active') {
      const creator = delegations.find((delegation) => delegation.delegationId === state.provisionedForDelegationId)?.ownerId;
      if (creator !== callerId) throw notErasableByCaller();
      const now = this.clock.now();
      if (delegations.some((delegation) => isDelegationInForce(delegation, now))) {
        throw new Rejection('conflict', 'ACCOUNT.DELEGATION_IN_FORCE', 'A delegation to this account is still in force: revoke it first');
      }
    }

    const metadata = commandMetadata(caller, this.clock.now());
    // The address is freed first, while it can still be read: after a crash, the retry finds the
    // account not yet erased and does it again (a release already done changes nothing).
    if (state.status === 'active' && state.kind === 'specific') await this.emailReservations.release(normalizeEmail(state.email), accountId, metadata);
    // Erased already: nothing more is recorded, and the key is erased again (a retry after a failure).
    await handleCommand(this.store, accountStreamId(accountId), accountDecider, { type: 'EraseAccount', data: {}, metadata });
    // No wait for the outbox (unlike a patient's): nothing published later needs the key, and an
    // AccountRegistered still unpublished goes out named as erased, which it now is.
    await this.keys.erase(accountId);
  }
}

const notFound = () => new Rejection('not_found', 'ACCOUNT.NOT_FOUND', 'No such account among those you delegated to');
const notErasableByCaller = () =>
  new Rejection('forbidden', 'ACCOUNT.ERASURE_NOT_ALLOWED', 'Only the owner whose delegation created this account may erase it');
