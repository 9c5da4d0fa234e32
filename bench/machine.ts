import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';

/** What a figure was measured on: figures from different machines are not comparable. */
export interface Machine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly ramGiB: number;
  readonly nodeVersion: string;
  readonly measuredAt: Date;
}

export function describeMachine(): Machine {
  return {
    cpuModel: cpuModelFromProcCpuinfo() ?? cpus()[0]?.model ?? 'unknown CPU',
    // The cores this process may actually run on (cgroup and affinity limits included).
    cores: availableParallelism(),
    ramGiB: totalmem() / 2 ** 30,
    nodeVersion: process.version,
    measuredAt: new Date(),
  };
}

export function machineSummary(machine: Machine): string {
  const date = machine.measuredAt.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return `${machine.cpuModel}, ${machine.cores} cores, ${machine.ramGiB.toFixed(1)} GiB RAM, Node ${machine.nodeVersion}, ${date}`;
}

/** /proc/cpuinfo names the model exactly as the kernel sees it; absent outside Linux. */
function cpuModelFromProcCpuinfo(): string | undefined {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('model name'));
    return line?.split(':')[1]?.trim() || undefined;
  } catch {
    return undefined;
  }
}
