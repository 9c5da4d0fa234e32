import type { IntegrationEnvelope } from '@osteo/contracts';
import { ProjectionRunner } from '@osteo/messaging';
import { ERASED } from '@osteo/personal-data';
import { InMemoryReadStore } from '@osteo/read-store';
import type { AppointmentEvent } from '../../domain/appointment';
import { PLANNING_APPOINTMENTS, appointmentsProjection, type AppointmentListing } from './appointments.projection';

/** As the feed hands planning's own events to the projection (appointments.reactor.ts). */
const envelope = (revision: number, event: AppointmentEvent): IntegrationEnvelope => ({
  eventId: `evt-${revision}`,
  version: 1,
  streamId: 'appointment-apt-1',
  revision,
  occurredAt: '2026-03-02T08:30:00.000Z',
  actorId: 'acc-sophie',
  correlationId: null,
  causationId: null,
  ...event,
});

const history: IntegrationEnvelope[] = [
  envelope(0, {
    type: 'AppointmentBooked',
    data: {
      appointmentId: 'apt-1',
      cabinetId: 'cab-lyon',
      ownerId: 'acc-claire',
      practitionerId: 'acc-claire',
      patientName: 'Jeanne Dupont',
      patientId: 'pat-7',
      start: '2026-03-03T09:00:00.000Z',
      end: '2026-03-03T09:45:00.000Z',
      reason: 'Lombalgie',
    },
  }),
  // A change of reason: not listed.
  envelope(1, { type: 'AppointmentReasonChanged', data: { appointmentId: 'apt-1', cabinetId: 'cab-lyon', patientId: 'pat-7', reason: 'Cervicalgie' } }),
  envelope(2, { type: 'AppointmentMoved', data: { appointmentId: 'apt-1', cabinetId: 'cab-lyon', practitionerId: 'acc-claire', start: '2026-03-03T14:00:00.000Z', end: '2026-03-03T14:45:00.000Z' } }),
  envelope(3, { type: 'AppointmentCancelled', data: { appointmentId: 'apt-1', cabinetId: 'cab-lyon', practitionerId: 'acc-claire' } }),
];
const erased = envelope(4, { type: 'AppointmentPatientDetailsErased', data: { appointmentId: 'apt-1', cabinetId: 'cab-lyon', patientId: 'pat-7' } });

describe('appointments projection', () => {
  const listingAfter = async (envelopes: readonly IntegrationEnvelope[]) => {
    const readStore = new InMemoryReadStore();
    const runner = new ProjectionRunner(readStore, [appointmentsProjection]);
    for (const delivered of envelopes) await runner.apply(delivered);
    const { _version, _revisions, ...listing } = (await readStore.collection<AppointmentListing & { _version: number; _revisions: object }>(PLANNING_APPOINTMENTS).findOne({ _id: 'apt-1' }))!;
    return listing;
  };

  it('given a booking, a move and a cancellation, then the appointment is listed at its new time, cancelled', async () => {
    expect(await listingAfter(history)).toEqual({
      _id: 'apt-1',
      appointmentId: 'apt-1',
      cabinetId: 'cab-lyon',
      practitionerId: 'acc-claire',
      patientName: 'Jeanne Dupont',
      patientId: 'pat-7',
      start: '2026-03-03T14:00:00.000Z',
      end: '2026-03-03T14:45:00.000Z',
      status: 'cancelled',
    });
  });

  it("given the patient's details erased, then the listing keeps the appointment and its history, named erased, and never the reason", async () => {
    const listing = await listingAfter([...history, erased]);
    expect(listing).toMatchObject({ patientName: ERASED, status: 'cancelled', start: '2026-03-03T14:00:00.000Z' });
    expect(JSON.stringify(listing)).not.toMatch(/Jeanne|Lombalgie|Cervicalgie/);
    expect(await listingAfter([...history, erased, ...history])).toEqual(listing);
  });

  it('given every event delivered twice, then the listing is the same as delivered once', async () => {
    const twice = history.flatMap((delivered) => [delivered, delivered]);
    expect(await listingAfter(twice)).toEqual(await listingAfter(history));
  });

  it('given the whole history redelivered after it was applied, then nothing changes', async () => {
    expect(await listingAfter([...history, ...history])).toEqual(await listingAfter(history));
  });
});
