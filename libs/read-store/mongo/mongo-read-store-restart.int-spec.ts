import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReadCollection } from '../read-store';
import { MongoReadStore, type MongoReadStoreLog } from './mongo-read-store';

/**
 * The read store heals by itself after its database restarts under load, as accounting's ledger
 * must (test/faults/ledger-under-faults.e2e-spec.ts, case (c)): writers keep writing while a
 * FerretDB of this suite's own (never the shared one, which other suites use meanwhile) stops
 * with SIGTERM, as deploy/local/ferretdb.sh stops it, and starts again, twice. After each start
 * the store writes again within seconds, and at the end every write it acknowledged is stored.
 *
 * FerretDB gives its clients 3 s after a SIGTERM, then closes every connection at once; that is
 * when the driver's monitoring sometimes hangs (stalled-heartbeats.ts, whose spec covers the
 * detection itself). Here it is at random: about one restart in five under this load. When it
 * happens, a connectTimeoutMS of 1 s (5 s in the services) lets the store notice within 3 s,
 * which keeps the suite short.
 */

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const RESTARTS = 2;
const WRITERS = 8;
const DOWNTIME_MS = 500;
/** From the server answering again to the store's first acknowledged write: the hung monitor's 3 s, a reconnection, slack. */
const HEALED_WITHIN_MS = 8_000;

describe('MongoReadStore when its FerretDB restarts under load', () => {
  let ferretDb: OwnFerretDb;

  beforeAll(async () => {
    ferretDb = await OwnFerretDb.start();
  }, 60_000);

  afterAll(async () => {
    await ferretDb?.remove();
  }, 60_000);

  it(`given writers writing throughout, when FerretDB stops and starts again ${RESTARTS} times, then the store writes again within seconds each time and keeps every write it acknowledged`, async () => {
    const warnings: string[] = [];
    const log: MongoReadStoreLog = { warn: (_context, message) => warnings.push(message), info: () => undefined };
    const store = await MongoReadStore.connect(ferretDb.url, `restart_${Date.now().toString(36)}`, { connectTimeoutMS: 1_000, log });
    const lines = store.collection<{ _id: string }>('ledger_lines');
    const writers = new Writers(lines);
    try {
      for (let restart = 1; restart <= RESTARTS; restart++) {
        await writers.acknowledgedSince(Date.now(), 5_000);
        await ferretDb.run('stop');
        await sleep(DOWNTIME_MS);
        await ferretDb.run('start');
        const answeringSince = Date.now();
        const healed = await writers.acknowledgedSince(answeringSince, HEALED_WITHIN_MS);
        if (!healed) {
          throw new Error(`No write acknowledged within ${HEALED_WITHIN_MS} ms of restart ${restart}; the store's warnings: ${JSON.stringify(warnings)}; last error: ${writers.lastError}`);
        }
      }
      await writers.stop();

      const stored = new Set((await lines.find({})).map((line) => line._id));
      const lost = [...writers.acknowledged].filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      expect(writers.acknowledged.size).toBeGreaterThan(0);
    } finally {
      await writers.stop();
      await store.dropAll();
      await store.close();
    }
  }, 60_000);
});

/** Concurrent writers of two ledger lines at a time, as the ledger consumer writes them; a failed write is tried again after a pause. */
class Writers {
  readonly acknowledged = new Set<string>();
  lastError = '';
  private lastAcknowledgedAt = 0;
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(private readonly lines: ReadCollection<{ _id: string }>) {
    this.loops = Array.from({ length: WRITERS }, (_, writer) => this.write(writer));
  }

  /** True once a write begun after `since` is acknowledged; false if none is within `withinMs`. */
  async acknowledgedSince(since: number, withinMs: number): Promise<boolean> {
    const deadline = since + withinMs;
    while (Date.now() < deadline) {
      if (this.lastAcknowledgedAt > since) return true;
      await sleep(50);
    }
    return this.lastAcknowledgedAt > since;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async write(writer: number): Promise<void> {
    for (let sequence = 0; this.running; sequence += 2) {
      const ids = [`w${writer}-${sequence}`, `w${writer}-${sequence + 1}`];
      const begunAt = Date.now();
      try {
        await this.lines.insertAbsent(ids.map((_id) => ({ _id })));
        for (const id of ids) this.acknowledged.add(id);
        this.lastAcknowledgedAt = Math.max(this.lastAcknowledgedAt, begunAt);
      } catch (error) {
        this.lastError = String(error);
        sequence -= 2;
        await sleep(100);
      }
    }
  }
}

/** A FerretDB of this suite's own, run by deploy/local/ferretdb.sh on a free port with its data in a temporary directory. */
class OwnFerretDb {
  private constructor(
    private readonly stateDir: string,
    private readonly port: number,
  ) {}

  static async start(): Promise<OwnFerretDb> {
    const server = new OwnFerretDb(mkdtempSync(join(tmpdir(), 'osteo-read-store-restart-')), await freePort());
    await server.run('start');
    return server;
  }

  get url(): string {
    return `mongodb://127.0.0.1:${this.port}/`;
  }

  run(command: 'start' | 'stop'): Promise<void> {
    const environment = { ...process.env, FERRETDB_PORT: String(this.port), FERRETDB_STATE_DIR: this.stateDir };
    return new Promise((resolvePromise, reject) => {
      const child = spawn('bash', [join(REPO_ROOT, 'deploy', 'local', 'ferretdb.sh'), command], { env: environment, stdio: ['ignore', 'ignore', 'pipe'] });
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`ferretdb.sh ${command} failed:\n${output}`))));
    });
  }

  async remove(): Promise<void> {
    await this.run('stop');
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}

/** A port the system hands out now, released for the server to take. */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolvePromise) => probe.close(resolvePromise));
  return port;
}
