import { unreachable, type CommandMetadata, type Decider } from '@osteo/event-sourcing/decider';
import { Rejection } from '@osteo/event-sourcing/rejection';
import type { ReminderChannel } from './patient';

/**
 * What became of one appointment's reminder on one channel, once it was handed over or given up.
 * The schedule (what is planned, when, the attempts) is a read model; this stream is the durable
 * record that the message left, read before every hand-over, so a rebuilt schedule (the embedded
 * profile keeps its read models in memory) never sends a reminder twice.
 */
export type ReminderOutcome = {
  readonly reminderId: string;
  readonly appointmentId: string;
  readonly cabinetId: string;
  readonly channel: ReminderChannel;
  readonly attempts: number;
};

export type ReminderCommand =
  | { readonly type: 'RecordReminderSent'; readonly data: ReminderOutcome; readonly metadata: CommandMetadata }
  | { readonly type: 'RecordReminderFailed'; readonly data: ReminderOutcome & { readonly reason: string }; readonly metadata: CommandMetadata };

export type ReminderEvent =
  | { readonly type: 'ReminderSent'; readonly data: ReminderOutcome & { readonly sentAt: string } }
  | { readonly type: 'ReminderFailed'; readonly data: ReminderOutcome & { readonly reason: string } };

export type ReminderRecordState = { readonly status: 'pending' } | { readonly status: 'sent'; readonly sentAt: string } | { readonly status: 'failed' };

/** One reminder per appointment and channel: its id says which. */
export const reminderIdOf = (appointmentId: string, channel: ReminderChannel): string => `${appointmentId}.${channel}`;
export const reminderStreamId = (reminderId: string): string => `reminder-${reminderId}`;

function stillPending(state: ReminderRecordState): void {
  if (state.status !== 'pending') throw new Rejection('conflict', 'REMINDER.ALREADY_RECORDED', `This reminder was already ${state.status}`);
}

export const reminderDecider: Decider<ReminderCommand, ReminderEvent, ReminderRecordState> = {
  initialState: { status: 'pending' },

  decide(command, state) {
    switch (command.type) {
      case 'RecordReminderSent':
        stillPending(state);
        return [{ type: 'ReminderSent', data: { ...command.data, sentAt: command.metadata.now.toISOString() } }];
      case 'RecordReminderFailed':
        stillPending(state);
        return [{ type: 'ReminderFailed', data: command.data }];
      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ReminderSent':
        return { status: 'sent', sentAt: event.data.sentAt };
      case 'ReminderFailed':
        return { status: 'failed' };
      default:
        return unreachable(event);
    }
  },
};
