import type { RecordedEvent } from '@osteo/event-sourcing';
import { contractCheckOf } from '@osteo/messaging';
import type { ConsultationEvent } from '../../domain/consultation';
import type { PatientRecordOpened } from '../../domain/patient-access-log';
import type { PatientEvent } from '../../domain/patient';
import { toRecordsPublicEvent } from './records-public-events';

const ids = { consultationId: 'con-1', patientId: 'pat-1', cabinetId: 'cab-lyon', ownerId: 'acc-claire' };

const stored = (streamId: string, event: PatientEvent | ConsultationEvent | PatientRecordOpened): RecordedEvent => ({
  eventId: 'evt-1',
  type: event.type,
  streamId,
  revision: 3,
  position: '42',
  data: event.data,
  metadata: { occurredAt: '2026-03-02T08:30:00.000Z', actorId: 'acc-sophie', correlationId: 'req-1' },
  recordedAt: '2026-03-02T08:30:00.004Z',
});

describe('records.events: what patient-records publishes', () => {
  it('publishes a completion with exactly the contract’s fields, in the envelope of the stored event', () => {
    const completed: ConsultationEvent = {
      type: 'ConsultationCompleted',
      data: { ...ids, practitionerId: 'acc-sophie', practitionerRole: 'substitute', patientName: 'DURAND Hélène', date: '2026-03-02', feeCents: 6000, paymentMethod: 'card', retrocessionBasisPoints: 3000 },
    };
    expect(toRecordsPublicEvent(stored('consultation-con-1', completed))).toEqual({
      eventId: 'evt-1',
      type: 'ConsultationCompleted',
      version: 1,
      streamId: 'consultation-con-1',
      revision: 3,
      occurredAt: '2026-03-02T08:30:00.000Z',
      actorId: 'acc-sophie',
      correlationId: 'req-1',
      causationId: null,
      data: completed.data,
    });
  });

  it('publishes a fee correction as version 2, with what places it; one recorded before #14, without it, as version 1', () => {
    const terms = { date: '2026-03-02', practitionerId: 'acc-sophie', practitionerRole: 'substitute', retrocessionBasisPoints: 3000 } as const;
    const corrected = toRecordsPublicEvent(stored('consultation-con-1', { type: 'ConsultationFeeCorrected', data: { ...ids, feeCents: 6500, paymentMethod: 'cash', ...terms } }));
    expect([corrected?.version, corrected?.data]).toEqual([2, { consultationId: 'con-1', cabinetId: 'cab-lyon', ownerId: 'acc-claire', feeCents: 6500, paymentMethod: 'cash', ...terms }]);
    expect(contractCheckOf('ConsultationFeeCorrected', 2)(corrected?.data)).toBeNull();
    const before14 = toRecordsPublicEvent(stored('consultation-con-1', { type: 'ConsultationFeeCorrected', data: { ...ids, feeCents: 6500, paymentMethod: 'cash' } }));
    expect([before14?.version, before14?.data]).toEqual([1, { consultationId: 'con-1', cabinetId: 'cab-lyon', ownerId: 'acc-claire', feeCents: 6500, paymentMethod: 'cash' }]);
    expect(contractCheckOf('ConsultationFeeCorrected', 1)(before14?.data)).toBeNull();
  });

  it('leaves out of a deletion the patient id the contract does not carry', () => {
    expect(toRecordsPublicEvent(stored('consultation-con-1', { type: 'ConsultationDeleted', data: { ...ids, wasCompleted: true } }))?.data).toEqual({
      consultationId: 'con-1',
      cabinetId: 'cab-lyon',
      ownerId: 'acc-claire',
      wasCompleted: true,
    });
    expect(toRecordsPublicEvent(stored('patient-pat-1', { type: 'PatientDeleted', data: { patientId: 'pat-1', cabinetId: 'cab-lyon', ownerId: 'acc-claire' } }))?.data).toEqual({
      patientId: 'pat-1',
      cabinetId: 'cab-lyon',
      ownerId: 'acc-claire',
    });
  });

  it('publishes of a registration the ids alone: which cabinet the patient belongs to, never who they are', () => {
    const registered: PatientEvent = {
      type: 'PatientRegistered',
      data: { patientId: 'pat-1', cabinetId: 'cab-lyon', ownerId: 'acc-claire', firstName: 'Hélène', lastName: 'Durand', birthDate: '1984-06-12', phone: '+33 6 12 34 56 78', email: 'h@example.fr', medicalHistory: 'Asthme' },
    };
    expect(toRecordsPublicEvent(stored('patient-pat-1', registered))).toMatchObject({
      type: 'PatientRegistered',
      version: 1,
      streamId: 'patient-pat-1',
      data: { patientId: 'pat-1', cabinetId: 'cab-lyon', ownerId: 'acc-claire' },
    });
    expect(Object.keys(toRecordsPublicEvent(stored('patient-pat-1', registered))!.data).sort()).toEqual(['cabinetId', 'ownerId', 'patientId']);
  });

  it.each<[string, PatientEvent | ConsultationEvent | PatientRecordOpened]>([
    ['an update of the record', { type: 'PatientUpdated', data: { patientId: 'pat-1', cabinetId: 'cab-lyon', changes: { medicalHistory: 'Asthme' } } }],
    ['an opened consultation (its reason)', { type: 'ConsultationOpened', data: { ...ids, practitionerId: 'acc-sophie', date: '2026-03-02', reason: 'Lombalgie', notes: null } }],
    ['a revised consultation (its notes)', { type: 'ConsultationRevised', data: { consultationId: 'con-1', patientId: 'pat-1', changes: { examination: 'Flexion limitée' } } }],
    [
      'an opening of the record (the access log)',
      { type: 'PatientRecordOpened', data: { patientId: 'pat-1', cabinetId: 'cab-lyon', readerAccountId: 'acc-sophie', readerRole: 'substitute', view: 'record', openedAt: '2026-03-02T08:30:00.000Z' } },
    ],
  ])('keeps %s private', (_label, event) => {
    expect(toRecordsPublicEvent(stored('any-stream', event))).toBeNull();
  });
});
