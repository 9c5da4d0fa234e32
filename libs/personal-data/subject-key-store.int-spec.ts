import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@osteo/event-sourcing';
import { MongoReadStore, type ReadStore } from '@osteo/read-store';
import { mongoUrl } from '@osteo/testing';
import { PersonalDataEventStore } from './personal-data-event-store';
import { ERASED } from './personal-fields';
import { ReadStoreSubjectKeyStore } from './read-store-subject-key-store';
import { SqliteSubjectKeyStore } from './sqlite-subject-key-store';
import { describeSubjectKeyStoreContract } from './subject-key-store.contract';

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'subject-keys-'));
});
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

let contractFile: string | undefined;
describeSubjectKeyStoreContract('SqliteSubjectKeyStore', async () => new SqliteSubjectKeyStore((contractFile ??= join(directory, 'contract.keys.sqlite'))));

const readStores: ReadStore[] = [];
const databaseName = `keys_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
describeSubjectKeyStoreContract('ReadStoreSubjectKeyStore (MongoDB)', async () => {
  const readStore = await MongoReadStore.connect(mongoUrl(), databaseName);
  readStores.push(readStore);
  return new ReadStoreSubjectKeyStore(readStore);
});
afterAll(async () => {
  await readStores[0]?.dropAll();
  await Promise.all(readStores.map((store) => store.close()));
});

describe('SqliteSubjectKeyStore on disk', () => {
  it('given a key erased, when the file is read raw, then the key bytes are nowhere in it', async () => {
    const file = join(directory, `${randomUUID()}.keys.sqlite`);
    const store = new SqliteSubjectKeyStore(file);
    const kept = (await store.keyFor(`patient-${randomUUID()}`)) as Buffer;
    const subject = `patient-${randomUUID()}`;
    const key = (await store.keyFor(subject)) as Buffer;
    await store.close();
    expect(readFileSync(file).includes(key)).toBe(true);

    const reopened = new SqliteSubjectKeyStore(file);
    await reopened.erase(subject);
    await reopened.close();

    const bytes = readFileSync(file);
    expect(bytes.includes(key)).toBe(false);
    expect(bytes.includes(kept)).toBe(true);
  });
});

describe('PersonalDataEventStore with its keys in MongoDB (the distributed profile)', () => {
  it('given a patient erased, then their events read erased through another connection too, and the event file holds nothing of them', async () => {
    const eventsFile = join(directory, `${randomUUID()}.events.sqlite`);
    const readStore = await MongoReadStore.connect(mongoUrl(), databaseName);
    readStores.push(readStore);
    const policy = { PatientRegistered: { subject: 'patientId', fields: ['lastName', 'medicalHistory'] } };
    const store = new PersonalDataEventStore(SqliteEventStore.open(eventsFile), new ReadStoreSubjectKeyStore(readStore), policy);
    const patientId = `patient-${randomUUID()}`;
    const data = { patientId, lastName: 'Quillebeuf', medicalHistory: 'Scoliose opérée' };
    await store.appendToStream(`patient-${patientId}`, [{ type: 'PatientRegistered', data }], { expectedRevision: 'no_stream' });
    expect((await store.readStream(`patient-${patientId}`))[0]?.data).toEqual(data);

    await new ReadStoreSubjectKeyStore(readStore).erase(patientId);

    // A fresh store, as another instance of the service would read it: no cache holds the key.
    const otherInstance = new PersonalDataEventStore(SqliteEventStore.open(eventsFile), new ReadStoreSubjectKeyStore(readStore), policy);
    expect((await otherInstance.readStream(`patient-${patientId}`))[0]?.data).toEqual({ patientId, lastName: ERASED, medicalHistory: ERASED });
    await store.close();
    await otherInstance.close();
    const bytes = readFileSync(eventsFile);
    expect(['Quillebeuf', 'Scoliose'].filter((text) => bytes.includes(text))).toEqual([]);
  });
});
