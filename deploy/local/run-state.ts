import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProcessName } from './distributed-processes';
import { isAlive } from './server-runs';

/**
 * What a running `npm run start:distributed` leaves under `<dataDir>/run/`, so that a second
 * invocation with `--only <process>` joins the same platform (servers, ports, mail, secrets) and
 * takes that process over:
 *   platform.json   the platform's settings, written by the invocation that started it;
 *   <process>.json  which invocation runs the process now, and its pid.
 * Secrets are not written here (they stay in `<dataDir>/secrets/` or the environment); only their
 * digests, so that a mismatch is refused rather than found as 401s.
 */

export interface PlatformRunState {
  readonly supervisorPid: number;
  readonly gatewayPort: number;
  /** KAFKA_BROKERS, MONGO_URL, their prefixes, PUBLIC_URL: every setting the processes share but the secrets. */
  readonly settings: Readonly<Record<string, string>>;
  readonly secretDigests: Readonly<Record<string, string>>;
  readonly smtpUrl: string;
  readonly mailUiUrl: string;
}

export interface ProcessRunState {
  /** The start:distributed invocation that restarts the process when it dies. */
  readonly supervisorPid: number;
  readonly pid: number;
}

export function runStateDir(dataDir: string): string {
  return join(dataDir, 'run');
}

export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function writePlatformState(dataDir: string, state: PlatformRunState): void {
  writeJson(join(runStateDir(dataDir), 'platform.json'), state);
}

/** The platform's state, if the invocation that wrote it still runs. */
export function runningPlatform(dataDir: string): PlatformRunState | undefined {
  const state = readJson<PlatformRunState>(join(runStateDir(dataDir), 'platform.json'));
  return state && isAlive(state.supervisorPid) ? state : undefined;
}

export function writeProcessState(dataDir: string, name: ProcessName, state: ProcessRunState): void {
  writeJson(join(runStateDir(dataDir), `${name}.json`), state);
}

export function processState(dataDir: string, name: ProcessName): ProcessRunState | undefined {
  return readJson<ProcessRunState>(join(runStateDir(dataDir), `${name}.json`));
}

/** Removes the files of this invocation (the platform's, each process's it still runs); another's stay. */
export function clearRunState(dataDir: string, names: readonly ProcessName[], supervisorPid: number = process.pid): void {
  const directory = runStateDir(dataDir);
  for (const name of names) {
    if (processState(dataDir, name)?.supervisorPid === supervisorPid) rmSync(join(directory, `${name}.json`), { force: true });
  }
  if (readJson<PlatformRunState>(join(directory, 'platform.json'))?.supervisorPid === supervisorPid) rmSync(join(directory, 'platform.json'), { force: true });
}

/** Whole or not at all: a reader never sees half a file. */
function writeJson(file: string, value: unknown): void {
  mkdirSync(join(file, '..'), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(partial, file);
}

function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined; // not ours to repair: the next write replaces it
  }
}
