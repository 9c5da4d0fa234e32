import { randomUUID } from 'node:crypto';
import { describeEventStoreContract } from '../event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * EventStoreDB cannot run on our build machines. The contract runs whenever EVENTSTORE_URL
 * names a server (e.g. `esdb://localhost:2113?tls=false`, or one a Docker engine started);
 * otherwise every contract test is listed as skipped under a name that says why, so nobody
 * mistakes this adapter for verified.
 */
const eventStoreUrl = process.env.EVENTSTORE_URL;

if (eventStoreUrl) {
  describeEventStoreContract(`EventStoreDbEventStore (${eventStoreUrl})`, async () =>
    EventStoreDbEventStore.connect(eventStoreUrl, `contract-${Date.now().toString(36)}`),
  );

  describe('EventStoreDbEventStore namespaces, on one server', () => {
    it('lets each service read and follow only its own streams', async () => {
      const run = Date.now().toString(36);
      const planning = EventStoreDbEventStore.connect(eventStoreUrl, `planning-${run}`);
      const records = EventStoreDbEventStore.connect(eventStoreUrl, `records-${run}`);
      try {
        const event = (type: string) => ({ eventId: randomUUID(), type, data: {}, metadata: {} });
        await planning.appendToStream('agenda-1', [event('AppointmentBooked')], { expectedRevision: 'no_stream' });
        await records.appendToStream('agenda-1', [event('PatientRegistered')], { expectedRevision: 'no_stream' });

        expect((await planning.readAll()).map((recorded) => [recorded.streamId, recorded.type])).toEqual([['agenda-1', 'AppointmentBooked']]);
        expect((await records.readStream('agenda-1')).map((recorded) => recorded.type)).toEqual(['PatientRegistered']);
        const followed: string[] = [];
        const subscription = records.subscribeToAll({ onEvent: async (recorded) => void followed.push(recorded.type) });
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await subscription.close();
        expect(followed).toEqual(['PatientRegistered']);
      } finally {
        await Promise.all([planning.close(), records.close()]);
      }
    });
  });
} else {
  const skipReason =
    'EventStoreDB adapter contract — skipped: no EventStoreDB here (set EVENTSTORE_URL or run a Docker engine)';
  describe.skip(skipReason, () => {
    describeEventStoreContract('EventStoreDbEventStore', () => Promise.reject(new Error('no EventStoreDB')));
  });
  // Jest prints nothing of a file whose every test is skipped, and without --verbose no test
  // names at all: the to-do keeps this file listed, the warning shows the reason in every mode.
  it.todo('verify the EventStoreDB adapter against a real server: set EVENTSTORE_URL');
  console.warn(skipReason);
}
