import type { RecordedEvent } from '@osteo/event-sourcing';
import type { ConsultationEvent } from '../../domain/consultation';
import type { PatientEvent } from '../../domain/patient';

const CABINET = 'cab-lyon';
const OWNER = 'acc-claire';
const SUBSTITUTE = 'acc-sophie';

export type RecordsEvent = PatientEvent | ConsultationEvent;

/**
 * A history of patient-records' own store, for its private read models: `patients` patients,
 * each registered, given reminder preferences and consultations opened, revised, completed,
 * corrected and deleted, renamed; every third one deleted, after which a consultation event of
 * theirs still comes (it must bring nothing back). The patients' lives are interleaved, step by
 * step, as concurrent requests would store them.
 */
export function recordsHistory(patients: number): [streamId: string, event: RecordsEvent][] {
  const lives = Array.from({ length: patients }, (_, index) => patientLife(`pat-${index}`, index));
  const steps = Math.max(...lives.map((life) => life.length));
  return Array.from({ length: steps }, (_, step) => lives.flatMap((life) => (step < life.length ? [life[step]!] : []))).flat();
}

function patientLife(patientId: string, index: number): [string, RecordsEvent][] {
  const patient = `patient-${patientId}`;
  const consultation = (number: number) => `${patientId}-c${number}`;
  const ids = (number: number) => ({ consultationId: consultation(number), patientId, cabinetId: CABINET, ownerId: OWNER });
  const inStream = (number: number, event: ConsultationEvent): [string, RecordsEvent] => [`consultation-${consultation(number)}`, event];
  const opened = (number: number) => inStream(number, { type: 'ConsultationOpened', data: { ...ids(number), practitionerId: SUBSTITUTE, date: `2026-02-${10 + number}`, reason: 'Lombalgie', notes: null } });
  const completed = (number: number, feeCents: number) =>
    inStream(number, {
      type: 'ConsultationCompleted',
      data: { ...ids(number), practitionerId: SUBSTITUTE, practitionerRole: 'substitute', patientName: `DUPONT-${index} Jeanne`, date: `2026-02-${10 + number}`, feeCents, paymentMethod: 'card', retrocessionBasisPoints: 3000 },
    });
  const deleted = index % 3 === 2;
  return [
    [patient, { type: 'PatientRegistered', data: { patientId, cabinetId: CABINET, ownerId: OWNER, firstName: 'Jeanne', lastName: `Dupont-${index}`, birthDate: '1980-04-12', phone: '0600000000', email: null, medicalHistory: 'Asthme' } }],
    opened(1),
    opened(2),
    inStream(1, { type: 'ConsultationRevised', data: { consultationId: consultation(1), patientId, changes: { examination: 'Flexion limitée' } } }),
    completed(1, 6000 + index * 100),
    [patient, { type: 'PatientUpdated', data: { patientId, cabinetId: CABINET, changes: { lastName: `Dupont-Lefèvre-${index}` } } }],
    [patient, { type: 'PatientReminderPreferencesChanged', data: { patientId, cabinetId: CABINET, channels: ['sms'], consentDate: '2026-02-01' } }],
    inStream(1, { type: 'ConsultationFeeCorrected', data: { ...ids(1), feeCents: 6500, paymentMethod: 'cash' } }),
    opened(3),
    completed(2, 5000),
    inStream(3, { type: 'ConsultationDeleted', data: { ...ids(3), wasCompleted: false } }),
    deleted ? [patient, { type: 'PatientDeleted', data: { patientId, cabinetId: CABINET, ownerId: OWNER } }] : inStream(2, { type: 'ConsultationRevised', data: { consultationId: consultation(2), patientId, changes: { treatment: 'Mobilisation' } } }),
    opened(4),
  ];
}

/** Stored events as the store answers them, revisions counted per stream, positions in commit order. */
export function asRecorded(appended: readonly [streamId: string, event: RecordsEvent][]): RecordedEvent[] {
  const revisions = new Map<string, number>();
  return appended.map(([streamId, event], index) => {
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    return {
      eventId: `event-${index}`,
      type: event.type,
      streamId,
      revision,
      position: String(index + 1),
      data: event.data,
      metadata: { occurredAt: '2026-03-02T08:30:00.000Z' },
      recordedAt: '2026-03-02T08:30:00.001Z',
    };
  });
}
