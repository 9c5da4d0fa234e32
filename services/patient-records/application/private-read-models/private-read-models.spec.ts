import type { RecordedEvent } from '@osteo/event-sourcing';
import { ProjectionRunner } from '@osteo/messaging';
import { InMemoryReadStore, type ReadDocument } from '@osteo/read-store';
import type { ConsultationEvent } from '../../domain/consultation';
import type { PatientEvent } from '../../domain/patient';
import { PATIENT_CONSULTATIONS, patientConsultationsProjection } from '../patient-consultations/patient-consultations.projection';
import { PATIENT_DIRECTORY, patientDirectoryProjection } from '../patient-directory/patient-directory.projection';
import { asPrivateEnvelope } from '@osteo/platform';
import { describeProjectionRuns } from '../../../../libs/messaging/projection/projection-runs.contract';
import { reminderContactsProjection } from '../reminder-schedule/reminder-inputs';
import { asRecorded, type RecordsEvent, recordsHistory } from '../test-support/records-history';

const CABINET = 'cab-lyon';
const OWNER = 'acc-claire';
const SUBSTITUTE = 'acc-sophie';
const HELENE = 'pat-helene';
const JEAN = 'pat-jean';

/** Stored events as the feed reads them (records-history's asRecorded). */
const storeHistory = (...appended: readonly [streamId: string, event: RecordsEvent][]): RecordedEvent[] => asRecorded(appended);

const registered = (patientId: string, firstName: string, lastName: string): PatientEvent => ({
  type: 'PatientRegistered',
  data: { patientId, cabinetId: CABINET, ownerId: OWNER, firstName, lastName, birthDate: '1984-06-12', phone: null, email: null, medicalHistory: 'Asthme' },
});
const consultationIds = (consultationId: string) => ({ consultationId, patientId: HELENE, cabinetId: CABINET, ownerId: OWNER });
const opened = (consultationId: string, date: string): ConsultationEvent => ({
  type: 'ConsultationOpened',
  data: { ...consultationIds(consultationId), practitionerId: SUBSTITUTE, date, reason: 'Lombalgie', notes: null },
});

const history = storeHistory(
  ['patient-pat-helene', registered(HELENE, 'Hélène', 'Durand')],
  ['patient-pat-jean', registered(JEAN, 'Jean-Pierre', 'Lœuvre')],
  ['patient-pat-helene', { type: 'PatientUpdated', data: { patientId: HELENE, cabinetId: CABINET, changes: { lastName: 'Durand-Lefèvre', phone: '0600000000' } } }],
  ['consultation-c1', opened('c1', '2026-02-27')],
  ['consultation-c1', { type: 'ConsultationRevised', data: { consultationId: 'c1', patientId: HELENE, changes: { examination: 'Flexion limitée' } } }],
  ['consultation-c2', opened('c2', '2026-03-02')],
  [
    'consultation-c1',
    {
      type: 'ConsultationCompleted',
      data: { ...consultationIds('c1'), practitionerId: SUBSTITUTE, practitionerRole: 'substitute', patientName: 'DURAND-LEFÈVRE Hélène', date: '2026-02-27', feeCents: 6000, paymentMethod: 'card', retrocessionBasisPoints: 3000 },
    },
  ],
  ['consultation-c1', { type: 'ConsultationFeeCorrected', data: { ...consultationIds('c1'), feeCents: 6500, paymentMethod: 'cash' } }],
  ['consultation-c2', { type: 'ConsultationDeleted', data: { ...consultationIds('c2'), wasCompleted: false } }],
);

async function documentsAfter(events: readonly RecordedEvent[]): Promise<{ directory: ReadDocument[]; consultations: ReadDocument[] }> {
  const readStore = new InMemoryReadStore();
  const runner = new ProjectionRunner(readStore, [patientDirectoryProjection, patientConsultationsProjection]);
  for (const event of events) await runner.apply(asPrivateEnvelope(event));
  const withoutGuard = ({ _version, _revisions, ...document }: ReadDocument) => document;
  return {
    directory: (await readStore.collection(PATIENT_DIRECTORY).find({}, { sort: { _id: 1 } })).map(withoutGuard),
    consultations: (await readStore.collection(PATIENT_CONSULTATIONS).find({}, { sort: { _id: 1 } })).map(withoutGuard),
  };
}

describe('private read models of patient-records', () => {
  it('given registrations and an update, then the directory holds names folded for search, and no record content', async () => {
    const { directory } = await documentsAfter(history);
    expect(directory).toEqual([
      {
        _id: HELENE,
        patientId: HELENE,
        cabinetId: CABINET,
        firstName: 'Hélène',
        lastName: 'Durand-Lefèvre',
        birthDate: '1984-06-12',
        searchText: ' durand lefevre helene',
        lastNameFolded: 'durand lefevre',
        firstNameFolded: 'helene',
      },
      { _id: JEAN, patientId: JEAN, cabinetId: CABINET, firstName: 'Jean-Pierre', lastName: 'Lœuvre', birthDate: '1984-06-12', searchText: ' loeuvre jean pierre', lastNameFolded: 'loeuvre', firstNameFolded: 'jean pierre' },
    ]);
  });

  it('given consultations opened, revised, completed, corrected and deleted, then the patient’s list shows them as they stand', async () => {
    const { consultations } = await documentsAfter(history);
    expect(consultations).toEqual([
      {
        _id: HELENE,
        patientId: HELENE,
        cabinetId: CABINET,
        consultations: [
          { consultationId: 'c1', practitionerId: SUBSTITUTE, date: '2026-02-27', reason: 'Lombalgie', notes: null, examination: 'Flexion limitée', treatment: null, status: 'completed', feeCents: 6500, paymentMethod: 'cash' },
        ],
      },
      { _id: JEAN, patientId: JEAN, cabinetId: CABINET, consultations: [] },
    ]);
  });

  it('given a deleted patient, then their directory entry and their consultations’ notes are gone, and later consultation events bring nothing back', async () => {
    const afterDeletion = storeHistory(
      ['patient-pat-helene', registered(HELENE, 'Hélène', 'Durand')],
      ['consultation-c1', opened('c1', '2026-02-27')],
      ['patient-pat-helene', { type: 'PatientDeleted', data: { patientId: HELENE, cabinetId: CABINET, ownerId: OWNER } }],
      ['consultation-c1', { type: 'ConsultationDeleted', data: { ...consultationIds('c1'), wasCompleted: false } }],
    );
    expect(await documentsAfter(afterDeletion)).toEqual({ directory: [], consultations: [] });
  });

  it('given every event delivered twice, then the documents are those of a single delivery', async () => {
    const twice = history.flatMap((event) => [event, event]);
    expect(await documentsAfter(twice)).toEqual(await documentsAfter(history));
  });
});

describeProjectionRuns(
  'InMemoryReadStore',
  async () => new InMemoryReadStore(),
  {
    "patient-records' private read models (the directory, each patient's consultations, the reminder contacts)": () => ({
      projections: [patientDirectoryProjection, patientConsultationsProjection, reminderContactsProjection],
      envelopes: asRecorded(recordsHistory(7)).map(asPrivateEnvelope),
    }),
  },
  { numRuns: 40, maxCuts: 12 },
);
