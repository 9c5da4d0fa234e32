import type { IntegrationEnvelope } from '../envelope';
import type { JsonSchema, PublicEventContract } from '../json-schema';
import { Topics } from '../topics';

/**
 * What planning tells the platform. The appointment's reason stays in planning: published events
 * carry ids, times and the name shown on the agenda, nothing clinical. Stream id and key:
 * `appointment-<appointmentId>`.
 */
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
  | IntegrationEnvelope<'AppointmentBooked', AppointmentBookedV1>
  | IntegrationEnvelope<'AppointmentMoved', AppointmentMovedV1>
  | IntegrationEnvelope<'AppointmentCancelled', AppointmentCancelledV1>;

const id: JsonSchema = { type: 'string', minLength: 1, maxLength: 64 };
const instant: JsonSchema = { type: 'string', format: 'date-time' };
const object = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: 'object', additionalProperties: false, required: Object.keys(properties), properties });

export const planningEventContracts: readonly PublicEventContract[] = [
  {
    type: 'AppointmentBooked',
    version: 1,
    topic: Topics.planning,
    description: 'An appointment was booked for a practitioner in a practice.',
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
