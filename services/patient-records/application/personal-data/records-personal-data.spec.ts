import { SqliteEventStore, stateAfter, type RecordedEvent } from '@osteo/event-sourcing';
import { ProjectionRunner } from '@osteo/messaging';
import { ERASED, PersonalDataEventStore, SqliteSubjectKeyStore } from '@osteo/personal-data';
import { InMemoryReadStore } from '@osteo/read-store';
import { consultationDecider, consultationStreamId, type ConsultationEvent } from '../../domain/consultation';
import { patientDecider, patientStreamId, type PatientEvent } from '../../domain/patient';
import { PATIENT_CONSULTATIONS, patientConsultationsProjection } from '../patient-consultations/patient-consultations.projection';
import { PATIENT_DIRECTORY, patientDirectoryProjection } from '../patient-directory/patient-directory.projection';
import { asPrivateEnvelope } from '@osteo/platform';
import { recordsPersonalData } from './records-personal-data';

const ids = { patientId: 'pat-zephyrine', cabinetId: 'cab-lyon', ownerId: 'acc-claire' };
const consultation = { ...ids, consultationId: 'c1' };
/** Everything personal the life of one record says, each text found nowhere else. */
const personal = {
  firstName: 'Zéphyrine',
  lastName: 'Quillebeuf',
  birthDate: '1977-11-23',
  phone: '+33 6 98 76 54 32',
  email: 'zephyrine@example.fr',
  medicalHistory: 'Scoliose opérée',
  newPhone: '+33 7 11 22 33 44',
  reason: 'Cervicalgie',
  notes: 'Raideur en rotation',
  examination: 'Spurling négatif',
  treatment: 'Mobilisations douces',
  patientName: 'QUILLEBEUF Zéphyrine',
  consentDate: '2025-12-24',
};

const patientEvents: PatientEvent[] = [
  {
    type: 'PatientRegistered',
    data: { ...ids, firstName: personal.firstName, lastName: personal.lastName, birthDate: personal.birthDate, phone: personal.phone, email: personal.email, medicalHistory: personal.medicalHistory },
  },
  { type: 'PatientUpdated', data: { patientId: ids.patientId, cabinetId: ids.cabinetId, changes: { phone: personal.newPhone } } },
  { type: 'PatientReminderPreferencesChanged', data: { patientId: ids.patientId, cabinetId: ids.cabinetId, channels: ['email', 'sms'], consentDate: personal.consentDate } },
];
const consultationEvents: ConsultationEvent[] = [
  { type: 'ConsultationOpened', data: { ...consultation, practitionerId: 'acc-claire', date: '2026-03-02', reason: personal.reason, notes: personal.notes } },
  { type: 'ConsultationRevised', data: { consultationId: 'c1', patientId: ids.patientId, changes: { examination: personal.examination, treatment: personal.treatment } } },
  {
    type: 'ConsultationCompleted',
    data: { ...consultation, practitionerId: 'acc-claire', practitionerRole: 'owner', patientName: personal.patientName, date: '2026-03-02', feeCents: 6000, paymentMethod: 'card', retrocessionBasisPoints: null },
  },
];

async function storedRecord() {
  const events = SqliteEventStore.open(':memory:');
  const keys = new SqliteSubjectKeyStore(':memory:');
  const store = new PersonalDataEventStore(events, keys, recordsPersonalData);
  await store.appendToStream(patientStreamId(ids.patientId), patientEvents, { expectedRevision: 'no_stream' });
  await store.appendToStream(consultationStreamId('c1'), consultationEvents, { expectedRevision: 'no_stream' });
  return { events, keys, store };
}

async function readModelsAfter(events: readonly RecordedEvent[]) {
  const readStore = new InMemoryReadStore();
  const runner = new ProjectionRunner(readStore, [patientDirectoryProjection, patientConsultationsProjection]);
  for (const event of events) await runner.apply(asPrivateEnvelope(event));
  return { directory: await readStore.collection(PATIENT_DIRECTORY).find({}), consultations: await readStore.collection(PATIENT_CONSULTATIONS).find({}) };
}

describe("patient-records' personal data", () => {
  it('given the life of a record, when stored, then the store holds none of its personal texts, and ids, dates and the fee in clear', async () => {
    const { events } = await storedRecord();

    const raw = JSON.stringify(await events.readAll());

    expect(Object.values(personal).filter((text) => raw.includes(text))).toEqual([]);
    expect(raw).toContain('"feeCents":6000');
    expect(raw).toContain('"date":"2026-03-02"');
    expect(raw).toContain(ids.patientId);
  });

  it('given the patient erased, then the deciders and the read models replay the record as erased, without failing', async () => {
    const { keys, store } = await storedRecord();
    await keys.erase(ids.patientId);

    const patient = stateAfter(patientDecider, (await store.readStream(patientStreamId(ids.patientId))) as unknown as PatientEvent[]);
    const completed = stateAfter(consultationDecider, (await store.readStream(consultationStreamId('c1'))) as unknown as ConsultationEvent[]);
    const { directory, consultations } = await readModelsAfter(await store.readAll());

    expect(patient).toMatchObject({ status: 'active', firstName: ERASED, lastName: ERASED, phone: ERASED, medicalHistory: ERASED });
    expect(completed).toMatchObject({ status: 'completed', reason: ERASED, notes: ERASED, examination: ERASED, treatment: ERASED, fee: { feeCents: 6000 } });
    expect(directory).toMatchObject([{ patientId: ids.patientId, firstName: ERASED, lastName: ERASED }]);
    expect(JSON.stringify({ directory, consultations })).not.toMatch(/Zéphyrine|Quillebeuf|Cervicalgie|Raideur|Spurling|Mobilisations/);
  });
});
