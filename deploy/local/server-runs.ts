/**
 * The registry that lets several runs (Jest runs, benchmarks) share the local Kafka and FerretDB:
 * each run registers its pid under `.cache/<server>/test-runs/`, and a server is stopped only by
 * the run that started it, once no other registered run is alive.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Pids of the live runs registered in the directory, but `self`; entries of dead runs are removed. */
export function otherLiveRuns(runsDir: string, self: number = process.pid): number[] {
  const pids = existsSync(runsDir) ? readdirSync(runsDir).map(Number) : [];
  return pids.filter((pid) => {
    if (pid === self) return false;
    if (isAlive(pid)) return true;
    rmSync(join(runsDir, String(pid)), { force: true });
    return false;
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}
