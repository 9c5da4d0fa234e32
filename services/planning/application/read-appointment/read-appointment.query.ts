import { Injectable } from '@nestjs/common';
import { AccessCheck, type Caller } from '@osteo/auth';
import { ReadStore, type ReadCollection } from '@osteo/read-store';
import { appointmentNotFound } from '../access/appointment-gate';
import { PLANNING_APPOINTMENTS, type AppointmentListing } from '../appointments/appointments.projection';
import { toAppointmentView, type AppointmentView } from '../list-appointments/list-appointments.query';

/** What the agenda lists, and the patient record the appointment points to, if any. */
export type AppointmentDetails = AppointmentView & { readonly patientId: string | null };

/** GET /appointments/:id, from the read model (a booking shows within a second). */
@Injectable()
export class ReadAppointmentQuery {
  private readonly appointments: ReadCollection<AppointmentListing>;

  constructor(
    readStore: ReadStore,
    private readonly access: AccessCheck,
  ) {
    this.appointments = readStore.collection<AppointmentListing>(PLANNING_APPOINTMENTS);
  }

  async execute(caller: Caller, appointmentId: string): Promise<AppointmentDetails> {
    const listing = await this.appointments.findOne({ _id: appointmentId });
    if (listing === null) throw appointmentNotFound();
    await this.access.require(caller.principal.accountId, 'appointment.read', { kind: 'cabinet', cabinetId: listing.cabinetId }, 'Appointment');
    return { ...toAppointmentView(listing), patientId: listing.patientId };
  }
}
