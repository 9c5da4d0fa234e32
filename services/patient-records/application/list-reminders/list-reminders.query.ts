import { Injectable } from '@nestjs/common';
import { AccessCheck, type Caller } from '@osteo/auth';
import { Rejection } from '@osteo/event-sourcing/rejection';
import type { ReminderChannel } from '../../domain/patient';
import type { ReminderState } from '../reminder-schedule/reminder-plan';
import { ReminderSchedule } from '../reminder-schedule/reminder-schedule';

/** One reminder as the agenda shows it; an appointment without any has none. */
export interface ReminderView {
  readonly appointmentId: string;
  readonly channel: ReminderChannel;
  readonly state: ReminderState;
  readonly dueAt: string;
  readonly sentAt: string | null;
  readonly attempts: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** As the agenda's listing: any calendar view, while a request stays a bounded read. */
const MAX_RANGE_DAYS = 62;

/**
 * GET /reminders?cabinetId&from&to: the reminders of the cabinet's appointments that start in the
 * range, for whoever may read its appointments (the agenda's rule).
 */
@Injectable()
export class ListRemindersQuery {
  constructor(
    private readonly schedule: ReminderSchedule,
    private readonly access: AccessCheck,
  ) {}

  async execute(caller: Caller, cabinetId: string, range: { readonly from: string; readonly to: string }): Promise<ReminderView[]> {
    await this.access.require(caller.principal.accountId, 'appointment.read', { kind: 'cabinet', cabinetId }, 'Cabinet');
    const from = Date.parse(range.from);
    const to = Date.parse(range.to);
    if (!(to > from)) throw new Rejection('invalid', 'REMINDER.INVALID_RANGE', 'to must be after from');
    if (to - from > MAX_RANGE_DAYS * DAY_MS) throw new Rejection('invalid', 'REMINDER.INVALID_RANGE', `from and to must be ${MAX_RANGE_DAYS} days apart at most`);
    const found = await this.schedule.reminders.find(
      { cabinetId, startsAt: { $gte: new Date(from).toISOString(), $lt: new Date(to).toISOString() } },
      { sort: { startsAt: 1, _id: 1 } },
    );
    return found.map(({ appointmentId, channel, state, dueAt, sentAt, attempts }) => ({ appointmentId, channel, state, dueAt, sentAt, attempts }));
  }
}
