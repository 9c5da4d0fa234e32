import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ConsultationCompletedV1, type IntegrationEnvelope, Topics } from '@osteo/contracts';
import { KafkaEventBus, type MessagingLogger, type OutgoingMessage } from '@osteo/messaging';

/** One completed consultation of the substitute, with what the ledgers must say of it. */
export interface PlannedConsultation {
  readonly consultationId: string;
  readonly feeCents: number;
  readonly retrocessionBasisPoints: number;
  /** The substitute's share, computed here independently of accounting's code: half-up, integer cents. */
  readonly retrocededCents: number;
}

/** Rates a substitute may hold; 25 % and 50 % of an odd or ≡ 2 (mod 4) fee land exactly on half a cent. */
const RATES_IN_BASIS_POINTS = [3_000, 3_050, 2_500, 5_000, 3_333] as const;

/** Deterministic fees from 25.00 € to 114.99 €, so that a failure can be replayed as it was. */
export function plannedConsultations(scenario: string, count: number): PlannedConsultation[] {
  return Array.from({ length: count }, (_, index) => {
    const feeCents = 2_500 + ((index * 7_919) % 9_000);
    const retrocessionBasisPoints = RATES_IN_BASIS_POINTS[index % RATES_IN_BASIS_POINTS.length]!;
    return {
      consultationId: `${scenario}-c-${index}`,
      feeCents,
      retrocessionBasisPoints,
      retrocededCents: Math.floor((feeCents * retrocessionBasisPoints + 5_000) / 10_000),
    };
  });
}

export interface Cabinet {
  readonly ownerId: string;
  readonly substituteId: string;
  readonly cabinetId: string;
}

/**
 * ConsultationCompleted v1 envelopes as patient-records publishes them: the envelope its
 * translation builds (stream `consultation-<id>`, completion at revision 1 after the opening),
 * sent through the platform's own KafkaEventBus (idempotent producer, acks from every in-sync
 * replica, key = stream id, the same headers), and, like its outbox publisher, the same batch
 * again after a pause whenever the broker refuses it, in order, until it is accepted.
 */
export class ConsultationStream {
  /** Consultations the broker has acknowledged. */
  published = 0;
  /** Batches the broker refused and that were sent again. */
  refusedBatches = 0;
  private readonly bus: KafkaEventBus;

  constructor(brokers: string, topicPrefix: string, logger: MessagingLogger) {
    this.bus = new KafkaEventBus({ brokers: [brokers], clientId: 'records-publisher-under-test', topicPrefix, logger, logLevel: 'nothing' });
  }

  /**
   * Offers `perSecond` consultations a second, in batches (open loop: after an outage it catches
   * up on the schedule, as an outbox does with what piled up in its store). Resolves once the
   * broker has acknowledged every one.
   */
  async publish(consultations: readonly PlannedConsultation[], cabinet: Cabinet, perSecond: number, batchSize = 20): Promise<void> {
    const startedAt = Date.now();
    for (let first = 0; first < consultations.length; first += batchSize) {
      const dueAt = startedAt + (first / perSecond) * 1000;
      if (dueAt > Date.now()) await sleep(dueAt - Date.now());
      const batch = consultations.slice(first, first + batchSize).map((consultation, offset) => completionOf(consultation, cabinet, first + offset));
      await this.sendUntilAccepted(batch);
      this.published += batch.length;
    }
  }

  async close(): Promise<void> {
    await this.bus.close();
  }

  private async sendUntilAccepted(batch: readonly OutgoingMessage[]): Promise<void> {
    for (;;) {
      try {
        await this.bus.publish(Topics.records, batch);
        return;
      } catch {
        this.refusedBatches += 1;
        await sleep(250);
      }
    }
  }
}

function completionOf(consultation: PlannedConsultation, cabinet: Cabinet, index: number): OutgoingMessage {
  const streamId = `consultation-${consultation.consultationId}`;
  const patient = index % 40;
  const data: ConsultationCompletedV1 = {
    consultationId: consultation.consultationId,
    patientId: `patient-${patient}`,
    cabinetId: cabinet.cabinetId,
    ownerId: cabinet.ownerId,
    practitionerId: cabinet.substituteId,
    practitionerRole: 'substitute',
    patientName: `PATIENT${patient} Jeanne`,
    date: `2026-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`,
    feeCents: consultation.feeCents,
    paymentMethod: 'card',
    retrocessionBasisPoints: consultation.retrocessionBasisPoints,
  };
  const envelope: IntegrationEnvelope<'ConsultationCompleted', ConsultationCompletedV1> = {
    eventId: randomUUID(),
    type: 'ConsultationCompleted',
    version: 1,
    streamId,
    revision: 1,
    occurredAt: new Date().toISOString(),
    actorId: cabinet.substituteId,
    correlationId: randomUUID(),
    causationId: randomUUID(),
    data,
  };
  return { key: streamId, envelope };
}
