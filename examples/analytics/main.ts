import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AnalyticsConsumer, StateMismatchError } from './analytics-consumer';
import { accountFiguresOf, figuresTable, type FiguresReport } from './figures-report';
import { FiguresStore } from './figures-store';

/**
 * The analytics example's command line (README.md next to this file):
 *   node dist/examples/analytics/main.js [consume] --brokers 127.0.0.1:39092 --state data/analytics-example/state.sqlite [--once]
 *   node dist/examples/analytics/main.js report --state data/analytics-example/state.sqlite [--format table]
 * Figures go to stdout; what the consumer does goes to stderr.
 */
const TOPIC = 'accounting.events';
const USAGE = `usage: main.js [consume|report] [--brokers host:port,...] [--topic-prefix prefix] [--group id] [--state file] [--once] [--format json|table]`;

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      brokers: { type: 'string', default: process.env.KAFKA_BROKERS ?? '127.0.0.1:39092' },
      'topic-prefix': { type: 'string', default: process.env.KAFKA_TOPIC_PREFIX ?? '' },
      group: { type: 'string', default: 'analytics-example' },
      state: { type: 'string', default: 'data/analytics-example/state.sqlite' },
      once: { type: 'boolean', default: false },
      format: { type: 'string', default: 'json' },
      help: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0] ?? 'consume';
  if (values.help || !['consume', 'report'].includes(command) || !['json', 'table'].includes(values.format)) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 64;
  }
  const print = (store: FiguresStore) => process.stdout.write(`${formatted(reportOf(store), values.format as 'json' | 'table')}\n`);

  if (command === 'report') {
    if (!existsSync(values.state)) {
      process.stderr.write(`analytics: no state file at ${values.state}: consume first, or give --state\n`);
      return 2;
    }
    const store = FiguresStore.openForReading(values.state);
    try {
      print(store);
    } finally {
      store.close();
    }
    return 0;
  }

  const prefix = values['topic-prefix'];
  const log = (message: string) => process.stderr.write(`analytics: ${message}\n`);
  const store = FiguresStore.open(values.state);
  // Groups carry the platform's prefix too (docs/operations.md), so test runs never share one.
  const consumer = new AnalyticsConsumer(
    { brokers: values.brokers.split(','), topic: `${prefix}${TOPIC}`, groupId: `${prefix}${values.group}`, clientId: 'analytics-example', untilCaughtUp: values.once, log },
    store,
  );
  const stop = () => consumer.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await consumer.run();
    print(store);
    return 0;
  } catch (error) {
    if (!(error instanceof StateMismatchError)) throw error;
    log(error.message);
    return 2;
  } finally {
    store.close();
  }
}

function reportOf(store: FiguresStore): FiguresReport {
  const origin = store.origin();
  return {
    topic: origin?.topic ?? null,
    groupId: origin?.groupId ?? null,
    countedEvents: store.countedEvents(),
    parkedEvents: store.parkedEvents(),
    accounts: accountFiguresOf(store.figures()),
  };
}

function formatted(report: FiguresReport, format: 'json' | 'table'): string {
  return format === 'table' ? figuresTable(report) : JSON.stringify(report, null, 2);
}

/**
 * Exits once stdout is flushed rather than when the event loop empties: after the broker has gone
 * and come back, kafkajs 2.2 keeps sockets it reopened even once the consumer is disconnected,
 * and the process would stay up with its figures printed and its state closed.
 */
const exitWith = (status: number) => process.stdout.write('', () => process.exit(status));

main(process.argv.slice(2)).then(exitWith, (error: unknown) => {
  process.stderr.write(`analytics: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  exitWith(1);
});
