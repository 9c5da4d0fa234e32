import type { IntegrationEnvelope } from '../envelope';
import type { JsonSchema, PublicEventContract } from '../json-schema';
import { Topics } from '../topics';

/**
 * What planning tells the platform: ids and times. Neither the patient's name nor the reason of
 * the visit leaves planning (topics are kept forever and cannot be crypto-shredded; who needs the
 * name asks planning's API, which erases it with the patient). Stream id and key:
 * `appointment-<appointmentId>`.
 */
export type AppointmentBookedV2 = Omit<AppointmentBookedV1, 'patientName'>;

/** Published before version 2: it carried the name typed at booking. Still read where topics keep it. */
export type AppointmentBookedV1 = {
  readonly appointmentId: string;
  readonly cabinetId: string;
  readonly ownerId: string;
  /** An accountId: who will see the patient. */
  readonly practitionerId: string;
  readonly patientName: string;
  readonly patientId: string | null;
  /** ISO-8601 with offset. */
  readonly start: string;
  readonly end: string;
};
export type AppointmentMovedV1 = { readonly appointmentId: string; readonly cabinetId: string; readonly practitionerId: string; readonly start: string; readonly end: string };
export type AppointmentCancelledV1 = { readonly appointmentId: string; readonly cabinetId: string; readonly practitionerId: string };

export type PlanningPublicEvent =
  | IntegrationEnvelope<'AppointmentBooked', AppointmentBookedV2>
  | IntegrationEnvelope<'AppointmentBooked', AppointmentBookedV1>
  | IntegrationEnvelope<'AppointmentMoved', AppointmentMovedV1>
  | IntegrationEnvelope<'AppointmentCancelled', AppointmentCancelledV1>;

const id: JsonSchema = { type: 'string', minLength: 1, maxLength: 64 };
const instant: JsonSchema = { type: 'string', format: 'date-time' };
const object = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: 'object', additionalProperties: false, required: Object.keys(properties), properties });

export const planningEventContracts: readonly PublicEventContract[] = [
  {
    type: 'AppointmentBooked',
    version: 2,
    topic: Topics.planning,
    description: "An appointment was booked for a practitioner in a cabinet: ids and times, neither the patient's name nor the reason (ask planning's API).",
    dataSchema: object({
      appointmentId: id,
      cabinetId: id,
      ownerId: id,
      practitionerId: id,
      patientId: { type: ['string', 'null'], maxLength: 64 },
      start: instant,
      end: instant,
    }),
  },
  {
    type: 'AppointmentBooked',
    version: 1,
    topic: Topics.planning,
    description: "Version 1, published before version 2 and no longer: it carried the patient's name as typed at booking. Consumers still read it where topics keep it.",
    dataSchema: object({
      appointmentId: id,
      cabinetId: id,
      ownerId: id,
      practitionerId: id,
      patientName: { type: 'string', minLength: 1, maxLength: 200 },
      patientId: { type: ['string', 'null'], maxLength: 64 },
      start: instant,
      end: instant,
    }),
  },
  { type: 'AppointmentMoved', version: 1, topic: Topics.planning, description: 'An appointment moved to another time.', dataSchema: object({ appointmentId: id, cabinetId: id, practitionerId: id, start: instant, end: instant }) },
  { type: 'AppointmentCancelled', version: 1, topic: Topics.planning, description: 'An appointment was cancelled; its slot is free again.', dataSchema: object({ appointmentId: id, cabinetId: id, practitionerId: id }) },
];
