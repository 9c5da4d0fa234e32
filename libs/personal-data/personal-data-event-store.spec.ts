import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@osteo/event-sourcing';
import { describeEventStoreContract } from '../event-sourcing/event-store.contract';
import { CachingSubjectKeyStore } from './caching-subject-key-store';
import { PersonalDataEventStore } from './personal-data-event-store';
import { ERASED, type PersonalDataPolicy } from './personal-fields';
import { SqliteSubjectKeyStore } from './sqlite-subject-key-store';

const policy: PersonalDataPolicy = {
  PatientRegistered: { subject: 'patientId', fields: ['lastName', 'medicalHistory'] },
  PatientUpdated: { subject: 'patientId', fields: ['changes.lastName', 'changes.medicalHistory'] },
};

function storeOver(events = SqliteEventStore.open(':memory:'), keys = new SqliteSubjectKeyStore(':memory:')) {
  return { events, keys, store: new PersonalDataEventStore(events, keys, policy) };
}

const registered = (patientId: string, medicalHistory: string | null = 'Asthme depuis 2009') => ({
  type: 'PatientRegistered',
  data: { patientId, cabinetId: 'cab-lyon', lastName: 'Durand', medicalHistory },
});

describe('PersonalDataEventStore', () => {
  it('given an event with personal fields, when appended, then the store holds none of them in clear and reads give them back', async () => {
    const { events, store } = storeOver();
    await store.appendToStream('patient-1', [registered('pat-1')], { expectedRevision: 'no_stream' });

    const [raw] = await events.readStream('patient-1');
    expect(JSON.stringify(raw?.data)).not.toMatch(/Durand|Asthme/);
    expect(raw?.data).toMatchObject({ patientId: 'pat-1', cabinetId: 'cab-lyon' });

    const [read] = await store.readStream('patient-1');
    expect(read?.data).toEqual(registered('pat-1').data);
    expect((await store.readAll()).map((event) => event.data)).toEqual([registered('pat-1').data]);
  });

  it('encrypts nested paths, and leaves null and absent fields as they are', async () => {
    const { events, store } = storeOver();
    await store.appendToStream('patient-1', [registered('pat-1', null)], { expectedRevision: 'no_stream' });
    await store.appendToStream('patient-1', [{ type: 'PatientUpdated', data: { patientId: 'pat-1', changes: { medicalHistory: 'Entorse' } } }], { expectedRevision: 0 });

    const [first, second] = await events.readStream('patient-1');
    expect(first?.data.medicalHistory).toBeNull();
    expect(JSON.stringify(second?.data)).not.toContain('Entorse');
    expect((second?.data.changes as Record<string, unknown>).lastName).toBeUndefined();
    expect((await store.readStream('patient-1'))[1]?.data).toEqual({ patientId: 'pat-1', changes: { medicalHistory: 'Entorse' } });
  });

  it('given the subject erased, then its events read with each personal field replaced by the erased marker, marked in their metadata, and other subjects read as before', async () => {
    const { keys, store } = storeOver();
    await store.appendToStream('patient-1', [registered('pat-1')], { expectedRevision: 'no_stream' });
    await store.appendToStream('patient-2', [registered('pat-2')], { expectedRevision: 'no_stream' });

    await keys.erase('pat-1');

    const [erased] = await store.readStream('patient-1');
    expect(erased?.data).toEqual({ patientId: 'pat-1', cabinetId: 'cab-lyon', lastName: ERASED, medicalHistory: ERASED });
    expect(erased?.metadata.personalDataErased).toBe(true);
    expect((await store.readStream('patient-2'))[0]?.data).toEqual(registered('pat-2').data);
  });

  it('given the subject erased, when more is appended about it, then it is stored erased: no new key is made', async () => {
    const { events, keys, store } = storeOver();
    await keys.erase('pat-1');

    await store.appendToStream('patient-1', [registered('pat-1')], { expectedRevision: 'no_stream' });

    expect((await events.readStream('patient-1'))[0]?.data).toMatchObject({ lastName: ERASED, medicalHistory: ERASED });
  });

  it('given several subject paths, then the first holding an id is the subject: erasing it erases only its events', async () => {
    const booked = (appointmentId: string, patientId: string | null) => ({ type: 'AppointmentBooked', data: { appointmentId, patientId, patientName: 'Durand' } });
    const keys = new SqliteSubjectKeyStore(':memory:');
    const store = new PersonalDataEventStore(SqliteEventStore.open(':memory:'), keys, { AppointmentBooked: { subject: ['patientId', 'appointmentId'], fields: ['patientName'] } });
    await store.appendToStream('appointment-1', [booked('apt-1', 'pat-1')], { expectedRevision: 'no_stream' });
    await store.appendToStream('appointment-2', [booked('apt-2', null)], { expectedRevision: 'no_stream' });

    await keys.erase('pat-1');

    expect((await store.readStream('appointment-1'))[0]?.data.patientName).toBe(ERASED);
    expect((await store.readStream('appointment-2'))[0]?.data.patientName).toBe('Durand');
    await keys.erase('apt-2');
    expect((await store.readStream('appointment-2'))[0]?.data.patientName).toBe(ERASED);
    await expect(store.appendToStream('appointment-3', [{ type: 'AppointmentBooked', data: { patientName: 'Durand' } }], { expectedRevision: 'no_stream' })).rejects.toThrow(
      'AppointmentBooked holds personal data but no subject id at patientId or appointmentId',
    );
  });

  it('reads events stored in clear before encryption existed as they are', async () => {
    const { events, store } = storeOver();
    await events.appendToStream('patient-1', [registered('pat-1')], { expectedRevision: 'no_stream' });

    expect((await store.readStream('patient-1'))[0]?.data).toEqual(registered('pat-1').data);
  });

  it('binds each value to its event and field: a ciphertext moved to another field does not read as data', async () => {
    const { events, keys } = storeOver();
    const store = new PersonalDataEventStore(events, keys, policy);
    await store.appendToStream('patient-1', [registered('pat-1')], { expectedRevision: 'no_stream' });
    const [raw] = await events.readStream('patient-1');
    await events.appendToStream('patient-1', [{ type: 'PatientRegistered', data: { ...raw?.data, lastName: raw?.data.medicalHistory } }], { expectedRevision: 0 });

    await expect(store.readStream('patient-1')).rejects.toThrow();
  });

  it('decrypts what a subscription delivers', async () => {
    const { store } = storeOver();
    await store.appendToStream('patient-1', [registered('pat-1')], { expectedRevision: 'no_stream' });
    const delivered: RecordedEvent[] = [];

    const subscription = store.subscribeToAll({ onEvent: async (event) => void delivered.push(event) });
    try {
      while (delivered.length === 0) await new Promise((resolve) => setImmediate(resolve));
    } finally {
      await subscription.close();
    }

    expect(delivered[0]?.data).toEqual(registered('pat-1').data);
  });

  it('keeps the ids it was given, and gives one to an event without', async () => {
    const { events, store } = storeOver();
    const eventId = randomUUID();
    await store.appendToStream('patient-1', [{ ...registered('pat-1'), eventId }], { expectedRevision: 'no_stream' });
    await store.appendToStream('patient-2', [registered('pat-2')], { expectedRevision: 'no_stream' });

    const [first, second] = await events.readAll();
    expect(first?.eventId).toBe(eventId);
    expect(second?.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CachingSubjectKeyStore', () => {
  it('reads a subject key once within its time, again after, and forgets it when erased', async () => {
    let now = 0;
    const inner = new SqliteSubjectKeyStore(':memory:');
    const reads: string[] = [];
    const counting = Object.assign(Object.create(inner) as SqliteSubjectKeyStore, {
      existingKeyFor: (subject: string) => (reads.push(subject), inner.existingKeyFor(subject)),
    });
    const keys = new CachingSubjectKeyStore(counting, { ttlMs: 1_000, now: () => now });
    const key = await inner.keyFor('pat-1');

    expect(await keys.existingKeyFor('pat-1')).toEqual(key);
    expect(await keys.existingKeyFor('pat-1')).toEqual(key);
    expect(reads).toHaveLength(1);
    now = 1_001;
    await keys.existingKeyFor('pat-1');
    expect(reads).toHaveLength(2);

    await keys.erase('pat-1');
    expect(await keys.existingKeyFor('pat-1')).toBeNull();
  });
});

// The wrapper is an EventStore like any other: over an adapter, it keeps the port's contract.
let contractDirectory: string | undefined;
afterAll(() => contractDirectory && rmSync(contractDirectory, { recursive: true, force: true }));
describeEventStoreContract('PersonalDataEventStore over SqliteEventStore', async () => {
  contractDirectory ??= mkdtempSync(join(tmpdir(), 'personal-data-contract-'));
  return storeOver(SqliteEventStore.open(join(contractDirectory, 'events.sqlite'))).store;
});
