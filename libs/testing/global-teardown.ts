/**
 * Jest global teardown: stops what ./global-setup.ts started for this run and nothing else
 * (see there for KEEP_TEST_SERVERS and for runs sharing the local processes), then prints the
 * closing line ./summary-reporter.js computed, so that it is the last line of the run.
 */
import { releaseProvidedServers } from './global-setup';

export default async function teardown(): Promise<void> {
  try {
    await releaseProvidedServers();
  } finally {
    const closingLine = process.env.OSTEO_TESTS_CLOSING_LINE;
    if (closingLine) process.stdout.write(`\n${closingLine}\n`);
  }
}
