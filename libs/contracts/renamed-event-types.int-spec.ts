import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../event-sourcing/sqlite/sqlite-event-store';
import { decodeEnvelope, encodeEnvelope } from '../messaging/wire-format';
import { currentEventType } from './renamed-event-types';

// Events written before the code took the word "cabinet" (docs/adr/0004-one-word-cabinet.md) stay
// as they were written; every reader must see them under their current name.
describe('event types renamed after they were written', () => {
  it('maps each old name to its current one and leaves every other name alone', () => {
    expect(currentEventType('PracticeOpened')).toBe('CabinetOpened');
    expect(currentEventType('DelegationPracticesChanged')).toBe('DelegationCabinetsChanged');
    expect(currentEventType('CabinetOpened')).toBe('CabinetOpened');
    expect(currentEventType('AppointmentBooked')).toBe('AppointmentBooked');
  });

  it('given an event stored under its old name, then the SQLite store reads it under the current one', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'renamed-types-'));
    const store = SqliteEventStore.open(join(directory, 'events.db'));
    try {
      await store.appendToStream('practice-a1', [{ type: 'PracticeRenamed', data: { cabinetId: 'a1', ownerId: 'o', name: 'Nord' } }], { expectedRevision: 'no_stream' });
      const [read] = await store.readStream('practice-a1');
      expect(read).toMatchObject({ type: 'CabinetRenamed', data: { name: 'Nord' } });
    } finally {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('given a message published under its old name, then the envelope decoded from Kafka carries the current one', () => {
    const envelope = { eventId: 'e1', type: 'PracticeClosed', version: 1, streamId: 'practice-a1', revision: 3, occurredAt: '2026-12-05T00:00:00.000Z', actorId: null, correlationId: null, causationId: null, data: { cabinetId: 'a1', ownerId: 'o' } };
    expect(decodeEnvelope(encodeEnvelope(envelope))).toEqual({ ...envelope, type: 'CabinetClosed' });
  });
});
