import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AccessCheck, AccessReader, type Caller } from '@osteo/auth';
import { cabinetTimeZoneOf } from '@osteo/contracts';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { Clock } from '@osteo/platform';
import { ReadStore, type ReadCollection } from '@osteo/read-store';
import { MAX_APPOINTMENT_DURATION_MS } from '../../domain/appointment';
import { utcInstant, type TimeSlot } from '../../domain/time-slot';
import { weekIn } from '../../domain/zoned-week';
import { PLANNING_APPOINTMENTS, type AppointmentListing } from '../appointments/appointments.projection';

/** One appointment as GET /cabinets/:id/appointments lists it (PRODUCT.md). */
export interface AppointmentView {
  readonly appointmentId: string;
  readonly cabinetId: string;
  readonly practitionerId: string;
  readonly patientName: string;
  readonly start: string;
  readonly end: string;
  readonly status: AppointmentListing['status'];
}

export const toAppointmentView = ({ appointmentId, cabinetId, practitionerId, patientName, start, end, status }: AppointmentListing): AppointmentView => ({
  appointmentId,
  cabinetId,
  practitionerId,
  patientName,
  start,
  end,
  status,
});

/** ISO-8601 with an offset; both or neither. */
export interface AppointmentRange {
  readonly from?: string;
  readonly to?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Two months of agenda: any calendar view, while a request stays a bounded read. */
export const MAX_RANGE_DAYS = 62;

/**
 * GET /cabinets/:id/appointments: the cabinet's appointments that overlap the range, cancelled
 * ones included (the status says so), by start time.
 */
@Injectable()
export class ListAppointmentsQuery implements OnApplicationBootstrap {
  private readonly appointments: ReadCollection<AppointmentListing>;

  constructor(
    readStore: ReadStore,
    private readonly access: AccessCheck,
    private readonly reader: AccessReader,
    private readonly clock: Clock,
  ) {
    this.appointments = readStore.collection<AppointmentListing>(PLANNING_APPOINTMENTS);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.appointments.createIndex({ keys: { cabinetId: 1, start: 1 } });
  }

  async execute(caller: Caller, cabinetId: string, range: AppointmentRange): Promise<AppointmentView[]> {
    await this.access.require(caller.principal.accountId, 'appointment.read', { kind: 'cabinet', cabinetId }, 'Cabinet');
    const window = await this.windowOf(cabinetId, range);
    // No appointment lasts longer than the domain allows, so one overlapping the window starts at
    // most that long before it: the (cabinetId, start) index bounds the scan on both sides.
    const earliestStart = new Date(Date.parse(window.start) - MAX_APPOINTMENT_DURATION_MS).toISOString();
    const found = await this.appointments.find(
      { cabinetId, start: { $gte: earliestStart, $lt: window.end }, end: { $gt: window.start } },
      { sort: { start: 1, _id: 1 } },
    );
    return found.map(toAppointmentView);
  }

  private async windowOf(cabinetId: string, range: AppointmentRange): Promise<TimeSlot> {
    if (range.from === undefined && range.to === undefined) {
      const cabinet = await this.reader.cabinet(cabinetId);
      return weekIn(cabinet === null ? 'UTC' : cabinetTimeZoneOf(cabinet), this.clock.now());
    }
    if (range.from === undefined || range.to === undefined) {
      throw new Rejection('invalid', 'APPOINTMENT.INVALID_RANGE', 'Give both from and to, or neither for the current week');
    }
    const window = { start: utcInstant(range.from), end: utcInstant(range.to) };
    if (window.end <= window.start) throw new Rejection('invalid', 'APPOINTMENT.INVALID_RANGE', 'to must be after from');
    if (Date.parse(window.end) - Date.parse(window.start) > MAX_RANGE_DAYS * DAY_MS) {
      throw new Rejection('invalid', 'APPOINTMENT.INVALID_RANGE', `from and to must be ${MAX_RANGE_DAYS} days apart at most`);
    }
    return window;
  }
}
