import { Injectable } from '@nestjs/common';
import { Caller, commandMetadata } from '@osteo/auth';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { patientDecider, patientStreamId, type ReminderPreferences } from '../../domain/patient';
import { PatientRecordGate } from '../access/patient-record-gate';

/**
 * PUT /patients/:id/reminder-preferences: how the patient agreed to be reminded of appointments.
 * Whoever may change the record may record the patient's choice; the reminder schedule follows.
 */
@Injectable()
export class SetReminderPreferencesHandler {
  constructor(
    private readonly store: EventStore,
    private readonly records: PatientRecordGate,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, patientId: string, preferences: ReminderPreferences): Promise<void> {
    await this.records.patient(caller, patientId, 'patient.write');
    await handleCommand(this.store, patientStreamId(patientId), patientDecider, {
      type: 'SetReminderPreferences',
      data: { channels: preferences.channels, consentDate: preferences.consentDate },
      metadata: commandMetadata(caller, this.clock.now()),
    });
  }
}
