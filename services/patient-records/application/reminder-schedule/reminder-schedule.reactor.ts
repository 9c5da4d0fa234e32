import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Topics, type IntegrationEnvelope } from '@osteo/contracts';
import { EventStore, type StoreSubscription } from '@osteo/event-sourcing';
import { BusSubscription, EventBus, ProjectionRunner, subscribeProjection } from '@osteo/messaging';
import { asPrivateEnvelope, ReadStoreCheckpointStore } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import type { ReminderEvent } from '../../domain/reminder';
import { reminderAppointmentsProjection, reminderCabinetsProjection, reminderContactsProjection, reminderPractitionersProjection } from './reminder-inputs';
import { ReminderSchedule } from './reminder-schedule';
import { ReminderScheduleFeed } from './reminder-schedule-feed';

const CHECKPOINT = 'patient-records.reminder-schedule';

const POLL_EVERY_MS = 20;

/**
 * Keeps the reminder schedule: the planning, access and identity events it needs come from the
 * bus (its own consumer group), the patients' preferences and contacts and the reminders'
 * outcomes from this service's store. After each input is projected, the appointments it
 * concerns are reconciled with their plan; a redelivery projects and reconciles to the same.
 */
@Injectable()
export class ReminderScheduleReactor extends ReminderScheduleFeed implements OnApplicationBootstrap, OnModuleDestroy {
  private busSubscription: BusSubscription | null = null;
  private storeSubscription: StoreSubscription | null = null;
  private applied: string | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly bus: EventBus,
    private readonly schedule: ReminderSchedule,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedule.createIndexes();
    this.busSubscription = await subscribeProjection(this.bus, this.readStore, {
      groupId: CHECKPOINT,
      topics: [Topics.planning, Topics.access, Topics.identity],
      projections: [reminderAppointmentsProjection, reminderCabinetsProjection, reminderPractitionersProjection],
      afterApplied: ({ envelope }) => this.reconcileAfter(envelope),
    });
    const contacts = new ProjectionRunner(this.readStore, [reminderContactsProjection]);
    const checkpoints = new ReadStoreCheckpointStore(this.readStore);
    this.applied = await checkpoints.load(CHECKPOINT);
    this.storeSubscription = this.store.subscribeToAll({
      after: this.applied ?? undefined,
      onEvent: async (recorded) => {
        const envelope = asPrivateEnvelope(recorded);
        if (reminderContactsProjection.handles.includes(envelope.type)) {
          await contacts.apply(envelope);
          await this.schedule.reconcilePatient(String(envelope.data.patientId), envelope.occurredAt);
        } else if (envelope.type === 'ReminderSent' || envelope.type === 'ReminderFailed') {
          await this.schedule.recordOutcome({ type: envelope.type, data: envelope.data } as ReminderEvent);
        }
        await checkpoints.save(CHECKPOINT, recorded.position);
        this.applied = recorded.position;
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.busSubscription?.close();
    await this.storeSubscription?.close();
  }

  async caughtUpWithStore(): Promise<void> {
    for (;;) {
      const [unapplied] = await this.store.readAll({ after: this.applied ?? undefined, maxCount: 1 });
      if (unapplied === undefined) return;
      await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
    }
  }

  private async reconcileAfter(envelope: IntegrationEnvelope): Promise<void> {
    const changedAt = new Date(envelope.occurredAt).toISOString();
    if (reminderAppointmentsProjection.handles.includes(envelope.type)) await this.schedule.reconcileAppointment(String(envelope.data.appointmentId));
    else if (reminderCabinetsProjection.handles.includes(envelope.type)) await this.schedule.reconcileCabinet(String(envelope.data.cabinetId), changedAt);
  }
}
