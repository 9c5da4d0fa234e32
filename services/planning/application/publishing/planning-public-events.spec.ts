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
  it('publishes a booking without its reason', () => {
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
    expect(published).toMatchObject({ type: 'AppointmentBooked', version: 1, streamId: 'appointment-apt-1', actorId: 'acc-sophie', correlationId: 'corr-1' });
    expect(published?.data).toEqual({
      appointmentId: 'apt-1',
      cabinetId: 'cab-lyon',
      ownerId: 'acc-claire',
      practitionerId: 'acc-claire',
      patientName: 'Jeanne Dupont',
      patientId: null,
      start: '2026-03-03T09:00:00.000Z',
      end: '2026-03-03T09:45:00.000Z',
    });
  });

  it('keeps a change of reason and the agenda streams private', () => {
    expect(toPlanningPublicEvent(recorded('AppointmentReasonChanged', 'appointment-apt-1', { appointmentId: 'apt-1', cabinetId: 'cab-lyon', reason: 'Cervicalgie' }))).toBeNull();
    const slot = { appointmentId: 'apt-1', start: '2026-03-03T09:00:00.000Z', end: '2026-03-03T09:45:00.000Z' };
    expect(toPlanningPublicEvent(recorded('AgendaSlotClaimed', 'agenda-acc-claire-2026-03-03', { ...slot, claimedAt: '2026-03-02T08:30:00.000Z' }))).toBeNull();
    expect(toPlanningPublicEvent(recorded('AgendaSlotReleased', 'agenda-acc-claire-2026-03-03', slot))).toBeNull();
  });
});
