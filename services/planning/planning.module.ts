import { Module } from '@nestjs/common';
import { Topics } from '@osteo/contracts';
import { AccessModule, asPrivateEnvelope, ServiceInfrastructureModule } from '@osteo/platform';
import { PractitionerAgenda } from './application/agenda/practitioner-agenda';
import { AppointmentGate } from './application/access/appointment-gate';
import { AppointmentsReactor } from './application/appointments/appointments.reactor';
import { appointmentsProjection } from './application/appointments/appointments.projection';
import { BookAppointmentHandler } from './application/book-appointment/book-appointment.handler';
import { CancelAppointmentHandler } from './application/cancel-appointment/cancel-appointment.handler';
import { ChangeAppointmentHandler } from './application/change-appointment/change-appointment.handler';
import { ListAppointmentsQuery } from './application/list-appointments/list-appointments.query';
import { planningPersonalData } from './application/personal-data/planning-personal-data';
import { PatientErasureReactor } from './application/patient-erasure/patient-erasure.reactor';
import { CabinetPatients } from './application/cabinet-patients/cabinet-patients';
import { cabinetPatientsProjection } from './application/cabinet-patients/cabinet-patients.projection';
import { CabinetPractitioners } from './application/book-appointment/cabinet-practitioners';
import { toPlanningPublicEvent } from './application/publishing/planning-public-events';
import { ReadAppointmentQuery } from './application/read-appointment/read-appointment.query';
import { AppointmentsController } from './interface/appointments.controller';
import { CabinetAppointmentsController } from './interface/cabinet-appointments.controller';

const infrastructure = ServiceInfrastructureModule.forService({
  name: 'planning',
  publishes: { topic: Topics.planning, toIntegrationEvent: toPlanningPublicEvent },
  // records.events: which cabinet each patient belongs to (ids only), so a booking names only a patient of its cabinet.
  projections: { topics: [Topics.records], projections: [cabinetPatientsProjection] },
  rebuildable: { appointments: { projection: appointmentsProjection, fedBy: asPrivateEnvelope } },
  personalData: planningPersonalData,
});

/**
 * Appointments per cabinet and practitioner, with no double booking of a practitioner. The name
 * typed at booking and the reason are personal data: encrypted in planning's store with the
 * patient's key (or the appointment's), erased when patient-records deletes the patient, never
 * published; the agenda is fed from planning's own store (application/appointments/appointments.reactor.ts).
 */
@Module({
  imports: [infrastructure, AccessModule.over(infrastructure)],
  controllers: [CabinetAppointmentsController, AppointmentsController],
  providers: [
    AppointmentGate,
    CabinetPractitioners,
    CabinetPatients,
    PractitionerAgenda,
    BookAppointmentHandler,
    ChangeAppointmentHandler,
    CancelAppointmentHandler,
    ListAppointmentsQuery,
    ReadAppointmentQuery,
    AppointmentsReactor,
    PatientErasureReactor,
  ],
})
export class PlanningModule {}
