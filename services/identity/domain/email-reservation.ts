import { DomainError, type CommandMetadata, type Decider } from '@osteo/event-sourcing/decider';

/**
 * One stream per e-mail address, created with "no stream" expected: the event store itself
 * guarantees that two registrations racing for one address cannot both win.
 */
export type EmailReservationCommand = {
  readonly type: 'ReserveEmail';
  readonly data: { readonly email: string; readonly accountId: string };
  readonly metadata: CommandMetadata;
};

export type EmailReservationEvent = {
  readonly type: 'EmailReserved';
  readonly data: { readonly email: string; readonly accountId: string; readonly reservedAt: string };
};

export type EmailReservationState = { readonly accountId: string | null };

export const emailReservationStreamId = (normalizedEmail: string): string => `email-${normalizedEmail}`;

export const emailReservationDecider: Decider<EmailReservationCommand, EmailReservationEvent, EmailReservationState> = {
  initialState: { accountId: null },
  decide(command, state) {
    if (state.accountId !== null) {
      throw new DomainError('ACCOUNT.EMAIL_TAKEN', 'conflict', 'An account already uses this e-mail address');
    }
    return [{ type: 'EmailReserved', data: { ...command.data, reservedAt: command.metadata.now.toISOString() } }];
  },
  evolve(_state, event) {
    return { accountId: event.data.accountId };
  },
};
