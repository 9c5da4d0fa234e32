import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SqliteEventStore } from '@osteo/event-sourcing';
import type { PractitionerSlot } from './practitioner-agenda';

/**
 * No double booking when bookings truly run in parallel: two threads, each with its own
 * connection to one SQLite file (two instances of planning), book at the same moment, round after
 * round. Within one process the bookings of a day take turns, so only threads show that the
 * agenda's expected revisions, not the scheduling, keep a practitioner from being booked twice.
 */
describe('practitioner agenda, two bookers in parallel on one SQLite file', () => {
  const ROUNDS = 40;
  let directory: string;
  let filePath: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'planning-agenda-'));
    filePath = join(directory, 'planning.events.sqlite');
    await SqliteEventStore.open(filePath).close(); // creates the schema before the race
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  /** Each round books a practitioner of its own, so every round starts from a free day. */
  const rounds = (slotOf: (practitionerId: string) => Omit<PractitionerSlot, 'practitionerId' | 'appointmentId'>) =>
    Array.from({ length: ROUNDS }, () => {
      const practitionerId = `acc-${randomUUID()}`;
      return { practitionerId, appointmentId: randomUUID(), ...slotOf(practitionerId) };
    });

  const race = async (firstBookings: readonly PractitionerSlot[], secondBookings: readonly PractitionerSlot[]): Promise<string[][]> => {
    const barrier = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const runBooker = (bookings: readonly PractitionerSlot[]) =>
      new Promise<string[]>((resolve, reject) => {
        const worker = new Worker(join(__dirname, 'racing-booking.worker.js'), { workerData: { filePath, bookings, bookers: 2, barrier } });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    const [first, second] = await Promise.all([runBooker(firstBookings), runBooker(secondBookings)]);
    return first.map((outcome, round) => [outcome, second[round]].sort());
  };

  it('given two bookings of overlapping slots at once, then exactly one is booked in every round', async () => {
    const nine = rounds(() => ({ start: '2026-03-03T09:00:00.000Z', end: '2026-03-03T09:45:00.000Z' }));
    const halfPastNine = nine.map((booking) => ({ ...booking, appointmentId: randomUUID(), start: '2026-03-03T09:30:00.000Z', end: '2026-03-03T10:15:00.000Z' }));

    expect(await race(nine, halfPastNine)).toEqual(nine.map(() => ['APPOINTMENT.DOUBLE_BOOKING', 'booked']));
  });

  it('given two bookings of one practitioner at different times of a day at once, then both are booked in every round', async () => {
    const nine = rounds(() => ({ start: '2026-03-03T09:00:00.000Z', end: '2026-03-03T09:45:00.000Z' }));
    const two = nine.map((booking) => ({ ...booking, appointmentId: randomUUID(), start: '2026-03-03T14:00:00.000Z', end: '2026-03-03T14:45:00.000Z' }));

    expect(await race(nine, two)).toEqual(nine.map(() => ['booked', 'booked']));
  });
});
