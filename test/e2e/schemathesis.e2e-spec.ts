import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { runSchemathesis, SCHEMATHESIS_VERSION } from '../support/schemathesis';

/**
 * The OpenAPI document is exact, checked by Schemathesis against the embedded platform: every
 * operation, every check, a bounded number of examples each (the examples, coverage and fuzzing
 * phases), then the stateful phase, which chains calls along the document's links (a cabinet
 * opened, then its patients, their consultations, …). Any failure fails the suite, with
 * Schemathesis's own report. test/e2e/schemathesis.toml holds the few documented exceptions.
 */

const REPORT_DIR = resolve(__dirname, '..', '..', '.cache', 'schemathesis', 'last-run');
const CONFIG_FILE = join(__dirname, 'schemathesis.toml');
/** Test cases per operation and phase: enough to meet every constraint, small enough for 2 cores. */
const MAX_EXAMPLES = 10;

/** What Schemathesis cannot create by itself, made through the API and handed to it by id. */
interface Seed {
  readonly token: string;
  readonly ownerId: string;
  readonly cabinetId: string;
  readonly appointmentId: string;
  readonly delegationId: string;
  readonly invitationId: string;
}

describe('the OpenAPI document, checked by Schemathesis against the embedded platform', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let seed: Seed;

  beforeAll(async () => {
    platform = await startPlatform({
      DATA_DIR: dataDir.path,
      // Schemathesis registers accounts in every phase, from one address: a limit generous
      // enough that registration is exercised, not only its 429 (which stays declared and allowed).
      REGISTRATIONS_PER_ADDRESS: '100000',
    });
    seed = await seedOwnerWithCabinet(new HttpClient(platform.baseUrl));
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    dataDir.remove();
  });

  it('finds no failure', async () => {
    mkdirSync(REPORT_DIR, { recursive: true });
    // The document as tested, beside Schemathesis's reports, to read a failure against.
    writeFileSync(join(REPORT_DIR, 'openapi.json'), JSON.stringify((await new HttpClient(platform.baseUrl).get('/api/docs/openapi.json')).body, null, 2));
    const run = await runSchemathesis(
      [
        '--config-file',
        CONFIG_FILE,
        'run',
        `${platform.baseUrl}/api/docs/openapi.json`,
        '--url',
        platform.baseUrl,
        '--header',
        `Authorization: Bearer ${seed.token}`,
        '--phases',
        'examples,coverage,fuzzing,stateful',
        '--max-examples',
        String(MAX_EXAMPLES),
        // One worker: CPython 3.11.7's ast.parse is not thread-safe ("AST constructor recursion
        // depth mismatch", fixed in 3.11.8), and Hypothesis parses lambdas with it in each worker.
        '--workers',
        '1',
        // The same cases at every run, so that a failure is reproduced by the next run.
        '--seed',
        '1',
        '--generation-database',
        'none',
        '--report',
        'junit,ndjson',
        '--report-dir',
        REPORT_DIR,
      ],
      {
        SCHEMATHESIS_OWNER_ID: seed.ownerId,
        SCHEMATHESIS_CABINET_ID: seed.cabinetId,
        SCHEMATHESIS_APPOINTMENT_ID: seed.appointmentId,
        SCHEMATHESIS_DELEGATION_ID: seed.delegationId,
        SCHEMATHESIS_INVITATION_ID: seed.invitationId,
      },
    );
    // Every failure in full when there is one; else the summary alone (operations, phases, cases).
    // Its closing banner ("=== 3 warnings in 20.17s ===") is left out: it has the shape of pytest's
    // last line, and CI, which reads the run's output for such lines, took it for a pytest run
    // that executed no test. The full output stays in the reports under REPORT_DIR.
    const summaryStart = run.output.search(/^=+ SUMMARY =+$/m);
    const shown = run.exitCode === 0 && summaryStart >= 0 ? run.output.slice(summaryStart) : run.output;
    console.log(`Schemathesis ${SCHEMATHESIS_VERSION}, exit code ${run.exitCode}\n${withoutClosingBanners(shown)}`);
    expect(run.exitCode).toBe(0);
  }, 600_000);
});

/**
 * The owner whose token Schemathesis uses, with a cabinet, a patient, an appointment (the owner
 * as practitioner), a secretary's delegation, and an invitation from another owner to accept.
 * Its password is random: no example of the document can guess it on /auth/password or log in.
 */
async function seedOwnerWithCabinet(http: HttpClient): Promise<Seed> {
  const owner = await registerAndLogIn(http, 'schemathesis.owner@example.fr', 'Dr Schemathesis');
  const cabinetId = (await expectCreated(owner.http.post('/api/v1/cabinets', { name: 'Cabinet Schemathesis' }))).cabinetId;
  // The cabinet is the owner's once the access read model has it (within a second).
  const patientId = await eventually(
    async () => (await expectCreated(owner.http.post(`/api/v1/cabinets/${cabinetId}/patients`, { firstName: 'Hélène', lastName: 'Durand', birthDate: '1984-06-12' }))).patientId,
  );
  const appointment = { practitionerId: owner.accountId, patientName: 'Hélène Durand', start: '2026-03-02T09:00:00+01:00', end: '2026-03-02T09:45:00+01:00' };
  const appointmentId = await eventually(async () => (await expectCreated(owner.http.post(`/api/v1/cabinets/${cabinetId}/appointments`, { ...appointment, patientId }))).appointmentId);
  const delegationId = (await expectCreated(owner.http.post('/api/v1/delegations', { email: 'secretariat.schemathesis@example.fr', role: 'secretary', cabinetIds: [cabinetId] })))
    .delegationId;

  const colleague = await registerAndLogIn(http, 'schemathesis.colleague@example.fr', 'Dr Collègue');
  const colleagueCabinetId = (await expectCreated(colleague.http.post('/api/v1/cabinets', { name: 'Cabinet du collègue' }))).cabinetId;
  const invitationId = await eventually(
    async () => (await expectCreated(colleague.http.post(`/api/v1/cabinets/${colleagueCabinetId}/colleagues`, { email: owner.email }))).invitationId,
  );
  return { token: owner.token, ownerId: owner.accountId, cabinetId, appointmentId, delegationId, invitationId };
}

async function registerAndLogIn(http: HttpClient, email: string, displayName: string) {
  const password = randomBytes(18).toString('base64url');
  const { accountId } = await expectCreated(http.post('/api/v1/auth/register', { email, password, displayName }));
  const session = await http.post('/api/v1/auth/login', { email, password });
  if (session.status !== 200) throw new Error(`login ${email}: ${session.status} ${JSON.stringify(session.body)}`);
  return { accountId: accountId as string, email, token: session.body.accessToken as string, http: http.withToken(session.body.accessToken) };
}

async function expectCreated(answer: Promise<{ status: number; body: Record<string, string> }>): Promise<Record<string, string>> {
  const { status, body } = await answer;
  if (status !== 201) throw new Error(`expected 201, got ${status} ${JSON.stringify(body)}`);
  return body;
}

/** Schemathesis's banner lines (`==== … ====`) other than the SUMMARY heading, which names no count. */
function withoutClosingBanners(output: string): string {
  return output
    .split('\n')
    .filter((line) => !/^=+ .* =+$/.test(line.trim()) || /^=+ SUMMARY =+$/.test(line.trim()))
    .join('\n');
}
