import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, statSync } from 'node:fs';
import { AddressInfo, Server, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { DistributedProcesses, ProcessName, entryPoint, processSpecs, serviceDataDir } from '../../deploy/local/distributed-processes';
import { UpstreamService, upstreamServices } from '../../services/gateway/service-routes';

const REPO_ROOT = resolve(__dirname, '..', '..');
export const DIST_DIR = join(REPO_ROOT, 'dist');
/** Suites are not built (tsconfig.build.json), so changing one calls for no build. */
const TEST_FILE = /\.(spec|int-spec|e2e-spec|contract)\.ts$/;

export interface RunningDistributedPlatform {
  readonly gatewayUrl: string;
  /** Where a process serves `/metrics` and `/operator/…`, apart from its public port. */
  operatorUrlOf(name: ProcessName): string;
  /** A service's own public port, behind the gateway. */
  serviceUrlOf(service: UpstreamService): string;
  /** A service's own data directory: its SQLite event store and, for identity, the mail outbox. */
  dataDirOf(service: UpstreamService): string;
  /** Kills one process at once, as a crash would; it stays down. */
  kill(name: ProcessName): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The distributed profile as `npm run start:distributed` runs it (deploy/local/distributed-processes.ts),
 * from dist/, on free loopback ports, with the given environment (Kafka, MongoDB, their prefixes)
 * and a signing secret of its own.
 */
export async function startDistributedPlatform(env: Readonly<Record<string, string>>, dataDir: string): Promise<RunningDistributedPlatform> {
  ensureFreshBuild();
  const names: ProcessName[] = [...upstreamServices, 'gateway'];
  const freePorts = await reserveFreePorts(2 * names.length);
  const layout = {
    distDir: DIST_DIR,
    dataDir,
    ports: Object.fromEntries(names.map((name, index) => [name, freePorts[index]])) as Record<ProcessName, number>,
    operatorPorts: Object.fromEntries(names.map((name, index) => [name, freePorts[names.length + index]])) as Record<ProcessName, number>,
    sharedEnv: { PATH: process.env.PATH, NO_COLOR: '1', JWT_SECRET: randomBytes(48).toString('base64url'), EMAIL_DIGEST_KEY: randomBytes(48).toString('base64url'), ...env },
  };
  const processes = await DistributedProcesses.start(processSpecs(layout));
  return {
    gatewayUrl: processes.url('gateway'),
    operatorUrlOf: (name) => `http://127.0.0.1:${layout.operatorPorts[name]}`,
    serviceUrlOf: (service) => processes.url(service),
    dataDirOf: (service) => serviceDataDir(layout, service),
    kill: (name) => processes.kill(name),
    stop: () => processes.stop(),
  };
}

/**
 * `npm test` builds first (its pretest); a suite run on its own builds here when a source file is
 * newer than the build, so the processes never run stale code.
 */
export function ensureFreshBuild(): void {
  const builtAt = Math.min(...[...upstreamServices, 'gateway' as const].map((name) => modifiedAt(entryPoint(DIST_DIR, name))));
  const sourcesChangedAt = Math.max(...['services', 'libs', 'deploy'].map((folder) => newestSourceIn(join(REPO_ROOT, folder))));
  if (sourcesChangedAt <= builtAt) return;
  try {
    execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`npm run build failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`);
  }
}

function modifiedAt(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0; // never built
  }
}

function newestSourceIn(folder: string): number {
  return Math.max(
    0,
    ...readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.ts') && !TEST_FILE.test(path))
      .map((path) => modifiedAt(join(folder, path))),
  );
}

/** Ports the system hands out now; all held at once, so that no two are the same. */
export async function reserveFreePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let index = 0; index < count; index += 1) {
      const server = createServer().listen(0, '127.0.0.1');
      servers.push(server);
      await once(server, 'listening');
    }
    return servers.map((server) => (server.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}
