import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { type IntegrationEnvelope, Topics } from '@osteo/contracts';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { type BusSubscription, EventBus, UnknownEventVersionError } from '@osteo/messaging';
import { SubjectKeyStore } from '@osteo/personal-data';
import { Clock, EventFlowMetrics } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import { appointmentDecider, appointmentStreamId } from '../../domain/appointment';
import { AppointmentsReactor } from '../appointments/appointments.reactor';
import { PLANNING_APPOINTMENTS, type AppointmentListing } from '../appointments/appointments.projection';

export const PATIENT_ERASURE_GROUP = 'planning.patient-erasure';

/**
 * When patient-records deletes a patient (PatientDeleted on records.events), planning forgets
 * what it was told of them: it erases the patient's key in its own key store, so the name and
 * reason of every appointment naming the record read erased from the store (rebuilds, replays,
 * appointments not yet in the agenda), then says so in each appointment's stream, so the agenda,
 * which copied the name, forgets it too. Its own consumer group: erasing is no read model, and
 * must not wait behind one, nor be reset with one.
 *
 * Safe to read again (redelivery, a reset group, the in-process bus replaying at each start):
 * erasing an erased key is no error, and an appointment already erased decides nothing. Order:
 * the key first, then the agenda caught up with the store, then searched, so an appointment whose
 * booking was read just before the key went is found, and one read after is erased by the store.
 */
@Injectable()
export class PatientErasureReactor implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription: BusSubscription | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly keys: SubjectKeyStore,
    private readonly agenda: AppointmentsReactor,
    private readonly clock: Clock,
    private readonly metrics: EventFlowMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.readStore.collection<AppointmentListing>(PLANNING_APPOINTMENTS).createIndex({ keys: { patientId: 1 } });
    // Its lag is how long a deleted patient's name stays on planning's agenda.
    this.metrics.watchConsumerGroup({ groupId: PATIENT_ERASURE_GROUP, topics: [Topics.records] });
    this.subscription = await this.bus.subscribe({
      groupId: PATIENT_ERASURE_GROUP,
      topics: [Topics.records],
      handle: ({ envelope }) => this.react(envelope),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }

  private async react(envelope: IntegrationEnvelope): Promise<void> {
    if (envelope.type !== 'PatientDeleted') return;
    if (envelope.version !== 1) throw new UnknownEventVersionError(envelope, PATIENT_ERASURE_GROUP, [1]);
    const patientId = String(envelope.data.patientId);
    await this.keys.erase(patientId);
    await this.agenda.caughtUp();
    const appointments = await this.readStore.collection<AppointmentListing>(PLANNING_APPOINTMENTS).find({ patientId });
    for (const { appointmentId } of appointments) {
      await handleCommand(this.store, appointmentStreamId(appointmentId), appointmentDecider, {
        type: 'ErasePatientDetails',
        data: {},
        metadata: { now: this.clock.now(), causationId: envelope.eventId, correlationId: envelope.correlationId ?? undefined },
      });
    }
  }
}
