/**
 * `npm run bench [-- <benchmark>...]`: runs the benchmarks (all of them by default), prints each
 * figure next to the baseline measured in the same run, and rewrites their generated sections of
 * docs/benchmarks.md. Benchmarks: append, kafka, registration, policy, ledger, appointments, rebuild, web, flood, reminders.
 */
import { resolve } from 'node:path';
import { benchmarkAppointments } from './appointments-load.bench';
import { benchmarkEventStoreAppends } from './event-store-append.bench';
import { benchmarkKafkaBus } from './kafka-bus.bench';
import { benchmarkLedgerLag } from './ledger-lag.bench';
import { describeMachine } from './machine';
import { benchmarkPolicyReport } from './policy-report';
import { benchmarkRebuild } from './rebuild.bench';
import { benchmarkRegistrationFlood } from './registration-flood.bench';
import { benchmarkRegistrationLag } from './registration-lag.bench';
import { benchmarkReminders } from './reminders.bench';
import { type BenchmarkReport, renderMarkdown, writeGeneratedSection } from './report';
import { type BenchServers, provideServers } from './servers';
import { benchmarkWeb } from './web.bench';

const DOCUMENT = resolve(__dirname, '..', '..', 'docs', 'benchmarks.md');

/** Servers are provided on first demand, so a benchmark that needs none starts nothing. */
type ServersOnDemand = () => Promise<BenchServers>;

/** By name on the command line, which is also the name of the benchmark's section in the document. */
const BENCHMARKS: Readonly<Record<string, (servers: ServersOnDemand) => Promise<BenchmarkReport>>> = {
  append: () => benchmarkEventStoreAppends(),
  kafka: async (servers) => benchmarkKafkaBus(await servers()),
  registration: async (servers) => benchmarkRegistrationLag(await servers()),
  policy: () => benchmarkPolicyReport(),
  ledger: async (servers) => benchmarkLedgerLag(await servers()),
  appointments: () => benchmarkAppointments(),
  rebuild: () => benchmarkRebuild(),
  web: () => benchmarkWeb(),
  flood: () => benchmarkRegistrationFlood(),
  reminders: () => benchmarkReminders(),
};

async function main(requested: readonly string[]): Promise<void> {
  const unknown = requested.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark: ${unknown.join(', ')}. Choose among: ${Object.keys(BENCHMARKS).join(', ')}.`);
    process.exitCode = 2;
    return;
  }
  let provided: Promise<BenchServers> | undefined;
  const servers: ServersOnDemand = () => (provided ??= provideServers());
  try {
    for (const name of requested.length > 0 ? requested : Object.keys(BENCHMARKS)) {
      console.error(`bench: running ${name}`);
      const machine = describeMachine();
      const markdown = renderMarkdown(await BENCHMARKS[name](servers), machine);
      console.log(`\n${markdown}\n`);
      // Written after each benchmark, so a later failure keeps the figures already measured.
      writeGeneratedSection(DOCUMENT, name, markdown);
    }
    console.error(`bench: figures written to ${DOCUMENT}`);
  } finally {
    if (provided) await (await provided).release();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
