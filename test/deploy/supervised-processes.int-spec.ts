import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DistributedProcesses, ProcessName, ProcessSpec, SupervisionEvent } from '../../deploy/local/distributed-processes';
import { isAlive } from '../../deploy/local/server-runs';
import { reserveFreePorts } from '../support/distributed-platform';
import { eventually } from '../support/eventually';

/**
 * The supervision of deploy/local/distributed-processes.ts over real processes: small stand-ins
 * that answer `/health` with their name as a service does (the real services run in
 * test/e2e/supervised-platform.e2e-spec.ts), with a backoff of milliseconds.
 */
const STAND_IN = `
const name = process.env.SERVICE_NAME;
if (process.env.EXIT_AT_START) process.exit(Number(process.env.EXIT_AT_START));
const server = require('node:http').createServer((request, response) => {
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ status: 'ok', service: name }));
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

describe('supervised processes of start:distributed', () => {
  let directory: string;
  let script: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'supervised-'));
    script = join(directory, 'stand-in.js');
    writeFileSync(script, STAND_IN);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  async function specs(names: readonly ProcessName[], env: Record<string, string> = {}): Promise<ProcessSpec[]> {
    const ports = await reserveFreePorts(names.length);
    return names.map((name, index) => ({ name, script, port: ports[index], env: { PATH: process.env.PATH, SERVICE_NAME: name, PORT: String(ports[index]), ...env } }));
  }

  it('restarts a killed process after the backoff, leaves the others alone, and restarts nothing once stopped', async () => {
    const events: SupervisionEvent[] = [];
    const spawned: [ProcessName, number][] = [];
    const processes = await DistributedProcesses.start(await specs(['accounting', 'planning']), {
      onSpawn: (name, pid) => spawned.push([name, pid]),
      supervision: { onEvent: (event) => events.push(event), backoff: { firstDelayMs: 20, maxDelayMs: 80, stableAfterMs: 60_000 } },
    });
    try {
      const planning = processes.pidOf('planning')!;
      for (const expectedDelay of [20, 40, 80, 80]) {
        const killed = processes.pidOf('accounting')!;
        process.kill(killed, 'SIGKILL');
        const restarted = await eventually(() => {
          const last = events.at(-1);
          if (last?.kind !== 'restarted' || last.pid === killed) throw new Error(`not restarted yet: ${JSON.stringify(events)}`);
          return last;
        });
        expect(events.slice(-2)).toEqual([
          { kind: 'crashed', name: 'accounting', description: 'killed by SIGKILL', upForMs: expect.any(Number), restartInMs: expectedDelay },
          { kind: 'restarted', name: 'accounting', pid: restarted.pid },
        ]);
        expect(processes.pidOf('accounting')).toBe(restarted.pid);
        expect(isAlive(killed)).toBe(false);
      }
      expect(processes.pidOf('planning')).toBe(planning);
      expect(spawned.filter(([name]) => name === 'planning')).toEqual([['planning', planning]]);

      // A process killed just before the stop is not restarted after it.
      process.kill(processes.pidOf('accounting')!, 'SIGKILL');
      await eventually(() => expect(events.at(-1)).toMatchObject({ kind: 'crashed', name: 'accounting' }));
      const eventsAtStop = events.length;
      await processes.stop();
      await new Promise((resolve) => setTimeout(resolve, 200)); // past the 80 ms the restart would have waited
      expect(events.length).toBe(eventsAtStop);
      // The first start and the four restarts.
      expect(spawned.filter(([name]) => name === 'accounting')).toHaveLength(5);
      expect(spawned.map(([, pid]) => pid).filter(isAlive)).toEqual([]);
    } finally {
      await processes.stop();
    }
  });

  it('lets a process go when another invocation runs it now', async () => {
    const events: SupervisionEvent[] = [];
    let runsHere = true;
    const processes = await DistributedProcesses.start(await specs(['accounting']), {
      supervision: { onEvent: (event) => events.push(event), stillRunsHere: () => runsHere, backoff: { firstDelayMs: 20, maxDelayMs: 20, stableAfterMs: 60_000 } },
    });
    try {
      runsHere = false;
      process.kill(processes.pidOf('accounting')!, 'SIGTERM');
      await eventually(() => expect(events).toEqual([{ kind: 'released', name: 'accounting', description: 'exited with status 0' }]));
    } finally {
      await processes.stop();
    }
  });

  it('fails the first start of a process that cannot start, rather than retrying it', async () => {
    const events: SupervisionEvent[] = [];
    await expect(DistributedProcesses.start(await specs(['identity'], { EXIT_AT_START: '3' }), { supervision: { onEvent: (event) => events.push(event) } })).rejects.toThrow(
      'identity exited with status 3 while starting',
    );
    expect(events).toEqual([]);
  });
});
