import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { ReadStore } from '@osteo/read-store';
import { PLANNING_PATIENTS, type CabinetPatient } from './cabinet-patients.projection';

/**
 * How long a booking waits for news of a patientId planning has never heard of: a patient
 * registered a moment ago reaches planning_patients within a second (records.events, then this
 * service's read-model group), so booking right after registering works; past it, refused.
 */
export const UNKNOWN_PATIENT_WAIT_MS = 2_000;
const POLL_EVERY_MS = 50;

/**
 * Whether a patientId names a live patient of the cabinet, from planning_patients (fed by
 * records.events). A patient of another cabinet, a deleted one and one nobody knows get the
 * same 400, so the check tells nobody which ids exist elsewhere. Lag never lets a foreign id in:
 * what is not known yet is waited for, briefly, then refused.
 */
@Injectable()
export class CabinetPatients {
  constructor(private readonly readStore: ReadStore) {}

  async requireBelongsTo(patientId: string, cabinetId: string): Promise<void> {
    const patients = this.readStore.collection<CabinetPatient>(PLANNING_PATIENTS);
    const giveUpAt = Date.now() + UNKNOWN_PATIENT_WAIT_MS;
    for (;;) {
      const patient = await patients.findOne({ _id: patientId });
      if (patient !== null) {
        if (patient.status === 'registered' && patient.cabinetId === cabinetId) return;
        break;
      }
      if (Date.now() >= giveUpAt) break;
      await sleep(POLL_EVERY_MS);
    }
    throw new Rejection('invalid', 'APPOINTMENT.UNKNOWN_PATIENT', 'patientId must be a patient record of this cabinet');
  }
}
