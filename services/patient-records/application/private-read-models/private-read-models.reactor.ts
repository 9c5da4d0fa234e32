import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EventStore } from '@osteo/event-sourcing';
import { ProjectionWriteGate } from '@osteo/messaging';
import { StoreFedReadModels } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import { patientConsultationsProjection } from '../patient-consultations/patient-consultations.projection';
import { PATIENT_DIRECTORY, patientDirectoryProjection } from '../patient-directory/patient-directory.projection';

/**
 * Feeds patient-records' private read models (the directory searched by name, the consultations
 * of each patient) from this service's own event store: names, reasons and notes never leave
 * patient-records. Single records are not read here: GET /patients/:id and the access log read
 * their own streams, so what was just written is always there.
 */
@Injectable()
export class PrivateReadModelsReactor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly readModels: StoreFedReadModels;

  constructor(
    store: EventStore,
    private readonly readStore: ReadStore,
    gate: ProjectionWriteGate,
  ) {
    this.readModels = new StoreFedReadModels(store, readStore, gate, 'patient-records.private-read-models', [patientDirectoryProjection, patientConsultationsProjection]);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.readStore.collection(PATIENT_DIRECTORY).createIndex({ keys: { cabinetId: 1, lastNameFolded: 1, firstNameFolded: 1 } });
    await this.readModels.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.readModels.stop();
  }
}
