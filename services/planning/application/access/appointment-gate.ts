import { Injectable } from '@nestjs/common';
import { AccessCheck, type Action, type Caller } from '@osteo/auth';
import { EventStore, loadAggregate, type StreamRevision } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { appointmentDecider, appointmentStreamId, type ExistingAppointment } from '../../domain/appointment';

/** AccessCheck's answer for a cabinet the caller cannot see: an appointment that does not exist must look the same. */
export const appointmentNotFound = (): Rejection => new Rejection('not_found', 'RESOURCE.NOT_FOUND', 'Appointment not found');

/**
 * Before changing an appointment: the caller's role in its cabinet, the cabinet read from the
 * appointment's own stream rather than a read model, so one booked a moment ago can be moved or
 * cancelled at once. Returns the appointment and the revision it was checked at.
 */
@Injectable()
export class AppointmentGate {
  constructor(
    private readonly store: EventStore,
    private readonly access: AccessCheck,
  ) {}

  async require(caller: Caller, appointmentId: string, action: Action): Promise<{ appointment: ExistingAppointment; revision: StreamRevision }> {
    const { state, revision } = await loadAggregate(this.store, appointmentStreamId(appointmentId), appointmentDecider);
    if (state.status === 'absent') throw appointmentNotFound();
    await this.access.require(caller.principal.accountId, action, { kind: 'cabinet', cabinetId: state.cabinetId }, 'Appointment');
    return { appointment: state, revision };
  }
}
