import { randomBytes } from 'node:crypto';
import { SqliteEventStore } from '@osteo/event-sourcing';
import { ProjectionRunner, ProjectionWriteGate } from '@osteo/messaging';
import { asPrivateEnvelope, StoreFedReadModels } from '@osteo/platform';
import { InMemoryReadStore, MongoReadStore, type ReadDocument, type ReadStore } from '@osteo/read-store';
import { ObservedReadStore } from '@osteo/read-store/observed-read-store';
import { describeProjectionRuns } from '../../../../libs/messaging/projection/projection-runs.contract';
import { PATIENT_CONSULTATIONS, patientConsultationsProjection } from '../patient-consultations/patient-consultations.projection';
import { PATIENT_DIRECTORY, patientDirectoryProjection } from '../patient-directory/patient-directory.projection';
import { reminderContactsProjection } from '../reminder-schedule/reminder-inputs';
import { asRecorded, recordsHistory } from '../test-support/records-history';

const mongoUrl = process.env.MONGO_URL;
if (!mongoUrl) {
  // Not a skip: the Jest global setup always provides a MongoDB-compatible server (FerretDB).
  throw new Error("MONGO_URL is not set: patient-records' read models over MongoReadStore need a MongoDB-compatible server");
}

const freshDatabase = () => MongoReadStore.connect(mongoUrl, `records_runs_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`);
const projections = [patientDirectoryProjection, patientConsultationsProjection];

describeProjectionRuns(
  'MongoReadStore',
  freshDatabase,
  {
    "patient-records' private read models (the directory, each patient's consultations, the reminder contacts)": () => ({
      projections: [...projections, reminderContactsProjection],
      envelopes: asRecorded(recordsHistory(4)).map(asPrivateEnvelope),
    }),
  },
  // Each history costs a few hundred FerretDB round trips.
  { numRuns: 8, maxCuts: 8 },
);

describe("patient-records' private read models fed from the store in runs, over MongoReadStore", () => {
  const PATIENTS = 12;
  let store: SqliteEventStore;
  let readStore: ReadStore;
  let readModels: StoreFedReadModels | undefined;

  async function documentsOf(documents: ReadStore): Promise<ReadDocument[][]> {
    const withoutVersion = ({ _version, ...document }: ReadDocument) => document;
    return Promise.all([PATIENT_DIRECTORY, PATIENT_CONSULTATIONS].map(async (collection) => (await documents.collection(collection).find({}, { sort: { _id: 1 } })).map(withoutVersion)));
  }

  beforeEach(async () => {
    store = SqliteEventStore.open(':memory:', { pollIntervalMs: 5 });
    readStore = await freshDatabase();
  });

  afterEach(async () => {
    await readModels?.stop();
    await store.close();
    await readStore.dropAll();
    await readStore.close();
  });

  it('given a backlog, when the feed catches up in runs, then each patient is written once per run, and the documents are those of one-by-one application', async () => {
    for (const [streamId, event] of recordsHistory(PATIENTS)) {
      await store.appendToStream(streamId, [{ ...event, metadata: { occurredAt: '2026-03-02T08:30:00.000Z' } }], { expectedRevision: 'any' });
    }
    const stored = await store.readAll();
    const oneByOne = new InMemoryReadStore();
    const runner = new ProjectionRunner(oneByOne, projections);
    for (const recorded of stored) await runner.apply(asPrivateEnvelope(recorded));
    const observed = new ObservedReadStore(readStore);
    // Runs of a third of the history: each patient's document is written in several runs, each time folding several events.
    const maxRun = Math.ceil(stored.length / 3);
    readModels = new StoreFedReadModels(store, observed, new ProjectionWriteGate(), 'patient-records.private-read-models', projections, { maxRun });

    await readModels.start();
    await readModels.caughtUp();

    expect(await documentsOf(readStore)).toEqual(await documentsOf(oneByOne));
    const consultationWrites = observed.operations.filter((operation) => /^patient_records_consultations\.(insertAbsent|replaceOne|deleteOne|insertOne)$/.test(operation)).length;
    const consultationEvents = stored.filter((recorded) => patientConsultationsProjection.handles.includes(recorded.type)).length;
    // At most one write per patient per run (and one insert of the documents a run creates), against one per event one by one.
    expect(consultationWrites).toBeLessThanOrEqual(3 * (PATIENTS + 1));
    expect(consultationWrites).toBeLessThan(consultationEvents / 3);
    expect(observed.operations.filter((operation) => operation === '_checkpoints.replaceOne')).toHaveLength(3);
  });
});
