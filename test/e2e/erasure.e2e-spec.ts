import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { EventStore, SqliteEventStore } from '@osteo/event-sourcing';
import { ERASED } from '@osteo/personal-data';
import { runRebuildCommand } from '@osteo/platform';
import { PatientRecordsModule } from '../../services/patient-records/patient-records.module';
import { PASSWORD, SignedIn, logIn, registerMainAccount } from '../support/accounts';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { providerOf, stringsInFiles } from '../support/platform-internals';

/**
 * The right to erasure in an event-sourced store (crypto-shredding), embedded profile: a
 * patient's personal data is stored encrypted from the start, and once the owner deletes the
 * record, its key is gone: the raw files under DATA_DIR hold none of it, a rebuild and a restart
 * show it erased, and only the ledger's line keeps the name the law requires.
 */
describe('erasing a patient, embedded profile', () => {
  const dataDir = temporaryDataDir();
  const operatorKey = randomBytes(32).toString('base64url');
  let platform: RunningPlatform;
  let owner: SignedIn;
  let cabinetId: string;

  const today = new Date().toISOString().slice(0, 10);
  const patient = {
    firstName: 'Zéphyrine',
    lastName: 'Quillebeuf',
    birthDate: '1977-11-23',
    // In E.164, as the record stores it: what is read back is what was sent.
    phone: '+33698765432',
    email: 'zephyrine.quillebeuf@example.fr',
    medicalHistory: 'Scoliose opérée en 1994',
  };
  const consultation = { reason: 'Cervicalgie après chute de cheval', notes: 'Raideur marquée en rotation droite' };
  const revision = { examination: 'Test de Spurling négatif', treatment: 'Mobilisations douces du rachis cervical' };
  /** What nothing may keep once the patient is erased: the ledger's name aside. */
  const careAndContact = [patient.phone, patient.email, patient.medicalHistory, patient.birthDate, consultation.reason, consultation.notes, revision.examination, revision.treatment];
  const everything = [patient.firstName, patient.lastName, ...careAndContact];
  const ledgerName = 'QUILLEBEUF Zéphyrine';


  const recordsStoreOf = (app: INestApplicationContext): EventStore => providerOf(app, PatientRecordsModule, EventStore);

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path, OPERATOR_KEY: operatorKey });
    owner = await registerMainAccount(new HttpClient(platform.baseUrl), 'owner@example.fr', 'Dr Claire Martin');
    cabinetId = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet des Lilas' })).body.cabinetId;
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    dataDir.remove();
  });

  it('keeps a patient\'s personal data encrypted in the store, erases it with the record, shows it erased after a rebuild and a restart, and keeps the ledger\'s name', async () => {
    const patientId = await eventually(async () => {
      const answer = await owner.http.post(`/api/v1/cabinets/${cabinetId}/patients`, patient);
      expect(answer.status).toBe(201);
      return answer.body.patientId as string;
    }, 30_000);
    const opened = await owner.http.post(`/api/v1/patients/${patientId}/consultations`, { date: today, ...consultation });
    expect(opened.status).toBe(201);
    const consultationId = opened.body.consultationId as string;
    expect((await owner.http.patch(`/api/v1/consultations/${consultationId}`, revision)).status).toBe(204);
    expect((await owner.http.post(`/api/v1/consultations/${consultationId}/complete`, { feeCents: 6000, paymentMethod: 'card' })).status).toBe(204);
    const ledgerPath = `/api/v1/ledgers/${owner.accountId}/entries`;
    await eventually(async () => expect(JSON.stringify((await owner.http.get(ledgerPath)).body)).toContain(ledgerName));
    expect((await owner.http.get(`/api/v1/patients/${patientId}`)).body).toMatchObject(patient);

    // Encrypted from the start: the record's store never held any of it in clear.
    expect(stringsInFiles(dataDir.path, 'patient-records.', everything)).toEqual({});

    expect((await owner.http.delete(`/api/v1/patients/${patientId}`)).status).toBe(204);

    for (const readModel of ['directory', 'consultations']) {
      const status = await runRebuildCommand(['patient-records', readModel], {
        env: { OPERATOR_KEY: operatorKey, OPERATOR_URL: platform.baseUrl },
        fetch,
        print: () => undefined,
        complain: (line) => expect(line).toBeUndefined(),
        pollIntervalMs: 20,
      });
      expect(status).toBe(0);
    }
    expect((await owner.http.get(`/api/v1/patients/${patientId}`)).status).toBe(404);
    expect((await owner.http.get(`/api/v1/cabinets/${cabinetId}/patients?q=Quillebeuf`)).body.items).toEqual([]);
    // The law's ten years: the receipt line keeps the name, and only it.
    expect(JSON.stringify((await owner.http.get(ledgerPath)).body)).toContain(ledgerName);

    const stored = (await recordsStoreOf(platform.app).readAll()).filter((event) => event.data.patientId === patientId);
    const registered = stored.find((event) => event.type === 'PatientRegistered');
    expect(registered?.data).toMatchObject({ firstName: ERASED, lastName: ERASED, birthDate: ERASED, phone: ERASED, email: ERASED, medicalHistory: ERASED });
    expect(stored.find((event) => event.type === 'ConsultationCompleted')?.data).toMatchObject({ patientName: ERASED, feeCents: 6000 });
    expect(everything.filter((text) => JSON.stringify(stored).includes(text))).toEqual([]);

    // The raw files: the record's store and its keys hold nothing; no other file holds the care or the contact details.
    expect(stringsInFiles(dataDir.path, 'patient-records.', everything)).toEqual({});
    expect(stringsInFiles(dataDir.path, '', careAndContact)).toEqual({});

    // A restart rebuilds the in-memory read models from the store: the patient stays gone.
    await platform.stop();
    platform = await startPlatform({ DATA_DIR: dataDir.path, OPERATOR_KEY: operatorKey });
    const http = new HttpClient(platform.baseUrl);
    owner = { ...owner, http: http.withToken(await logIn(http, owner.email, PASSWORD)) };
    await eventually(async () => expect((await owner.http.get(`/api/v1/cabinets/${cabinetId}/patients`)).status).toBe(200), 30_000);
    expect((await owner.http.get(`/api/v1/patients/${patientId}`)).status).toBe(404);
    expect((await owner.http.get(`/api/v1/cabinets/${cabinetId}/patients?q=Quillebeuf`)).body.items).toEqual([]);
  }, 120_000);

  it('keeps an account\'s e-mail and display name out of identity\'s raw files (encrypted in its events, hashed in its stream names), and still logs it in by e-mail after a restart', async () => {
    const holder = { email: 'anselme.vernichon@example.fr', displayName: 'Dr Anselme Vernichon' };
    const signedIn = await registerMainAccount(new HttpClient(platform.baseUrl), holder.email, holder.displayName);
    expect((await signedIn.http.get('/api/v1/me')).body).toMatchObject(holder);

    const raw = SqliteEventStore.open(join(dataDir.path, 'identity.events.sqlite'));
    const registered = (await raw.readAll()).find((event) => event.type === 'AccountRegistered' && event.data.accountId === signedIn.accountId);
    await raw.close();
    expect(registered?.data).toMatchObject({ accountId: signedIn.accountId, email: expect.stringMatching(/^\$pd1\$/), displayName: expect.stringMatching(/^\$pd1\$/) });
    expect(stringsInFiles(dataDir.path, 'identity.', [holder.displayName, holder.email])).toEqual({});

    // The lookup by e-mail is a read model rebuilt at start from the decrypted events.
    await platform.stop();
    platform = await startPlatform({ DATA_DIR: dataDir.path, OPERATOR_KEY: operatorKey });
    const http = new HttpClient(platform.baseUrl);
    const again = await eventually(async () => http.withToken(await logIn(http, holder.email, PASSWORD)), 30_000);
    expect((await again.get('/api/v1/me')).body).toMatchObject(holder);
  }, 120_000);
});

/** The instance a service module's own ServiceInfrastructureModule provides (each service has its own). */
