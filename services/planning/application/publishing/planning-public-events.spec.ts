import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { planningEventContracts } from '@osteo/contracts';
import type { RecordedEvent } from '@osteo/event-sourcing';
import { toPlanningPublicEvent } from './planning-public-events';

function recorded(type: string, streamId: string, data: Record<string, unknown>): RecordedEvent {
  return {
    eventId: 'evt-1',
    type,
    streamId,
    revision: 0,
    position: '1',
    data,
    metadata: { occurredAt: '2026-03-02T08:30:00.000Z', actorId: 'acc-sophie', correlationId: 'corr-1' },
    recordedAt: '2026-03-02T08:30:00.001Z',
  };
}

describe('planning public events', () => {
  it('publishes a booking as version 2: ids and times, neither the patient\'s name nor the reason', () => {
    const published = toPlanningPublicEvent(
      recorded('AppointmentBooked', 'appointment-apt-1', {
        appointmentId: 'apt-1',
        cabinetId: 'cab-lyon',
        ownerId: 'acc-claire',
        practitionerId: 'acc-claire',
        patientName: 'Jeanne Dupont',
        patientId: null,
        start: '2026-03-03T09:00:00.000Z',
        end: '2026-03-03T09:45:00.000Z',
        reason: 'Lombalgie',
      }),
    );
    expect(published).toMatchObject({ type: 'AppointmentBooked', version: 2, streamId: 'appointment-apt-1', actorId: 'acc-sophie', correlationId: 'corr-1' });
    expect(published?.data).toEqual({
      appointmentId: 'apt-1',
      cabinetId: 'cab-lyon',
      ownerId: 'acc-claire',
      practitionerId: 'acc-claire',
      patientId: null,
      start: '2026-03-03T09:00:00.000Z',
      end: '2026-03-03T09:45:00.000Z',
    });
    expect(JSON.stringify(published)).not.toMatch(/Jeanne|Dupont|Lombalgie/);
    // True to the contract it announces, which admits no name.
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const contract = planningEventContracts.find(({ type, version }) => type === 'AppointmentBooked' && version === 2);
    expect(contract?.dataSchema.properties).not.toHaveProperty('patientName');
    expect(ajv.compile(contract!.dataSchema as object)(published?.data)).toBe(true);
  });

  it('keeps a change of reason, an erasure and the agenda streams private', () => {
    expect(toPlanningPublicEvent(recorded('AppointmentReasonChanged', 'appointment-apt-1', { appointmentId: 'apt-1', cabinetId: 'cab-lyon', patientId: null, reason: 'Cervicalgie' }))).toBeNull();
    expect(toPlanningPublicEvent(recorded('AppointmentPatientDetailsErased', 'appointment-apt-1', { appointmentId: 'apt-1', cabinetId: 'cab-lyon', patientId: 'pat-7' }))).toBeNull();
    const slot = { appointmentId: 'apt-1', start: '2026-03-03T09:00:00.000Z', end: '2026-03-03T09:45:00.000Z' };
    expect(toPlanningPublicEvent(recorded('AgendaSlotClaimed', 'agenda-acc-claire-2026-03-03', { ...slot, claimedAt: '2026-03-02T08:30:00.000Z' }))).toBeNull();
    expect(toPlanningPublicEvent(recorded('AgendaSlotReleased', 'agenda-acc-claire-2026-03-03', slot))).toBeNull();
  });
});
