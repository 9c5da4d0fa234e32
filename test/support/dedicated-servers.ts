import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { reserveFreePorts } from './distributed-platform';

const REPO_ROOT = resolve(__dirname, '..', '..');

export type LocalServer = 'kafka' | 'ferretdb';

/**
 * A Kafka broker and a FerretDB server of one suite's own, run by the same deploy/local scripts
 * as the shared ones the Jest global setup provides, on free loopback ports and with their state
 * in a temporary directory. For suites that stop and restart them (test/faults): the shared
 * servers serve every other suite at the same time and must never go down.
 *
 * The scripts reuse the shared servers' jars and binary (.cache/kafka/lib, .cache/ferretdb/bin),
 * which the global setup has fetched or built before any suite starts.
 */
export class DedicatedServers {
  private constructor(
    private readonly stateDir: string,
    private readonly environment: Readonly<Record<LocalServer, Readonly<Record<string, string>>>>,
    readonly kafkaBrokers: string,
    readonly mongoUrl: string,
  ) {}

  /**
   * Servers for the enclosing describe: `prepare` (a build) then the start before its tests, their
   * removal after them. Returns the accessor its tests call, which fails if they did not start.
   */
  static forSuite(prepare: () => void): () => DedicatedServers {
    let servers: DedicatedServers | undefined;
    beforeAll(async () => {
      prepare();
      servers = await DedicatedServers.start();
    }, 180_000);
    afterAll(async () => {
      await servers?.remove();
    }, 120_000);
    return () => {
      if (!servers) throw new Error('The dedicated servers did not start');
      return servers;
    };
  }

  static async start(): Promise<DedicatedServers> {
    const stateDir = mkdtempSync(join(tmpdir(), 'osteo-dedicated-servers-'));
    const [kafkaPort, controllerPort, ferretDbPort] = await reserveFreePorts(3);
    const servers = new DedicatedServers(
      stateDir,
      {
        kafka: { KAFKA_PORT: String(kafkaPort), KAFKA_CONTROLLER_PORT: String(controllerPort), KAFKA_STATE_DIR: join(stateDir, 'kafka') },
        ferretdb: { FERRETDB_PORT: String(ferretDbPort), FERRETDB_STATE_DIR: join(stateDir, 'ferretdb') },
      },
      `127.0.0.1:${kafkaPort}`,
      `mongodb://127.0.0.1:${ferretDbPort}/`,
    );
    try {
      await Promise.all([servers.run('kafka', 'start'), servers.run('ferretdb', 'start')]);
    } catch (error) {
      await servers.remove();
      throw error;
    }
    return servers;
  }

  /** `deploy/local/<server>.sh start|stop` for this server; resolves once the script says it is done. */
  run(server: LocalServer, command: 'start' | 'stop'): Promise<void> {
    const script = join(REPO_ROOT, 'deploy', 'local', `${server}.sh`);
    return new Promise((resolvePromise, reject) => {
      const child = spawn('bash', [script, command], { env: { ...process.env, ...this.environment[server] }, stdio: ['ignore', 'ignore', 'pipe'] });
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        if (code === 0) resolvePromise();
        else reject(new Error(`${server}.sh ${command} failed (${signal ?? `exit code ${code}`}):\n${output}`));
      });
    });
  }

  /**
   * Stops both servers, whatever state they are in, then deletes their data. If one would not
   * stop, its state directory (with its pid file) stays, so that it can still be found and stopped.
   */
  async remove(): Promise<void> {
    const stops = await Promise.allSettled([this.run('kafka', 'stop'), this.run('ferretdb', 'stop')]);
    const failed = stops.find((stop) => stop.status === 'rejected');
    if (failed) throw new Error(`Left ${this.stateDir} in place: ${String(failed.reason)}`);
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}
