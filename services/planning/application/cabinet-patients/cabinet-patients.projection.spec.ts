import type { RecordsPublicEvent } from '@osteo/contracts';
import { ProjectionRunner } from '@osteo/messaging';
import { InMemoryReadStore } from '@osteo/read-store';
import { PLANNING_PATIENTS, cabinetPatientsProjection, type CabinetPatient } from './cabinet-patients.projection';

const envelope = (patientId: string, revision: number, event: Pick<RecordsPublicEvent, 'type' | 'data'>): RecordsPublicEvent =>
  ({
    eventId: `evt-${patientId}-${revision}`,
    version: 1,
    streamId: `patient-${patientId}`,
    revision,
    occurredAt: '2026-03-02T08:30:00.000Z',
    actorId: 'acc-claire',
    correlationId: null,
    causationId: null,
    ...event,
  }) as RecordsPublicEvent;

const ids = (patientId: string, cabinetId = 'cab-lyon') => ({ patientId, cabinetId, ownerId: 'acc-claire' });

const history: RecordsPublicEvent[] = [
  envelope('pat-1', 0, { type: 'PatientRegistered', data: ids('pat-1') }),
  envelope('pat-2', 0, { type: 'PatientRegistered', data: ids('pat-2', 'cab-villeurbanne') }),
  // Revisions 1 to 3 of pat-1 are private (updates, openings of the record): never published.
  envelope('pat-1', 4, { type: 'PatientDeleted', data: ids('pat-1') }),
  // Registered before registrations were published: only its deletion is on the topic.
  envelope('pat-3', 2, { type: 'PatientDeleted', data: ids('pat-3') }),
  // Not about a patient's cabinet: left alone.
  {
    ...envelope('pat-2', 9, {
      type: 'ConsultationDeleted',
      data: { consultationId: 'con-1', cabinetId: 'cab-villeurbanne', ownerId: 'acc-claire', wasCompleted: false },
    }),
    streamId: 'consultation-con-1',
  },
];

describe('cabinet patients projection (planning_patients)', () => {
  const patientsAfter = async (envelopes: readonly RecordsPublicEvent[]): Promise<CabinetPatient[]> => {
    const readStore = new InMemoryReadStore();
    const runner = new ProjectionRunner(readStore, [cabinetPatientsProjection]);
    for (const delivered of envelopes) await runner.apply(delivered);
    const stored = await readStore.collection<CabinetPatient & { _version: number; _revisions: object }>(PLANNING_PATIENTS).find({});
    return stored.map(({ _version, _revisions, ...patient }) => patient).sort((a, b) => a.patientId.localeCompare(b.patientId));
  };

  it('given registrations and deletions, then each patient is known with its cabinet, deleted ones as deleted', async () => {
    expect(await patientsAfter(history)).toEqual([
      { _id: 'pat-1', patientId: 'pat-1', cabinetId: 'cab-lyon', status: 'deleted' },
      { _id: 'pat-2', patientId: 'pat-2', cabinetId: 'cab-villeurbanne', status: 'registered' },
      { _id: 'pat-3', patientId: 'pat-3', cabinetId: 'cab-lyon', status: 'deleted' },
    ]);
  });

  it('given every event delivered twice, then the patients are the same as delivered once', async () => {
    expect(await patientsAfter(history.flatMap((delivered) => [delivered, delivered]))).toEqual(await patientsAfter(history));
  });

  it('given the whole history replayed after it was applied, then nothing changes: a deleted patient stays deleted', async () => {
    expect(await patientsAfter([...history, ...history])).toEqual(await patientsAfter(history));
  });
});
