/**
 * `npm run rebuild -- <service> <read-model>`: asks the running platform to rebuild one read
 * model from its service's event store, then follows the rebuild until it ends. The read models
 * live in the serving process (in its memory, in the embedded profile), so the command is only a
 * client of that process's operator routes (read-model-rebuild.controller.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ErrorBody } from '@osteo/http';
import type { Environment } from '../platform-config';
import { OPERATOR_KEY_HEADER } from './operator-key.guard';
import type { RebuildRun } from './read-model-rebuilds';

export interface RebuildCommandIo {
  readonly env: Environment;
  readonly fetch: typeof fetch;
  /** Progress and outcome (stdout). */
  readonly print: (line: string) => void;
  /** What went wrong (stderr). */
  readonly complain: (line: string) => void;
  readonly pollIntervalMs?: number;
}

export const USAGE = [
  'usage: npm run rebuild -- <service> <read-model>',
  '       npm run rebuild -- --list',
  'Rebuilds a read model of the running platform from its service\'s event store while it serves.',
  'Environment: OPERATOR_KEY, the operator key the platform was started with (required);',
  '  OPERATOR_URL, where the platform serves its operator routes (default http://127.0.0.1:$OPERATOR_PORT,',
  '  else $PORT, else 3000); in the distributed profile, the service\'s operator port, e.g.',
  '  http://127.0.0.1:13003 for planning (its PORT + 10000 unless its OPERATOR_PORT says otherwise).',
].join('\n');

/** Exit statuses: done; the platform refused or the rebuild failed; the command was misused. */
const SUCCEEDED = 0;
const FAILED = 1;
const MISUSED = 2;

const DEFAULT_POLL_INTERVAL_MS = 500;

export async function runRebuildCommand(args: readonly string[], io: RebuildCommandIo): Promise<number> {
  const listing = args.length === 1 && args[0] === '--list';
  if (!listing && (args.length !== 2 || args.some((arg) => arg.startsWith('-')))) {
    io.complain(USAGE);
    return MISUSED;
  }
  const operatorKey = io.env.OPERATOR_KEY?.trim();
  if (!operatorKey) {
    io.complain('OPERATOR_KEY is not set: give the operator key the platform was started with (its OPERATOR_KEY).');
    return MISUSED;
  }
  const port = io.env.OPERATOR_PORT?.trim() || io.env.PORT?.trim() || '3000';
  const baseUrl = (io.env.OPERATOR_URL?.trim() || `http://127.0.0.1:${port}`).replace(/\/+$/, '');
  const operator = new OperatorClient(baseUrl, operatorKey, io.fetch);

  try {
    if (listing) {
      const catalogue = await operator.call<Record<string, string[]>>('GET', '/operator/read-models');
      for (const [service, names] of Object.entries(catalogue)) io.print(`${service}: ${names.length > 0 ? names.join(', ') : '(none)'}`);
      return SUCCEEDED;
    }
    const [service, readModel] = args as [string, string];
    let run = await operator.call<RebuildRun>('POST', `/operator/read-models/${encodeURIComponent(service)}/${encodeURIComponent(readModel)}/rebuilds`);
    io.print(`rebuilding ${service} ${readModel} (collection ${run.collection}) at ${baseUrl}, rebuild ${run.rebuildId}`);
    let lastLine = '';
    while (run.state === 'running') {
      const line = progressLine(run);
      if (line !== lastLine) io.print(line);
      lastLine = line;
      await sleep(io.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
      run = await operator.call<RebuildRun>('GET', `/operator/rebuilds/${run.rebuildId}`);
    }
    if (run.state === 'failed') {
      io.complain(`rebuild of ${service} ${readModel} failed after ${seconds(run.durationMs)}; the read model is left as it was: ${run.error}`);
      return FAILED;
    }
    io.print(
      `rebuilt ${service} ${readModel} in ${seconds(run.durationMs)}: ${count(run.eventsRead)} events read, ` +
        `${count(run.documentsWritten)} documents written, ${count(run.eventsCaughtUp)} events appended meanwhile caught up; ` +
        `live writes held ${Math.round(run.swapMs ?? 0)} ms for the swap`,
    );
    return SUCCEEDED;
  } catch (error) {
    io.complain(error instanceof Error ? error.message : String(error));
    return FAILED;
  }
}

class OperatorClient {
  constructor(
    private readonly baseUrl: string,
    private readonly operatorKey: string,
    private readonly fetchImplementation: typeof fetch,
  ) {}

  async call<T>(method: 'GET' | 'POST', path: string): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchImplementation(`${this.baseUrl}${path}`, { method, headers: { [OPERATOR_KEY_HEADER]: this.operatorKey } });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error instanceof Error ? error.message : String(error));
      throw new Error(`Nothing answers at ${this.baseUrl} (${cause}): start the platform (npm start), or set OPERATOR_URL to where it runs.`);
    }
    const body = (await response.json().catch(() => null)) as unknown;
    if (response.ok) return body as T;
    const rejection = body as Partial<ErrorBody> | null;
    throw new Error(`${response.status} ${rejection?.code ?? 'HTTP.ERROR'}: ${rejection?.message ?? response.statusText}`);
  }
}

function progressLine(run: RebuildRun): string {
  return `  ${run.phase ?? 'starting'}: ${count(run.eventsRead)} events read, ${count(run.documentsWritten)} documents written`;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}
