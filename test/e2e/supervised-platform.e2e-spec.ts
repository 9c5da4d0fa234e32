import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { isAlive } from '../../deploy/local/server-runs';
import { logIn, registerMainAccount } from '../support/accounts';
import { DIST_DIR, ensureFreshBuild } from '../support/distributed-platform';
import { temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { kafkaProfile } from '../support/kafka-profile';
import { temporaryPasswordIn } from '../support/outbox';

const START_SCRIPT = join(DIST_DIR, 'deploy', 'local', 'start-distributed.js');

/** One `node dist/deploy/local/start-distributed.js` (what `npm run start:distributed` runs after its build), its output kept line by line. */
class Invocation {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(args: readonly string[], env: Readonly<Record<string, string | undefined>>) {
    this.child = spawn(process.execPath, [START_SCRIPT, ...args], { env: { PATH: process.env.PATH, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = '';
    const collect = (chunk: Buffer) => {
      const parts = (pending + chunk.toString('utf8')).split('\n');
      pending = parts.pop() ?? '';
      this.lines.push(...parts);
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = once(this.child, 'exit').then(([code]) => code as number | null);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The first line matching, once written; the output so far in the failure otherwise. */
  line(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    return eventually(() => {
      const found = this.lines.find((line) => pattern.test(line));
      if (found === undefined) throw new Error(`No line matching ${pattern} in:\n${this.lines.join('\n')}`);
      return found;
    }, timeoutMs, 100);
  }

  signal(name: NodeJS.Signals): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(name);
  }
}

/**
 * A gateway port whose five service ports after it, and all six operator ports (+ 10000), are free
 * now: below Linux's ephemeral range (32768 and up), so no outgoing connection takes one meanwhile.
 */
async function freePortRun(): Promise<number> {
  const isFree = (port: number) =>
    new Promise<boolean>((resolve) => {
      const probe = createServer()
        .once('error', () => resolve(false))
        .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = 10_000 + Math.floor(Math.random() * 12_000);
    const ports = [0, 1, 2, 3, 4, 5].flatMap((offset) => [base + offset, base + offset + 10_000]);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return base;
  }
  throw new Error('No run of free ports found');
}

function runState<T>(dataDir: string, file: string): T {
  return JSON.parse(readFileSync(join(dataDir, 'run', `${file}.json`), 'utf8')) as T;
}

/**
 * `npm run start:distributed` as an operator runs it, over the suite's real Kafka and FerretDB:
 * its mail goes to its own SMTP server and web page; a service killed with SIGKILL is logged and
 * started again while the others keep answering; `--only` takes one service over from a second
 * terminal; SIGINT stops everything and restarts nothing. One test body: kafkajs (the clean-up of
 * topics) loads protocol modules lazily, which Jest 30 refuses between hooks.
 */
describe('npm run start:distributed: a supervised platform', () => {
  beforeAll(() => ensureFreshBuild(), 180_000);

  it('mails to its local SMTP server, restarts a killed service, hands one over to --only, and stops cleanly', async () => {
    const dataDir = temporaryDataDir();
    const profile = kafkaProfile(dataDir.path);
    const port = await freePortRun();
    const platform = new Invocation([], { ...profile.env, PORT: String(port), MAIL_SMTP_PORT: '0', MAIL_UI_PORT: '0' });
    let takingOver: Invocation | undefined;
    try {
      await platform.line(/^Platform \(distributed\) ready on/, 120_000);
      const { mailUiUrl, supervisorPid } = runState<{ mailUiUrl: string; supervisorPid: number }>(dataDir.path, 'platform');
      expect(supervisorPid).toBe(platform.pid);
      expect(await platform.line(/^Mail from identity and patient-records: smtp:\/\/127\.0\.0\.1:\d+, read at http:\/\/127\.0\.0\.1:\d+$/)).toContain(mailUiUrl);

      // Identity mails the secretary's temporary password through SMTP; the mail UI lists it and shows its text.
      const anonymous = new HttpClient(`http://127.0.0.1:${port}`);
      const owner = await registerMainAccount(anonymous, 'owner@example.fr', 'Dr Claire Martin');
      const cabinetId = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet A' })).body.cabinetId;
      expect((await owner.http.post('/api/v1/delegations', { email: 'secretariat@example.fr', role: 'secretary', cabinetIds: [cabinetId] })).status).toBe(201);
      const mailed = await eventually(async () => {
        const listed = (await (await fetch(`${mailUiUrl}/api/messages`)).json()) as { id: string; envelope: { to: string[] } }[];
        const found = listed.find((message) => message.envelope.to.includes('secretariat@example.fr'));
        if (!found) throw new Error(`No mail to secretariat@example.fr among ${JSON.stringify(listed)}`);
        return found;
      }, 30_000);
      const opened = (await (await fetch(`${mailUiUrl}/api/messages/${mailed.id}`)).json()) as { subject: string; text: string };
      const temporaryPassword = temporaryPasswordIn(opened.text);
      expect(temporaryPassword).toEqual(expect.any(String));
      expect(await logIn(anonymous, 'secretariat@example.fr', temporaryPassword!)).toEqual(expect.any(String));
      expect(await (await fetch(mailUiUrl)).text()).toContain(`/api/messages/${mailed.id}`);

      // accounting dies (SIGKILL): logged, started again after 1 s, while access-grant keeps answering.
      const ledger = `/api/v1/ledgers/${owner.accountId}/entries`;
      expect((await owner.http.get(ledger)).status).toBe(200);
      const killed = runState<{ pid: number }>(dataDir.path, 'accounting').pid;
      process.kill(killed, 'SIGKILL');
      const othersAnswered: number[] = [];
      await eventually(
        async () => {
          othersAnswered.push((await owner.http.get('/api/v1/cabinets')).status);
          expect((await owner.http.get(ledger)).status).toBe(200);
          expect(runState<{ pid: number }>(dataDir.path, 'accounting').pid).not.toBe(killed);
        },
        60_000,
        100,
      );
      expect(new Set(othersAnswered)).toEqual(new Set([200]));
      expect(await platform.line(/supervisor\s+\| accounting killed by SIGKILL after [\d.]+ s up; restarting it in 1 s$/)).toBeDefined();
      const restarted = runState<{ pid: number }>(dataDir.path, 'accounting').pid;
      expect(await platform.line(new RegExp(`supervisor\\s+\\| accounting restarted \\(pid ${restarted}\\) and answering again$`))).toBeDefined();

      // A second invocation, given nothing but the data directory, takes accounting over.
      takingOver = new Invocation(['--only', 'accounting'], { DATA_DIR: dataDir.path });
      await takingOver.line(/accounting \(pid \d+, port \d+\) running here, in the platform of start:distributed pid \d+/, 120_000);
      expect(runState<{ supervisorPid: number }>(dataDir.path, 'accounting').supervisorPid).toBe(takingOver.pid);
      expect(isAlive(restarted)).toBe(false);
      expect(await platform.line(new RegExp(`accounting (exited with status \\d+|killed by SIGTERM); start:distributed pid ${takingOver.pid} runs it now \\(--only\\), so it is not restarted here$`))).toBeDefined();
      expect((await owner.http.get(ledger)).status).toBe(200);

      // Its Ctrl-C stops accounting and leaves it stopped: the first invocation does not restart it, and the gateway says so.
      takingOver.signal('SIGINT');
      expect(await takingOver.exited).toBe(0);
      expect(await owner.http.get(ledger)).toMatchObject({
        status: 502,
        body: { statusCode: 502, code: 'GATEWAY.SERVICE_UNAVAILABLE', message: 'The accounting service is unavailable; try again shortly' },
      });
      expect((await owner.http.get('/api/v1/cabinets')).status).toBe(200);

      // Ctrl-C on the platform: every process stops, none restarts, and the run state goes.
      const pids = (['identity', 'access-grant', 'planning', 'patient-records', 'gateway'] as const).map((name) => runState<{ pid: number }>(dataDir.path, name).pid);
      const linesBeforeStop = platform.lines.length;
      platform.signal('SIGINT');
      expect(await platform.exited).toBe(0);
      expect(platform.lines.slice(linesBeforeStop).filter((line) => /restarting it in|restarted \(pid/.test(line))).toEqual([]);
      expect(platform.lines).toContainEqual(expect.stringMatching(/SIGINT: stopping identity, access-grant, planning, patient-records, accounting, gateway; nothing is restarted$/));
      expect(pids.filter(isAlive)).toEqual([]);
      expect(() => runState(dataDir.path, 'platform')).toThrow('ENOENT');
      expect(await new HttpClient(`http://127.0.0.1:${port}`).get('/health').catch(() => 'refused')).toBe('refused');
    } finally {
      for (const invocation of [takingOver, platform]) {
        invocation?.signal('SIGTERM');
        await invocation?.exited;
      }
      await profile.cleanUp();
      dataDir.remove();
    }
  }, 300_000);
});
