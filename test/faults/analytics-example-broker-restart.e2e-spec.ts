import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  asMessage,
  buildAnalyticsExample,
  createAccountingTopic,
  ledgerLineWritten,
  publishToAccountingEvents,
  runAnalyticsExample,
  startAnalyticsExample,
} from '../support/analytics-example';
import { DedicatedServers } from '../support/dedicated-servers';
import { eventually } from '../support/eventually';

/**
 * Issue #14, "a broker restart during the analytics example's run loses nothing": the example
 * (examples/analytics, a child process as a user runs it) follows accounting.events on a Kafka
 * broker of this suite's own (test/support/dedicated-servers.ts; the shared one serves other
 * suites and must never go down) while LedgerLineWritten v1 lines stream in; once it has counted
 * some of the first half, the broker stops, stays down a few seconds and starts again while the
 * second half is sent. The same process, never
 * restarted, ends with every line counted exactly once: the figures are the sums of the lines
 * sent, to the cent. The producer sends a refused batch again, so lines may reach the topic
 * twice, as from accounting's own at-least-once publisher: the example counts them once by
 * event id. The broker is stopped with SIGTERM by deploy/local/kafka.sh, not killed.
 */
const BATCHES = 30;
const LINES_PER_BATCH = 100;
const DOWNTIME_MS = 3_000;

describe('the analytics example while its Kafka broker restarts (dedicated Kafka)', () => {
  const dedicated = DedicatedServers.forSuite(buildAnalyticsExample);
  const workDir = mkdtempSync(join(tmpdir(), 'osteo-analytics-faults-'));

  afterAll(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  it('counts every line once, in the same process, across a broker stop and start', async () => {
    const servers = dedicated();
    const brokers = servers.kafkaBrokers;
    const prefix = `analytics-faults-${randomBytes(3).toString('hex')}.`;
    const state = join(workDir, 'state.sqlite');
    await createAccountingTopic(brokers, prefix);

    const running = startAnalyticsExample(['--brokers', brokers, '--topic-prefix', prefix, '--state', state]);
    let testOver = false;
    const publish = async (batches: readonly number[]) => {
      for (const batch of batches) {
        if (testOver) return;
        const lines = Array.from({ length: LINES_PER_BATCH }, (_, index) =>
          asMessage(
            ledgerLineWritten({
              lineId: `b${batch}-${index}`,
              holderId: `acc-${index % 3}`,
              cabinetId: `cab-${index % 2}`,
              date: `2026-0${1 + (batch % 3)}-10`,
              figure: (['receipts', 'retrocededFees', 'otherExpenses'] as const)[index % 3]!,
              figureCents: 1_000 + index,
            }),
          ),
        );
        await publishToAccountingEvents(brokers, prefix, lines, () => !testOver);
        await sleep(300);
      }
    };
    const batchNumbers = Array.from({ length: BATCHES }, (_, batch) => batch);
    let publishing = publish(batchNumbers.slice(0, BATCHES / 2));
    const report = () => runAnalyticsExample(['report', '--state', state]);
    try {
      await eventually(async () => expect((await report()).countedEvents).toBeGreaterThanOrEqual(5 * LINES_PER_BATCH), 60_000, 200);
      await publishing;
      // The second half is sent while the broker goes down and comes back: the example has to
      // live through the restart to count it.
      publishing = publish(batchNumbers.slice(BATCHES / 2));
      await servers.run('kafka', 'stop');
      await sleep(DOWNTIME_MS);
      await servers.run('kafka', 'start');
      await publishing;

      const total = BATCHES * LINES_PER_BATCH;
      const caughtUp = await eventually(async () => {
        const now = await report();
        expect(now.countedEvents).toBe(total);
        return now;
      }, 180_000, 500);
      expect(running.child.exitCode).toBeNull();
      // It did feel the broker go: its client logged the refused connections, and carried on.
      expect(running.stderr()).toMatch(/Connection error/);

      // Each holder gets the lines whose index ≡ holder (mod 3): one figure each, in every batch.
      const figures = ['receiptsCents', 'retrocededFeesCents', 'otherExpensesCents'] as const;
      for (const holder of [0, 1, 2]) {
        let cents = 0;
        for (let index = holder; index < LINES_PER_BATCH; index += 3) cents += 1_000 + index;
        const account = caughtUp.accounts.find(({ holderId }) => holderId === `acc-${holder}`);
        expect(account?.[figures[holder]!]).toBe(cents * BATCHES);
        expect(account?.lines).toBe(Math.ceil((LINES_PER_BATCH - holder) / 3) * BATCHES);
      }
      expect(caughtUp.parkedEvents).toEqual([]);

      running.child.kill('SIGTERM');
      // Bounded, so that a process that never exits fails here with its own words rather than at the suite's timeout.
      const noLongerWaiting = new AbortController();
      const ended = await Promise.race([
        running.finished,
        sleep(30_000, undefined, { signal: noLongerWaiting.signal }).then(() => Promise.reject(new Error('the example did not exit within 30 s of SIGTERM'))),
      ]).finally(() => noLongerWaiting.abort());
      expect(ended.status).toBe(0);
      expect(JSON.parse(ended.stdout)).toEqual(caughtUp);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- the example's last words:\n${running.stderr().slice(-3_000)}`, { cause: error });
    } finally {
      testOver = true;
      running.child.kill('SIGKILL');
      await publishing.catch(() => undefined);
    }
  }, 420_000);
});
