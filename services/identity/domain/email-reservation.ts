import { type CommandMetadata, type Decider } from '@osteo/event-sourcing/decider';
import { Rejection } from '@osteo/event-sourcing/rejection';

/**
 * One stream per e-mail address, created with "no stream" expected: the event store itself
 * guarantees that two registrations racing for one address cannot both win. The stream is named
 * by the address's keyed digest, not the address: stream names are never encrypted nor erased.
 */
export type EmailReservationCommand =
  | {
      readonly type: 'ReserveEmail';
      readonly data: { readonly accountId: string };
      readonly metadata: CommandMetadata;
    }
  | {
      /** Its account is being erased: the address is free for whoever comes next (a new grant, a registration). */
      readonly type: 'ReleaseEmail';
      readonly data: { readonly accountId: string };
      readonly metadata: CommandMetadata;
    };

export type EmailReservationEvent =
  | {
      readonly type: 'EmailReserved';
      /** `email`: only in reservations written before #11, under their legacy stream name. */
      readonly data: { readonly accountId: string; readonly reservedAt: string; readonly email?: string };
    }
  | {
      readonly type: 'EmailReleased';
      readonly data: { readonly accountId: string; readonly releasedAt: string };
    };

export type EmailReservationState = { readonly accountId: string | null };

/** `emailDigest`: EmailDigests.of(address), 64 hex characters. */
export const emailReservationStreamId = (emailDigest: string): string => `email-${emailDigest}`;

/**
 * Where reservations were written before #11, named by the address itself. Still read, so that
 * their addresses stay taken and their accounts can log in; never written again.
 */
export const legacyEmailReservationStreamId = (normalizedEmail: string): string => `email-${normalizedEmail}`;

export const emailReservationDecider: Decider<EmailReservationCommand, EmailReservationEvent, EmailReservationState> = {
  initialState: { accountId: null },
  decide(command, state) {
    if (command.type === 'ReleaseEmail') {
      // Only the holder's own release counts: a retry after someone else took the address changes nothing.
      if (state.accountId !== command.data.accountId) return [];
      return [{ type: 'EmailReleased', data: { accountId: command.data.accountId, releasedAt: command.metadata.now.toISOString() } }];
    }
    if (state.accountId !== null) {
      throw new Rejection('conflict', 'ACCOUNT.EMAIL_TAKEN', 'An account already uses this e-mail address');
    }
    return [{ type: 'EmailReserved', data: { accountId: command.data.accountId, reservedAt: command.metadata.now.toISOString() } }];
  },
  evolve(_state, event) {
    return { accountId: event.type === 'EmailReserved' ? event.data.accountId : null };
  },
};
