import { SqliteEventStore, stateAfter } from '@osteo/event-sourcing';
import { ProjectionRunner } from '@osteo/messaging';
import { ERASED, PersonalDataEventStore, SqliteSubjectKeyStore } from '@osteo/personal-data';
import { InMemoryReadStore } from '@osteo/read-store';
import { appointmentDecider, appointmentStreamId, type AppointmentEvent } from '../../domain/appointment';
import { asPrivateEnvelope } from '@osteo/platform';
import { PLANNING_APPOINTMENTS, appointmentsProjection } from '../appointments/appointments.projection';
import { planningPersonalData } from './planning-personal-data';

const slot = { start: '2026-03-03T09:00:00.000Z', end: '2026-03-03T09:45:00.000Z' };
const terms = { cabinetId: 'cab-lyon', ownerId: 'acc-claire', practitionerId: 'acc-claire', ...slot };
const personal = { patientName: 'Zéphyrine Quillebeuf', reason: 'Cervicalgie après chute', newReason: 'Lombalgie aiguë', walkIn: 'Anatole Pichegru', walkInReason: 'Entorse de cheville' };

/** One appointment of a patient record (booked, its reason changed, moved, cancelled), and one for a name typed without a record. */
const ofPatient: AppointmentEvent[] = [
  { type: 'AppointmentBooked', data: { ...terms, appointmentId: 'apt-1', patientName: personal.patientName, patientId: 'pat-7', reason: personal.reason } },
  { type: 'AppointmentReasonChanged', data: { appointmentId: 'apt-1', cabinetId: 'cab-lyon', patientId: 'pat-7', reason: personal.newReason } },
  { type: 'AppointmentMoved', data: { appointmentId: 'apt-1', cabinetId: 'cab-lyon', practitionerId: 'acc-claire', start: '2026-03-03T14:00:00.000Z', end: '2026-03-03T14:45:00.000Z' } },
  { type: 'AppointmentCancelled', data: { appointmentId: 'apt-1', cabinetId: 'cab-lyon', practitionerId: 'acc-claire' } },
];
const walkIn: AppointmentEvent[] = [{ type: 'AppointmentBooked', data: { ...terms, appointmentId: 'apt-2', patientName: personal.walkIn, patientId: null, reason: personal.walkInReason } }];

async function storedAppointments() {
  const events = SqliteEventStore.open(':memory:');
  const keys = new SqliteSubjectKeyStore(':memory:');
  const store = new PersonalDataEventStore(events, keys, planningPersonalData);
  await store.appendToStream(appointmentStreamId('apt-1'), ofPatient, { expectedRevision: 'no_stream' });
  await store.appendToStream(appointmentStreamId('apt-2'), walkIn, { expectedRevision: 'no_stream' });
  return { events, keys, store };
}

describe("planning's personal data", () => {
  it('classifies every event type of planning: the name and reason are personal, times and ids are not', () => {
    expect(planningPersonalData).toEqual({
      AppointmentBooked: { subject: ['patientId', 'appointmentId'], fields: ['patientName', 'reason'] },
      AppointmentReasonChanged: { subject: ['patientId', 'appointmentId'], fields: ['reason'] },
    });
  });

  it('given appointments stored, then the store holds neither names nor reasons, and ids and times in clear', async () => {
    const { events } = await storedAppointments();

    const raw = JSON.stringify(await events.readAll());

    expect(Object.values(personal).filter((text) => raw.includes(text))).toEqual([]);
    expect(raw).toContain('"patientId":"pat-7"');
    expect(raw).toContain(slot.start);
  });

  it("given the patient's key erased, then their appointment replays erased (decider and agenda alike), and an appointment without a record is untouched", async () => {
    const { keys, store } = await storedAppointments();
    await keys.erase('pat-7');

    const appointment = stateAfter(appointmentDecider, (await store.readStream(appointmentStreamId('apt-1'))) as unknown as AppointmentEvent[]);
    const readStore = new InMemoryReadStore();
    const runner = new ProjectionRunner(readStore, [appointmentsProjection]);
    for (const event of await store.readAll()) await runner.apply(asPrivateEnvelope(event));
    const agenda = await readStore.collection(PLANNING_APPOINTMENTS).find({}, { sort: { _id: 1 } });

    expect(appointment).toMatchObject({ status: 'cancelled', patientName: ERASED, reason: ERASED, start: '2026-03-03T14:00:00.000Z' });
    expect(agenda).toMatchObject([
      { appointmentId: 'apt-1', patientName: ERASED, status: 'cancelled' },
      { appointmentId: 'apt-2', patientName: personal.walkIn, status: 'booked' },
    ]);
    expect(JSON.stringify(agenda)).not.toContain(personal.patientName);
  });
});
