import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { SqliteEventStore } from '@osteo/event-sourcing';
import { type RebuildRun, runRebuildCommand } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import { PLANNING_APPOINTMENTS } from '../../services/planning/application/appointments/appointments.projection';
import { PlanningModule } from '../../services/planning/planning.module';
import { SignedIn, registerMainAccount } from '../support/accounts';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';

/**
 * `npm run rebuild` against the platform as `npm start` runs it (embedded profile): the command's
 * own client calls the operator route, the read model is rebuilt from planning's event store
 * while appointments are listed and booked, and what was booked during the rebuild is kept.
 *
 * Planning's store holds, besides the appointments booked here, a long history of its agenda's
 * own events (never published, so cheap at start, but read by a rebuild like any other): enough
 * that a rebuild lasts seconds and a booking fits inside it.
 */
const AGENDA_EVENTS = 300_000;
const AGENDA_EVENTS_PER_APPEND = 1_000;
const BOOKED_BEFORE = 12;
const WEEK = { from: '2031-03-03T00:00:00Z', to: '2031-03-10T00:00:00Z' };

/** The ReadStore of one service's own ServiceInfrastructureModule (each service has its own). */
function readStoreOf(app: INestApplicationContext, serviceModule: Type<unknown>): ReadStore {
  const module = [...app.get(ModulesContainer).values()].find((candidate) => candidate.metatype === serviceModule);
  const store = [...(module?.imports ?? [])].map((imported) => imported.providers.get(ReadStore)?.instance).find((instance) => instance instanceof ReadStore);
  if (store === undefined) throw new Error(`${serviceModule.name} imports no ReadStore`);
  return store;
}

async function writeAgendaHistory(dataDir: string): Promise<void> {
  const store = SqliteEventStore.open(join(dataDir, 'planning.events.sqlite'));
  try {
    for (let append = 0; append < AGENDA_EVENTS / AGENDA_EVENTS_PER_APPEND; append++) {
      const events = Array.from({ length: AGENDA_EVENTS_PER_APPEND }, (_, index) => {
        const start = new Date(Date.UTC(2030, 0, 1) + (append * AGENDA_EVENTS_PER_APPEND + index) * 60_000).toISOString();
        return { type: 'AgendaSlotClaimed', data: { appointmentId: randomUUID(), start, end: start, claimedAt: start } };
      });
      await store.appendToStream(`agenda-${randomUUID()}-2030-01-01`, events, { expectedRevision: 'no_stream' });
    }
  } finally {
    await store.close();
  }
}

describe('read-model rebuild, embedded profile', () => {
  const dataDir = temporaryDataDir();
  const operatorKey = randomBytes(32).toString('base64url');
  let platform: RunningPlatform;
  let owner: SignedIn;
  let cabinetId: string;

  const appointmentsPath = () => `/api/v1/cabinets/${cabinetId}/appointments?from=${encodeURIComponent(WEEK.from)}&to=${encodeURIComponent(WEEK.to)}`;
  const book = async (index: number): Promise<string> => {
    const start = new Date(Date.parse(WEEK.from) + 8 * 3_600_000 + index * 3_600_000).toISOString();
    const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
    const answer = await owner.http.post(`/api/v1/cabinets/${cabinetId}/appointments`, { practitionerId: owner.accountId, patientName: `Patient ${index}`, start, end });
    expect(answer.status).toBe(201);
    return answer.body.appointmentId as string;
  };
  /** Null: no key at all. */
  const operator = (key: string | null = operatorKey) => ({
    get: (path: string) => fetch(`${platform.baseUrl}${path}`, { headers: key === null ? {} : { 'x-operator-key': key } }),
    post: (path: string) => fetch(`${platform.baseUrl}${path}`, { method: 'POST', headers: key === null ? {} : { 'x-operator-key': key } }),
  });

  beforeAll(async () => {
    await writeAgendaHistory(dataDir.path);
    platform = await startPlatform({ DATA_DIR: dataDir.path, OPERATOR_KEY: operatorKey });
    owner = await registerMainAccount(new HttpClient(platform.baseUrl), 'owner@example.fr', 'Dr Claire Martin');
    cabinetId = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet des Lilas' })).body.cabinetId;
    await eventually(async () => expect((await owner.http.get(appointmentsPath())).status).toBe(200), 60_000);
    for (let index = 0; index < BOOKED_BEFORE; index++) await book(index);
    await eventually(async () => expect((await owner.http.get(appointmentsPath())).body).toHaveLength(BOOKED_BEFORE), 60_000);
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
    dataDir.remove();
  });

  it('rebuilds planning appointments with npm run rebuild while requests keep succeeding, and keeps an appointment booked during the rebuild', async () => {
    // The live read model drifted: one appointment lost, one patient renamed by hand.
    const listings = readStoreOf(platform.app, PlanningModule).collection(PLANNING_APPOINTMENTS);
    const [lost, renamed] = (await owner.http.get(appointmentsPath())).body as { appointmentId: string; patientName: string }[];
    await listings.deleteOne({ _id: lost!.appointmentId });
    await listings.updateOne({ _id: renamed!.appointmentId }, { $set: { patientName: 'written by hand' } });

    const printed: string[] = [];
    const complaints: string[] = [];
    let rebuildId: string | undefined;
    const command = runRebuildCommand(['planning', 'appointments'], {
      env: { OPERATOR_KEY: operatorKey, OPERATOR_URL: platform.baseUrl },
      fetch,
      print: (line) => {
        printed.push(line);
        rebuildId ??= /rebuild ([0-9a-f-]{36})$/.exec(line)?.[1];
      },
      complain: (line) => complaints.push(line),
      pollIntervalMs: 50,
    });
    let commandEnded = false;
    void command.finally(() => (commandEnded = true));

    // Readers keep being answered, and never see a half-built model: the drifted one, or the rebuilt one.
    const listingSizes: number[] = [];
    const reading = (async () => {
      while (!commandEnded) {
        const answer = await owner.http.get(appointmentsPath());
        expect(answer.status).toBe(200);
        listingSizes.push(answer.body.length);
      }
    })();

    await eventually(() => expect(rebuildId).toBeDefined());
    const bookedDuringRebuild = await book(BOOKED_BEFORE);
    const afterBooking = (await (await operator().get(`/operator/rebuilds/${rebuildId}`)).json()) as RebuildRun;
    // Otherwise this test would not show what it claims: the store needs more history.
    expect(afterBooking.state).toBe('running');

    expect(await command).toBe(0);
    await reading;
    expect(complaints).toEqual([]);
    expect(printed.at(-1)).toMatch(new RegExp(`^rebuilt planning appointments in [0-9.]+ s: ${(AGENDA_EVENTS + 2 * BOOKED_BEFORE + 2).toLocaleString('en-US')} events read, `));

    const rebuilt = await eventually(async () => {
      const answer = await owner.http.get(appointmentsPath());
      expect(answer.body).toHaveLength(BOOKED_BEFORE + 1);
      return answer.body as { appointmentId: string; patientName: string }[];
    });
    expect(rebuilt.map((listing) => listing.appointmentId)).toEqual(expect.arrayContaining([lost!.appointmentId, bookedDuringRebuild]));
    expect(rebuilt.find((listing) => listing.appointmentId === renamed!.appointmentId)?.patientName).toBe(renamed!.patientName);
    expect(listingSizes.length).toBeGreaterThan(0);
    expect(listingSizes.every((size) => size >= BOOKED_BEFORE - 1 && size <= BOOKED_BEFORE + 1)).toBe(true);
  }, 120_000);

  it('rebuilds patient-records consultations, fed by the service\'s own store and no topic', async () => {
    const patient = await owner.http.post(`/api/v1/cabinets/${cabinetId}/patients`, { firstName: 'Hélène', lastName: 'Durand', birthDate: '1980-04-02' });
    expect(patient.status).toBe(201);
    const consultationsPath = `/api/v1/patients/${patient.body.patientId}/consultations`;
    expect((await owner.http.post(consultationsPath, { date: '2025-03-04', reason: 'Lombalgie' })).status).toBe(201);
    const before = await eventually(async () => {
      const answer = await owner.http.get(consultationsPath);
      expect(answer.body.items).toHaveLength(1);
      return answer.body;
    });

    const printed: string[] = [];
    const status = await runRebuildCommand(['patient-records', 'consultations'], {
      env: { OPERATOR_KEY: operatorKey, OPERATOR_URL: platform.baseUrl },
      fetch,
      print: (line) => printed.push(line),
      complain: (line) => printed.push(line),
      pollIntervalMs: 20,
    });

    expect(status).toBe(0);
    expect(printed.at(-1)).toMatch(/^rebuilt patient-records consultations in /);
    expect((await owner.http.get(consultationsPath)).body).toEqual(before);
  }, 60_000);

  it('lists what each service of the process can rebuild', async () => {
    const answer = await operator().get('/operator/read-models');

    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      identity: ['account-directory'],
      'access-grant': ['cabinets', 'delegations', 'invitations', 'colleagues', 'reminder-settings', 'invitee-addresses'],
      planning: ['appointments'],
      'patient-records': ['directory', 'consultations'],
      accounting: [],
    });
  });

  it('answers unknown names with the valid ones', async () => {
    const unknownService = await operator().post('/operator/read-models/planing/appointments/rebuilds');
    const unknownReadModel = await operator().post('/operator/read-models/planning/agenda/rebuilds');
    const fedByOthers = await operator().post('/operator/read-models/accounting/ledger/rebuilds');

    expect(unknownService.status).toBe(404);
    expect(await unknownService.json()).toMatchObject({ code: 'REBUILD.UNKNOWN_SERVICE', message: expect.stringContaining('planning (appointments)') });
    expect(unknownReadModel.status).toBe(404);
    expect(await unknownReadModel.json()).toMatchObject({ code: 'REBUILD.UNKNOWN_READ_MODEL', message: 'planning has no rebuildable read model "agenda". Rebuildable: appointments.' });
    expect(await fedByOthers.json()).toMatchObject({ code: 'REBUILD.UNKNOWN_READ_MODEL', message: expect.stringContaining("fed by other services' events") });
  });

  it('opens to the operator key only: not without it, not with another, not with a user\'s token, not under /api/v1', async () => {
    const withoutKey = await operator(null).post('/operator/read-models/planning/appointments/rebuilds');
    const wrongKey = await operator('x'.repeat(43)).post('/operator/read-models/planning/appointments/rebuilds');
    const userToken = await owner.http.post('/operator/read-models/planning/appointments/rebuilds');
    const underApi = await fetch(`${platform.baseUrl}/api/v1/operator/read-models`, { headers: { 'x-operator-key': operatorKey } });

    expect([withoutKey.status, await withoutKey.json()]).toEqual([401, expect.objectContaining({ code: 'OPERATOR.KEY_REQUIRED' })]);
    expect([wrongKey.status, await wrongKey.json()]).toEqual([401, expect.objectContaining({ code: 'OPERATOR.INVALID_KEY' })]);
    expect([userToken.status, userToken.body.code]).toEqual([401, 'OPERATOR.KEY_REQUIRED']);
    expect(underApi.status).toBe(404);
  });
});

describe('read-model rebuild, embedded profile started without OPERATOR_KEY', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
  });

  afterAll(async () => {
    await platform?.stop();
    dataDir.remove();
  });

  it('keeps the operator routes shut, whatever key is sent', async () => {
    const answer = await fetch(`${platform.baseUrl}/operator/read-models/planning/appointments/rebuilds`, { method: 'POST', headers: { 'x-operator-key': 'k'.repeat(40) } });

    expect(answer.status).toBe(403);
    expect(await answer.json()).toMatchObject({ code: 'OPERATOR.NOT_CONFIGURED' });
  });
});
