import { USAGE, runRebuildCommand } from './rebuild-command';
import type { RebuildRun } from './read-model-rebuilds';

const OPERATOR_KEY = 'k'.repeat(40);

function run(overrides: Partial<RebuildRun>): RebuildRun {
  return {
    rebuildId: 'rebuild-1',
    service: 'planning',
    readModel: 'appointments',
    collection: 'planning_appointments',
    state: 'running',
    phase: 'folding',
    eventsRead: 0,
    documentsWritten: 0,
    eventsCaughtUp: 0,
    rebuiltUpTo: null,
    swapMs: null,
    startedAt: '2026-11-29T10:00:00.000Z',
    finishedAt: null,
    durationMs: 0,
    error: null,
    ...overrides,
  };
}

interface Sent {
  readonly method: string;
  readonly url: string;
  readonly operatorKey: string | undefined;
}

/** A platform that answers each request with the next of `answers`, and notes what it was sent. */
function platformAnswering(...answers: { status: number; body: unknown }[]): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetchImplementation = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    sent.push({ method: init?.method ?? 'GET', url: String(url), operatorKey: headers.get('x-operator-key') ?? undefined });
    const answer = answers.shift();
    if (answer === undefined) throw new Error('the test platform has no more answers');
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch: fetchImplementation as typeof fetch, sent };
}

async function command(args: string[], env: Record<string, string | undefined>, fetchImplementation: typeof fetch) {
  const printed: string[] = [];
  const complaints: string[] = [];
  const status = await runRebuildCommand(args, { env, fetch: fetchImplementation, print: (line) => printed.push(line), complain: (line) => complaints.push(line), pollIntervalMs: 1 });
  return { status, printed, complaints };
}

describe('npm run rebuild', () => {
  it('given a running platform, when asked to rebuild, then it starts the rebuild, follows it and reports the outcome', async () => {
    const platform = platformAnswering(
      { status: 202, body: run({}) },
      { status: 200, body: run({ eventsRead: 4_000, phase: 'folding' }) },
      { status: 200, body: run({ state: 'succeeded', phase: null, eventsRead: 10_000, documentsWritten: 2_500, eventsCaughtUp: 3, swapMs: 1.4, durationMs: 2_345 }) },
    );

    const { status, printed, complaints } = await command(['planning', 'appointments'], { OPERATOR_KEY, OPERATOR_URL: 'http://127.0.0.1:4000/' }, platform.fetch);

    expect(status).toBe(0);
    expect(complaints).toEqual([]);
    expect(platform.sent).toEqual([
      { method: 'POST', url: 'http://127.0.0.1:4000/operator/read-models/planning/appointments/rebuilds', operatorKey: OPERATOR_KEY },
      { method: 'GET', url: 'http://127.0.0.1:4000/operator/rebuilds/rebuild-1', operatorKey: OPERATOR_KEY },
      { method: 'GET', url: 'http://127.0.0.1:4000/operator/rebuilds/rebuild-1', operatorKey: OPERATOR_KEY },
    ]);
    expect(printed.at(-1)).toBe(
      'rebuilt planning appointments in 2.3 s: 10,000 events read, 2,500 documents written, 3 events appended meanwhile caught up; live writes held 1 ms for the swap',
    );
    expect(printed).toContain('  folding: 4,000 events read, 0 documents written');
  });

  it('given no OPERATOR_URL, then it calls the platform on OPERATOR_PORT, else PORT, 3000 by default', async () => {
    const onOperatorPort = platformAnswering({ status: 200, body: {} });
    const onPort = platformAnswering({ status: 200, body: {} });
    const byDefault = platformAnswering({ status: 200, body: {} });

    await command(['--list'], { OPERATOR_KEY, PORT: '4100', OPERATOR_PORT: '14100' }, onOperatorPort.fetch);
    await command(['--list'], { OPERATOR_KEY, PORT: '4100' }, onPort.fetch);
    await command(['--list'], { OPERATOR_KEY }, byDefault.fetch);

    expect(onOperatorPort.sent[0]?.url).toBe('http://127.0.0.1:14100/operator/read-models');
    expect(onPort.sent[0]?.url).toBe('http://127.0.0.1:4100/operator/read-models');
    expect(byDefault.sent[0]?.url).toBe('http://127.0.0.1:3000/operator/read-models');
  });

  it('lists what the running platform can rebuild, service by service', async () => {
    const platform = platformAnswering({ status: 200, body: { planning: ['appointments'], accounting: [] } });

    const { status, printed } = await command(['--list'], { OPERATOR_KEY }, platform.fetch);

    expect(status).toBe(0);
    expect(printed).toEqual(['planning: appointments', 'accounting: (none)']);
  });

  it('given a rebuild that fails, then it says so with the reason and exits 1', async () => {
    const platform = platformAnswering(
      { status: 202, body: run({}) },
      { status: 200, body: run({ state: 'failed', phase: null, error: 'disk I/O error', durationMs: 800 }) },
    );

    const { status, complaints } = await command(['planning', 'appointments'], { OPERATOR_KEY }, platform.fetch);

    expect(status).toBe(1);
    expect(complaints).toEqual(['rebuild of planning appointments failed after 0.8 s; the read model is left as it was: disk I/O error']);
  });

  it('given a name the platform does not know, then it shows the platform\'s answer, which lists the valid ones, and exits 1', async () => {
    const message = 'planning has no rebuildable read model "appointmentz". Rebuildable: appointments.';
    const platform = platformAnswering({ status: 404, body: { statusCode: 404, code: 'REBUILD.UNKNOWN_READ_MODEL', message } });

    const { status, complaints } = await command(['planning', 'appointmentz'], { OPERATOR_KEY }, platform.fetch);

    expect(status).toBe(1);
    expect(complaints).toEqual([`404 REBUILD.UNKNOWN_READ_MODEL: ${message}`]);
  });

  it('given no OPERATOR_KEY, then it asks for it and calls nothing', async () => {
    const platform = platformAnswering();

    const { status, complaints } = await command(['planning', 'appointments'], { OPERATOR_KEY: ' ' }, platform.fetch);

    expect(status).toBe(2);
    expect(complaints[0]).toMatch(/^OPERATOR_KEY is not set/);
    expect(platform.sent).toEqual([]);
  });

  it.each([[[]], [['planning']], [['planning', 'appointments', 'extra']], [['--force', 'planning']]])('given the arguments %j, then it prints the usage and exits 2', async (args) => {
    const platform = platformAnswering();

    const { status, complaints } = await command(args, { OPERATOR_KEY }, platform.fetch);

    expect(status).toBe(2);
    expect(complaints).toEqual([USAGE]);
    expect(platform.sent).toEqual([]);
  });

  it('given nothing listening, then it says where it looked and how to point it elsewhere', async () => {
    const refused = (async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    }) as typeof fetch;

    const { status, complaints } = await command(['planning', 'appointments'], { OPERATOR_KEY, OPERATOR_URL: 'http://127.0.0.1:3003' }, refused);

    expect(status).toBe(1);
    expect(complaints).toEqual(['Nothing answers at http://127.0.0.1:3003 (ECONNREFUSED): start the platform (npm start), or set OPERATOR_URL to where it runs.']);
  });
});
