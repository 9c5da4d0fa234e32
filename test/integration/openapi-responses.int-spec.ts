import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { registerMainAccount, signInProvisionedAccount, type SignedIn } from '../support/accounts';
import { eventually } from '../support/eventually';
import { HttpClient, type HttpAnswer } from '../support/http-client';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The OpenAPI document is exact, not only complete: what the platform answers on its read routes
 * validates against the declared schemas, read strictly (a field the schema does not name is an
 * error, so a DTO cannot forget one; nullable fields must say so).
 */
describe('answers of the embedded platform against its OpenAPI document', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let anonymous: HttpClient;
  let document: any;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);

  let owner: SignedIn;
  let substitute: SignedIn;
  let cabinetId: string;
  let patientId: string;
  let appointmentId: string;

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    anonymous = new HttpClient(platform.baseUrl);
    document = (await anonymous.get('/api/docs/openapi.json')).body;

    owner = await registerMainAccount(anonymous, 'conformance@example.fr', 'Dr Conformance');
    cabinetId = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet Conformance', address: '1 rue de la Paix' })).body.cabinetId;
    expect((await owner.http.post('/api/v1/delegations', { email: 'locum.conformance@example.fr', role: 'substitute', cabinetIds: [cabinetId], retrocessionPercent: 30 })).status).toBe(201);
    substitute = await signInProvisionedAccount(anonymous, dataDir.path, 'locum.conformance@example.fr');
    patientId = (await substitute.http.post(`/api/v1/cabinets/${cabinetId}/patients`, { firstName: 'Hélène', lastName: 'Durand', birthDate: '1980-05-04' })).body.patientId;
    const consultationId = (await substitute.http.post(`/api/v1/patients/${patientId}/consultations`, { date: '2026-03-02', reason: 'Lombalgie' })).body.consultationId;
    expect((await substitute.http.post(`/api/v1/consultations/${consultationId}/complete`, { feeCents: 10000, paymentMethod: 'card' })).status).toBe(204);
    await substitute.http.post(`/api/v1/patients/${patientId}/consultations`, { date: '2026-03-03', reason: 'Suivi' });
    appointmentId = (
      await owner.http.post(`/api/v1/cabinets/${cabinetId}/appointments`, {
        practitionerId: substitute.accountId,
        patientName: 'DURAND Hélène',
        start: '2026-03-02T09:00:00+01:00',
        end: '2026-03-02T09:45:00+01:00',
        patientId,
      })
    ).body.appointmentId;
    await eventually(async () => expect((await owner.http.get(`/api/v1/ledgers/${owner.accountId}/entries`)).body.entries).toHaveLength(2));
  }, 60_000);

  afterAll(async () => {
    await platform.stop();
    dataDir.remove();
  });

  /** Every object schema with properties refuses others, for this check only. */
  function strictly(schema: any): any {
    if (Array.isArray(schema)) return schema.map(strictly);
    if (typeof schema !== 'object' || schema === null) return schema;
    const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, strictly(value)]));
    if (copy.type === 'object' && copy.properties && copy.additionalProperties === undefined) copy.additionalProperties = false;
    return copy;
  }

  function expectConforms(method: string, pathTemplate: string, answer: HttpAnswer): void {
    const operation = document.paths[pathTemplate]?.[method];
    expect({ operation: `${method} ${pathTemplate}`, declared: operation !== undefined }).toEqual({ operation: `${method} ${pathTemplate}`, declared: true });
    const response = operation.responses[String(answer.status)];
    expect({ operation: `${method} ${pathTemplate}`, status: answer.status, declared: response !== undefined }).toEqual({
      operation: `${method} ${pathTemplate}`,
      status: answer.status,
      declared: true,
    });
    const schema = response.content['application/json'].schema;
    const validate = ajv.compile({ ...strictly(schema), components: strictly(document.components) });
    const valid = validate(answer.body);
    expect({ operation: `${method} ${pathTemplate}`, errors: valid ? [] : validate.errors }).toEqual({ operation: `${method} ${pathTemplate}`, errors: [] });
  }

  it('conforms on the account, cabinets, delegations and invitations', async () => {
    expectConforms('get', '/api/v1/me', await substitute.http.get('/api/v1/me'));
    expectConforms('get', '/api/v1/cabinets', await owner.http.get('/api/v1/cabinets'));
    expectConforms('get', '/api/v1/delegations', await owner.http.get('/api/v1/delegations'));
    expectConforms('get', '/api/v1/delegations', await substitute.http.get('/api/v1/delegations'));
    expectConforms('get', '/api/v1/invitations', await owner.http.get('/api/v1/invitations'));
    expectConforms('get', '/api/v1/cabinets/{cabinetId}/practitioners', await owner.http.get(`/api/v1/cabinets/${cabinetId}/practitioners`));
    expectConforms('get', '/api/v1/cabinets/{cabinetId}/colleagues', await owner.http.get(`/api/v1/cabinets/${cabinetId}/colleagues`));
    expectConforms('post', '/api/v1/auth/login', await anonymous.post('/api/v1/auth/login', { email: 'conformance@example.fr', password: 'correct horse battery staple' }));
  });

  it('conforms on the planning', async () => {
    expectConforms(
      'get',
      '/api/v1/cabinets/{cabinetId}/appointments',
      await owner.http.get(`/api/v1/cabinets/${cabinetId}/appointments?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z`),
    );
    expectConforms('get', '/api/v1/appointments/{appointmentId}', await owner.http.get(`/api/v1/appointments/${appointmentId}`));
  });

  it('conforms on the patient records', async () => {
    await eventually(async () => expect((await owner.http.get(`/api/v1/cabinets/${cabinetId}/patients`)).body.items).toHaveLength(1));
    expectConforms('get', '/api/v1/cabinets/{cabinetId}/patients', await owner.http.get(`/api/v1/cabinets/${cabinetId}/patients?q=hel`));
    expectConforms('get', '/api/v1/patients/{patientId}', await owner.http.get(`/api/v1/patients/${patientId}`));
    expectConforms('get', '/api/v1/patients/{patientId}/consultations', await owner.http.get(`/api/v1/patients/${patientId}/consultations`));
    expectConforms('get', '/api/v1/patients/{patientId}/access-log', await owner.http.get(`/api/v1/patients/${patientId}/access-log`));
  });

  it('conforms on the ledgers', async () => {
    expectConforms('get', '/api/v1/ledgers/{accountId}/entries', await owner.http.get(`/api/v1/ledgers/${owner.accountId}/entries`));
    expectConforms('get', '/api/v1/ledgers/{accountId}/entries', await substitute.http.get(`/api/v1/ledgers/me/entries`));
    const summary = await eventually(async () => {
      const answer = await owner.http.get(`/api/v1/ledgers/${owner.accountId}/retrocession-summary?year=2026`);
      expect(answer.body.substitutes).toHaveLength(1);
      return answer;
    });
    expectConforms('get', '/api/v1/ledgers/{accountId}/retrocession-summary', summary);
    expectConforms('get', '/api/v1/ledgers/{accountId}/retrocession-summary', await owner.http.get(`/api/v1/ledgers/${owner.accountId}/retrocession-summary`));
  });

  it('conforms on error answers: 400, 401, 403, 404', async () => {
    expectConforms('post', '/api/v1/cabinets', await owner.http.post('/api/v1/cabinets', { name: '' }));
    expectConforms('get', '/api/v1/cabinets', await anonymous.get('/api/v1/cabinets'));
    expectConforms('delete', '/api/v1/patients/{patientId}', await substitute.http.delete(`/api/v1/patients/${patientId}`));
    expectConforms('get', '/api/v1/patients/{patientId}', await owner.http.get('/api/v1/patients/no-such-patient'));
  });
});
