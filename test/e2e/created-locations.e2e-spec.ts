import { PASSWORD, registerMainAccount, type SignedIn } from '../support/accounts';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpAnswer, HttpClient } from '../support/http-client';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Every creation answers 201 with a `Location` header (libs/http's CreatedAt): the URL under
 * /api/v1 of what it created, or of the nearest collection that lists it where no route reads
 * the one resource. Following it with a GET answers 200 and shows what was created. The OpenAPI
 * document declares the header on every 201.
 */
describe('Location on every 201, embedded profile', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let anonymous: HttpClient;
  let owner: SignedIn;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    anonymous = new HttpClient(platform.baseUrl);
    owner = await registerMainAccount(anonymous, 'owner@example.fr', 'Dr Claire Martin');
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    dataDir.remove();
  });

  /** The 201's Location, checked to be a path under /api/v1. */
  const locationOf = (answer: HttpAnswer, expected: string): string => {
    expect({ status: answer.status, location: answer.headers.get('location') }).toEqual({ status: 201, location: expected });
    return expected;
  };

  /** A GET of the Location, by who created it, once the read models hold it: 200. */
  const follow = (who: HttpClient, location: string, holds: (body: any) => void): Promise<any> =>
    eventually(async () => {
      const answer = await who.get(location);
      expect(answer.status).toBe(200);
      holds(answer.body);
      return answer.body;
    }, 15_000);

  it('answers the Location of each kind of resource, and a GET of it answers 200 with what was created', async () => {
    // An account: read by its holder at /me.
    const registered = await anonymous.post('/api/v1/auth/register', { email: 'colleague@example.fr', password: PASSWORD, displayName: 'Dr Hugo Bernard' });
    const accountLocation = locationOf(registered, '/api/v1/me');
    const login = await anonymous.post('/api/v1/auth/login', { email: 'colleague@example.fr', password: PASSWORD });
    const colleague = anonymous.withToken(login.body.accessToken);
    await follow(colleague, accountLocation, (me) => expect(me.accountId).toBe(registered.body.accountId));

    // A cabinet: the list of the caller's cabinets.
    const opened = await owner.http.post('/api/v1/cabinets', { name: 'Cabinet des Lilas', address: '1 rue des Lilas, Lyon' });
    const cabinetId = opened.body.cabinetId as string;
    await follow(owner.http, locationOf(opened, '/api/v1/cabinets'), (cabinets) => expect(cabinets.map((cabinet: any) => cabinet.cabinetId)).toContain(cabinetId));

    // An invitation: the cabinet's colleagues, the invitee among them.
    const invited = await eventually(async () => {
      const answer = await owner.http.post(`/api/v1/cabinets/${cabinetId}/colleagues`, { email: 'colleague@example.fr' });
      expect(answer.status).toBe(201);
      return answer;
    }, 15_000);
    await follow(owner.http, locationOf(invited, `/api/v1/cabinets/${cabinetId}/colleagues`), (colleagues) => expect(JSON.stringify(colleagues)).toContain(registered.body.accountId));

    // A delegation: the list of delegations, granted.
    const granted = await owner.http.post('/api/v1/delegations', { email: 'secretary@example.fr', role: 'secretary', cabinetIds: [cabinetId] });
    const delegationId = granted.body.delegationId as string;
    await follow(owner.http, locationOf(granted, '/api/v1/delegations'), (delegations) => expect(delegations.granted.map((delegation: any) => delegation.delegationId)).toContain(delegationId));

    // A patient: their record.
    const patient = await owner.http.post(`/api/v1/cabinets/${cabinetId}/patients`, { firstName: 'Hélène', lastName: 'Durand', birthDate: '1984-06-12', phone: '06 12 34 56 78' });
    const patientId = patient.body.patientId as string;
    await follow(owner.http, locationOf(patient, `/api/v1/patients/${patientId}`), (record) => expect(record).toMatchObject({ patientId, phone: '+33612345678' }));

    // A consultation: the patient's consultations.
    const consultation = await owner.http.post(`/api/v1/patients/${patientId}/consultations`, { date: today, reason: 'Lombalgie' });
    const consultationId = consultation.body.consultationId as string;
    await follow(owner.http, locationOf(consultation, `/api/v1/patients/${patientId}/consultations`), (listed) =>
      expect(listed.items.map((one: any) => one.consultationId)).toContain(consultationId),
    );

    // An appointment: the appointment.
    const booked = await owner.http.post(`/api/v1/cabinets/${cabinetId}/appointments`, {
      practitionerId: owner.accountId,
      patientName: 'DURAND Hélène',
      start: '2026-03-02T09:00:00+01:00',
      end: '2026-03-02T09:45:00+01:00',
    });
    const appointmentId = booked.body.appointmentId as string;
    await follow(owner.http, locationOf(booked, `/api/v1/appointments/${appointmentId}`), (appointment) => expect(appointment.appointmentId).toBe(appointmentId));

    // A manual ledger line: the caller's own ledger.
    const recorded = await owner.http.post('/api/v1/ledgers/me/entries', { kind: 'expense', cabinetId, date: today, label: 'Blouses', amountCents: 4_990, paymentMethod: 'card' });
    await follow(owner.http, locationOf(recorded, '/api/v1/ledgers/me/entries'), (ledger) => expect(JSON.stringify(ledger)).toContain(recorded.body.entryId));

    // A two-factor enrolment: the two-factor status, enrolment under way.
    const enrolment = await colleague.post('/api/v1/me/two-factor/enrolment', { password: PASSWORD });
    await follow(colleague, locationOf(enrolment, '/api/v1/me/two-factor'), (status) => expect(status).toHaveProperty('enabled', false));
  }, 120_000);

  it('declares Location on every 201 of the OpenAPI document', async () => {
    const document = (await anonymous.get('/api/docs/openapi.json')).body;
    const created = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) => (operation?.responses?.['201'] ? [{ operation: `${method} ${path}`, response: operation.responses['201'] }] : [])),
    );
    expect(created.map(({ operation }) => operation).sort()).toEqual(
      [
        'post /api/v1/auth/register',
        'post /api/v1/cabinets',
        'post /api/v1/cabinets/{cabinetId}/appointments',
        'post /api/v1/cabinets/{cabinetId}/colleagues',
        'post /api/v1/cabinets/{cabinetId}/patients',
        'post /api/v1/delegations',
        'post /api/v1/ledgers/me/entries',
        'post /api/v1/me/two-factor/enrolment',
        'post /api/v1/patients/{patientId}/consultations',
      ].sort(),
    );
    for (const { operation, response } of created) {
      expect({ operation, location: response.headers?.Location }).toEqual({ operation, location: expect.objectContaining({ required: true, schema: expect.objectContaining({ type: 'string' }) }) });
    }
  });
});
