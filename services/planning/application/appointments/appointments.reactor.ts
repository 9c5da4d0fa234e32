import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EventStore } from '@osteo/event-sourcing';
import { ProjectionWriteGate } from '@osteo/messaging';
import { StoreFedReadModels } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import { appointmentsProjection } from './appointments.projection';

/**
 * Feeds planning_appointments from planning's own event store: the agenda shows the patient's
 * name, which planning.events no longer carries (a topic cannot be crypto-shredded).
 */
@Injectable()
export class AppointmentsReactor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly readModels: StoreFedReadModels;

  constructor(store: EventStore, readStore: ReadStore, gate: ProjectionWriteGate) {
    this.readModels = new StoreFedReadModels(store, readStore, gate, 'planning.private-read-models', [appointmentsProjection]);
  }

  onApplicationBootstrap(): Promise<void> {
    return this.readModels.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.readModels.stop();
  }

  /**
   * Resolves once every event in the store when called is in the agenda. The erasure waits for it
   * after deleting a key: an event read (decrypted) just before is then in the agenda, where the
   * erasure finds it, and every later read is erased anyway.
   */
  caughtUp(): Promise<void> {
    return this.readModels.caughtUp();
  }
}
