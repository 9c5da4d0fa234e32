import { specFor } from '@osteo/event-sourcing/decider-spec';
import { reminderDecider, type ReminderCommand, type ReminderEvent, type ReminderOutcome } from './reminder';

const metadata = { now: new Date('2026-03-02T08:00:00.000Z') };
const outcome: ReminderOutcome = { reminderId: 'apt-1.sms', appointmentId: 'apt-1', cabinetId: 'cab-lyon', channel: 'sms', attempts: 1 };
const sent: ReminderEvent = { type: 'ReminderSent', data: { ...outcome, sentAt: '2026-03-02T08:00:00.000Z' } };
const failed: ReminderEvent = { type: 'ReminderFailed', data: { ...outcome, reason: 'refused' } };
const recordSent: ReminderCommand = { type: 'RecordReminderSent', data: outcome, metadata };
const recordFailed: ReminderCommand = { type: 'RecordReminderFailed', data: { ...outcome, reason: 'refused' }, metadata };

describe('reminder decider', () => {
  const spec = specFor(reminderDecider);

  it('given nothing recorded, when the hand-over is recorded, then ReminderSent at that moment', () => {
    spec.given([]).when(recordSent).then([sent]);
  });

  it('given a reminder sent, when another instance records it sent, then REMINDER.ALREADY_RECORDED: the second hand-over shows', () => {
    spec.given([sent]).when(recordSent).thenThrows('REMINDER.ALREADY_RECORDED');
  });

  it('given nothing recorded, when it is given up, then ReminderFailed; and nothing is recorded after', () => {
    spec.given([]).when(recordFailed).then([failed]);
    spec.given([failed]).when(recordSent).thenThrows('REMINDER.ALREADY_RECORDED');
  });
});
