import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EventStore } from '@osteo/event-sourcing';
import { ProjectionWriteGate } from '@osteo/messaging';
import { StoreFedReadModels } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import { inviteeAddressesProjection } from './invitee-addresses.projection';

/** Feeds the invitee addresses from access-grant's own store: the typed address must not go to Kafka. */
@Injectable()
export class InviteeAddressesReactor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly readModels: StoreFedReadModels;

  constructor(store: EventStore, readStore: ReadStore, gate: ProjectionWriteGate) {
    this.readModels = new StoreFedReadModels(store, readStore, gate, 'access-grant.private-read-models', [inviteeAddressesProjection]);
  }

  onApplicationBootstrap(): Promise<void> {
    return this.readModels.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.readModels.stop();
  }
}
