import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Topics, type IntegrationEnvelope } from '@osteo/contracts';
import { EventStore, type RecordedEvent } from '@osteo/event-sourcing';
import { applyDocumentProjectionRun, BusSubscription, EventBus, subscribeProjection } from '@osteo/messaging';
import { asPrivateEnvelope, SealedPracticeContacts, StoreRunFeed } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import type { ReminderEvent } from '../../domain/reminder';
import { REMINDER_CABINET_EVENTS, reminderAppointmentsProjection, reminderCabinetsProjection, reminderContactsProjection, reminderPractitionersProjection } from './reminder-inputs';
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
  private storeFeed: StoreRunFeed | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly bus: EventBus,
    private readonly schedule: ReminderSchedule,
    private readonly practiceContacts: SealedPracticeContacts,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedule.createIndexes();
    this.busSubscription = await subscribeProjection(this.bus, this.readStore, {
      groupId: CHECKPOINT,
      topics: [Topics.planning, Topics.access, Topics.identity],
      projections: [reminderAppointmentsProjection, reminderCabinetsProjection(this.practiceContacts), reminderPractitionersProjection],
      afterApplied: ({ envelope }) => this.reconcileAfter(envelope),
    });
    this.storeFeed = new StoreRunFeed({ store: this.store, readStore: this.readStore, checkpoint: CHECKPOINT, applyRun: (events) => this.applyStoreRun(events) });
    await this.storeFeed.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.busSubscription?.close();
    await this.storeFeed?.stop();
  }

  async caughtUpWithStore(): Promise<void> {
    for (;;) {
      const [unapplied] = await this.store.readAll({ after: this.storeFeed?.position ?? undefined, maxCount: 1 });
      if (unapplied === undefined) return;
      await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
    }
  }

  /**
   * A run of this service's stored events: the contacts it changes folded into one write each,
   * then each patient concerned reconciled once, from the earliest change, against the contact
   * as the run left it; the reminders' outcomes in their place in the run, the contacts before
   * them applied first, so a reconciliation never meets an outcome out of order.
   */
  private async applyStoreRun(events: readonly RecordedEvent[]): Promise<void> {
    let contactChanges: IntegrationEnvelope[] = [];
    const reconcileContacts = async (): Promise<void> => {
      if (contactChanges.length === 0) return;
      await applyDocumentProjectionRun(this.readStore, reminderContactsProjection, contactChanges);
      const earliestChange = new Map<string, string>();
      for (const { data, occurredAt } of contactChanges) {
        const patientId = String(data.patientId);
        const earliest = earliestChange.get(patientId);
        if (earliest === undefined || Date.parse(occurredAt) < Date.parse(earliest)) earliestChange.set(patientId, occurredAt);
      }
      for (const [patientId, changedAt] of earliestChange) await this.schedule.reconcilePatient(patientId, changedAt);
      contactChanges = [];
    };
    for (const recorded of events) {
      if (reminderContactsProjection.handles.includes(recorded.type)) {
        contactChanges.push(asPrivateEnvelope(recorded));
      } else if (recorded.type === 'ReminderSent' || recorded.type === 'ReminderFailed') {
        await reconcileContacts();
        await this.schedule.recordOutcome({ type: recorded.type, data: recorded.data } as ReminderEvent);
      }
    }
    await reconcileContacts();
  }

  private async reconcileAfter(envelope: IntegrationEnvelope): Promise<void> {
    const changedAt = new Date(envelope.occurredAt).toISOString();
    if (reminderAppointmentsProjection.handles.includes(envelope.type)) await this.schedule.reconcileAppointment(String(envelope.data.appointmentId));
    else if (REMINDER_CABINET_EVENTS.includes(envelope.type)) await this.schedule.reconcileCabinet(String(envelope.data.cabinetId), changedAt);
  }
}
