import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { Topics, type IntegrationEnvelope } from '@osteo/contracts';
import { EventBus } from '@osteo/messaging';
import { ERASED } from '@osteo/personal-data';
import { runRebuildCommand } from '@osteo/platform';
import { SignedIn, registerMainAccount } from '../support/accounts';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { stringsInFiles } from '../support/platform-internals';

/**
 * Erasing a patient reaches planning (crypto-shredding, embedded profile): the name typed at
 * booking and the reason of an appointment naming the patient's record are stored encrypted with
 * the patient's key in planning's own key store; when planning reads PatientDeleted it erases that
 * key and marks the patient's appointments erased. Planning's raw files then hold neither string,
 * the agenda shows the appointment erased, before and after a rebuild of its read model, and
 * planning.events never carried the name at all.
 */
describe('erasing a patient, in planning (embedded profile)', () => {
  const dataDir = temporaryDataDir();
  const operatorKey = randomBytes(32).toString('base64url');
  let platform: RunningPlatform;
  let owner: SignedIn;
  let cabinetId: string;
  const published: IntegrationEnvelope[] = [];

  const patientName = 'Philomène Crapoussin';
  const reason = 'Torticolis après déménagement de piano';
  const walkIn = { patientName: 'Barnabé Tirelipinpon', reason: 'Entorse du poignet au bilboquet' };

  const agenda = async () => {
    const answer = await owner.http.get(`/api/v1/cabinets/${cabinetId}/appointments?from=2031-05-05T00:00:00Z&to=2031-05-12T00:00:00Z`);
    expect(answer.status).toBe(200);
    return answer.body as { appointmentId: string; patientName: string; status: string }[];
  };

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path, OPERATOR_KEY: operatorKey });
    await platform.app.get(EventBus).subscribe({ groupId: 'planning-erasure-watch', topics: [Topics.planning], handle: async ({ envelope }) => void published.push(envelope) });
    owner = await registerMainAccount(new HttpClient(platform.baseUrl), 'owner@example.fr', 'Dr Claire Martin');
    cabinetId = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet des Lilas' })).body.cabinetId;
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    dataDir.remove();
  });

  it("erases the name and reason of the patient's appointments from planning's files, agenda and rebuilt read model, and never publishes them", async () => {
    const patientId = await eventually(async () => {
      const answer = await owner.http.post(`/api/v1/cabinets/${cabinetId}/patients`, { firstName: 'Philomène', lastName: 'Crapoussin', birthDate: '1981-02-14' });
      expect(answer.status).toBe(201);
      return answer.body.patientId as string;
    }, 30_000);
    const book = async (body: Record<string, unknown>) => {
      const answer = await owner.http.post(`/api/v1/cabinets/${cabinetId}/appointments`, { practitionerId: owner.accountId, ...body });
      expect(answer.status).toBe(201);
      return answer.body.appointmentId as string;
    };
    const appointmentId = await book({ patientName, patientId, reason, start: '2031-05-06T09:00:00Z', end: '2031-05-06T09:45:00Z' });
    const cancelledId = await book({ patientName, patientId, start: '2031-05-07T09:00:00Z', end: '2031-05-07T09:45:00Z' });
    expect((await owner.http.post(`/api/v1/appointments/${cancelledId}/cancel`)).status).toBe(204);
    const walkInId = await book({ ...walkIn, start: '2031-05-06T10:00:00Z', end: '2031-05-06T10:45:00Z' });
    await eventually(async () => expect((await agenda()).map((listed) => listed.patientName)).toEqual([patientName, walkIn.patientName, patientName]));

    // Encrypted from the start: planning's store never held a name or a reason in clear.
    expect(stringsInFiles(dataDir.path, 'planning.', [patientName, reason, walkIn.patientName, walkIn.reason])).toEqual({});

    expect((await owner.http.delete(`/api/v1/patients/${patientId}`)).status).toBe(204);

    await eventually(async () =>
      expect(await agenda()).toMatchObject([
        { appointmentId, patientName: ERASED, status: 'booked' },
        { appointmentId: walkInId, patientName: walkIn.patientName },
        { appointmentId: cancelledId, patientName: ERASED, status: 'cancelled' },
      ]),
    );
    expect((await owner.http.get(`/api/v1/appointments/${appointmentId}`)).body).toMatchObject({ patientName: ERASED, patientId });

    const status = await runRebuildCommand(['planning', 'appointments'], {
      env: { OPERATOR_KEY: operatorKey, OPERATOR_URL: platform.baseUrl },
      fetch,
      print: () => undefined,
      complain: (line) => expect(line).toBeUndefined(),
      pollIntervalMs: 20,
    });
    expect(status).toBe(0);
    expect((await agenda()).map((listed) => listed.patientName)).toEqual([ERASED, walkIn.patientName, ERASED]);

    // The raw files: planning's event store and key store hold neither the name nor the reason.
    expect(stringsInFiles(dataDir.path, 'planning.', [patientName, reason])).toEqual({});
    expect(readdirSync(dataDir.path)).toContain('planning.keys.sqlite');

    // planning.events: ids and times only, neither the patient's nor the walk-in's name, nor any reason.
    expect(published.filter((envelope) => envelope.type === 'AppointmentBooked')).toHaveLength(3);
    expect(published.filter((envelope) => envelope.type === 'AppointmentBooked' && envelope.version !== 2)).toEqual([]);
    expect([patientName, reason, walkIn.patientName, walkIn.reason].filter((text) => JSON.stringify(published).includes(text))).toEqual([]);
  }, 120_000);
});
