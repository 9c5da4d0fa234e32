import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { kafkaBrokers } from '@osteo/testing';
import {
  asMessage,
  buildAnalyticsExample,
  createAccountingTopic,
  type ExampleReport,
  type HandMadeLine,
  ledgerLineWritten,
  publishToAccountingEvents,
  removeTopicsOf,
  runAnalyticsExample,
  startAnalyticsExample,
} from '../support/analytics-example';
import { ensureFreshBuild, startDistributedPlatform } from '../support/distributed-platform';
import { temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { kafkaProfile } from '../support/kafka-profile';
import { newCast, type SeedWorld, seedStory } from '../support/seed-story';

/**
 * examples/analytics run as a user runs it (`node dist/examples/analytics/main.js`, a child
 * process) against the suite's Kafka, over LedgerLineWritten v1 envelopes made here and checked
 * against the contract's JSON Schema, on a topic prefix of its own: its figures per account,
 * cabinet and month, the events it ignores or parks, and its guarantees (idempotent by event id,
 * resumable from its state file and its group, killed with SIGKILL mid-stream without losing or
 * double counting a line); then over the platform's own events, after the seed story played
 * in the distributed profile, where its figures are the ledger API's.
 */
const brokers = kafkaBrokers().join(',');

describe('the analytics example over hand-made LedgerLineWritten events', () => {
  const prefix = `analytics-${randomBytes(4).toString('hex')}.`;
  const workDir = mkdtempSync(join(tmpdir(), 'osteo-analytics-'));
  const state = join(workDir, 'state.sqlite');
  const consume = (stateFile: string, group: string) => ['--brokers', brokers, '--topic-prefix', prefix, '--group', group, '--state', stateFile, '--once'];

  beforeAll(() => buildAnalyticsExample(), 60_000);

  afterAll(async () => {
    rmSync(workDir, { recursive: true, force: true });
  });

  const owner = 'acc-owner';
  const substitute = 'acc-substitute';
  const lines: Record<string, HandMadeLine> = {
    fee: { lineId: 'l1', holderId: owner, cabinetId: 'cab-a', date: '2026-03-02', figure: 'receipts', figureCents: 10_000 },
    retroceded: { lineId: 'l2', holderId: owner, cabinetId: 'cab-a', date: '2026-03-02', figure: 'retrocededFees', figureCents: 3_000 },
    rent: { lineId: 'l3', holderId: owner, cabinetId: 'cab-a', date: '2026-03-10', figure: 'otherExpenses', figureCents: 1_500 },
    feeInB: { lineId: 'l4', holderId: owner, cabinetId: 'cab-b', date: '2026-04-01', figure: 'receipts', figureCents: 6_000 },
    counterEntry: { lineId: 'l5', holderId: owner, cabinetId: 'cab-a', date: '2026-04-03', figure: 'receipts', figureCents: -4_000 },
    retrocessionReceived: { lineId: 'l6', holderId: substitute, cabinetId: 'cab-a', date: '2026-03-02', figure: 'receipts', figureCents: 3_000 },
    later: { lineId: 'l8', holderId: owner, cabinetId: 'cab-b', date: '2026-04-20', figure: 'otherExpenses', figureCents: 500 },
  };

  it('runs on kafkajs and better-sqlite3 alone: its JavaScript requires nothing of the platform', () => {
    const compiled = join(__dirname, '..', '..', 'dist', 'examples', 'analytics');
    const required = readdirSync(compiled)
      .filter((file) => file.endsWith('.js'))
      .flatMap((file) => [...readFileSync(join(compiled, file), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map(([, module]) => module!));
    expect([...new Set(required)].filter((module) => !module.startsWith('node:') && !module.startsWith('./')).sort()).toEqual(['better-sqlite3', 'kafkajs']);
  });

  it('sums each figure per account, cabinet and month, counts a line sent twice once, ignores other types and parks what it cannot read', async () => {
    await createAccountingTopic(brokers, prefix);
    const manualEntryRecorded = { ...ledgerLineWritten(lines.rent!), eventId: 'manual-1', type: 'ManualEntryRecorded', data: { entryId: 'l3' } };
    await publishToAccountingEvents(brokers, prefix, [
      ...[lines.fee, lines.retroceded, lines.rent, lines.feeInB, lines.counterEntry, lines.retrocessionReceived].map((line) => asMessage(ledgerLineWritten(line!))),
      asMessage(ledgerLineWritten(lines.fee!)),
      asMessage(manualEntryRecorded),
      asMessage(ledgerLineWritten({ lineId: 'l7', holderId: owner, cabinetId: 'cab-a', date: '2026-03-05', figure: 'receipts', figureCents: 99_999 }, 2)),
      { key: `ledger-${owner}`, value: 'not an envelope' },
    ]);

    const report = await runAnalyticsExample(consume(state, 'figures'));

    expect(report.countedEvents).toBe(6);
    expect(report.parkedEvents).toEqual([
      expect.objectContaining({ reason: 'the value is not JSON', type: null }),
      expect.objectContaining({ parkedId: 'line-l7', type: 'LedgerLineWritten', version: 2, reason: expect.stringMatching(/version 2 .* not known/) }),
    ]);
    expect(report.accounts.map(({ holderId }) => holderId)).toEqual([owner, substitute]);
    const [ownerFigures, substituteFigures] = report.accounts;
    expect(ownerFigures).toMatchObject({ receiptsCents: 12_000, retrocededFeesCents: 3_000, otherExpensesCents: 1_500, netCents: 7_500, lines: 5 });
    expect(ownerFigures!.byCabinet).toEqual([
      { cabinetId: 'cab-a', receiptsCents: 6_000, retrocededFeesCents: 3_000, otherExpensesCents: 1_500, netCents: 1_500, lines: 4 },
      { cabinetId: 'cab-b', receiptsCents: 6_000, retrocededFeesCents: 0, otherExpensesCents: 0, netCents: 6_000, lines: 1 },
    ]);
    expect(ownerFigures!.byMonth).toEqual([
      { month: '2026-03', receiptsCents: 10_000, retrocededFeesCents: 3_000, otherExpensesCents: 1_500, netCents: 5_500, lines: 3 },
      { month: '2026-04', receiptsCents: 2_000, retrocededFeesCents: 0, otherExpensesCents: 0, netCents: 2_000, lines: 2 },
    ]);
    expect(ownerFigures!.byCabinetAndMonth).toEqual([
      { cabinetId: 'cab-a', month: '2026-03', receiptsCents: 10_000, retrocededFeesCents: 3_000, otherExpensesCents: 1_500, netCents: 5_500, lines: 3 },
      { cabinetId: 'cab-a', month: '2026-04', receiptsCents: -4_000, retrocededFeesCents: 0, otherExpensesCents: 0, netCents: -4_000, lines: 1 },
      { cabinetId: 'cab-b', month: '2026-04', receiptsCents: 6_000, retrocededFeesCents: 0, otherExpensesCents: 0, netCents: 6_000, lines: 1 },
    ]);
    expect(substituteFigures).toMatchObject({ receiptsCents: 3_000, retrocededFeesCents: 0, otherExpensesCents: 0, netCents: 3_000, lines: 1 });
  });

  it('started again with its state and group, counts only what came since, once, even a line sent again', async () => {
    const before = await runAnalyticsExample(['report', '--state', state]);
    await publishToAccountingEvents(brokers, prefix, [asMessage(ledgerLineWritten(lines.later!)), asMessage(ledgerLineWritten(lines.retroceded!))]);

    const after = await runAnalyticsExample(consume(state, 'figures'));

    expect(after.countedEvents).toBe(before.countedEvents + 1);
    expect(after.accounts[0]).toMatchObject({ holderId: owner, receiptsCents: 12_000, retrocededFeesCents: 3_000, otherExpensesCents: 2_000, netCents: 7_000, lines: 6 });
    expect(after.accounts[0]!.byCabinetAndMonth.find(({ cabinetId, month }) => cabinetId === 'cab-b' && month === '2026-04')).toMatchObject({ otherExpensesCents: 500, lines: 2 });
    expect(after.accounts[1]).toEqual(before.accounts[1]);
  });

  it('read again from the beginning by another group into the same state, every event already counted counts once', async () => {
    const before = await runAnalyticsExample(['report', '--state', state]);

    const again = await runAnalyticsExample(consume(state, 'figures-reread'));

    expect(again.countedEvents).toBe(before.countedEvents);
    expect(again.accounts).toEqual(before.accounts);
    expect(again.parkedEvents).toEqual(before.parkedEvents);
  });

  it('refuses a new state file with a group that has already read the topic, rather than printing figures that miss what it read', async () => {
    const run = await startAnalyticsExample(consume(join(workDir, 'new-state.sqlite'), 'figures')).finished;

    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/state file is new, but group .*figures has already read/);
  });

  // Where the kill lands (in a batch's transaction, between the save and the commit, idle) is left to chance.
  it('killed with SIGKILL while lines stream in, started again with its state and group, loses none and counts none twice', async () => {
    const killedState = join(workDir, 'killed.sqlite');
    const batches = 40;
    const perBatch = 50;
    const running = startAnalyticsExample(consume(killedState, 'killed').filter((arg) => arg !== '--once'));
    let published = 0;
    const publishing = (async () => {
      for (let batch = 0; batch < batches; batch += 1) {
        const bulk = Array.from({ length: perBatch }, (_, index) =>
          asMessage(ledgerLineWritten({ lineId: `bulk-${batch}-${index}`, holderId: 'acc-bulk', cabinetId: 'cab-a', date: '2026-05-15', figure: 'receipts', figureCents: 100 + index })),
        );
        await publishToAccountingEvents(brokers, prefix, bulk);
        published += 1;
        await sleep(200);
      }
    })();
    try {
      await eventually(async () => expect((await runAnalyticsExample(['report', '--state', killedState])).countedEvents).toBeGreaterThan(100), 60_000, 200);
    } finally {
      running.child.kill('SIGKILL');
    }
    expect((await running.finished).status).toBeNull();
    await publishing;
    expect(published).toBe(batches);

    const resumed = await runAnalyticsExample(consume(killedState, 'killed'));

    const bulkCents = batches * (perBatch * 100 + (perBatch * (perBatch - 1)) / 2);
    expect(resumed.accounts.find(({ holderId }) => holderId === 'acc-bulk')).toMatchObject({ receiptsCents: bulkCents, netCents: bulkCents, lines: batches * perBatch });
    const reference: ExampleReport = await runAnalyticsExample(['report', '--state', state]);
    expect(resumed.countedEvents).toBe(reference.countedEvents + batches * perBatch);
    expect(resumed.accounts.filter(({ holderId }) => holderId !== 'acc-bulk')).toEqual(reference.accounts);
  }, 120_000);

  afterAll(async () => {
    await removeTopicsOf(brokers, prefix);
  });
});

type ApiFigures = { receiptsCents: number; retrocededFeesCents: number; otherExpensesCents: number; netCents: number };
const figuresOf = ({ receiptsCents, retrocededFeesCents, otherExpensesCents, netCents }: ApiFigures): ApiFigures => ({ receiptsCents, retrocededFeesCents, otherExpensesCents, netCents });
const noFigures: ApiFigures = { receiptsCents: 0, retrocededFeesCents: 0, otherExpensesCents: 0, netCents: 0 };

/**
 * Holds the example's figures to the ledger API's for one account: overall and per cabinet
 * (GET /ledgers/:id/entries, breakdown and breakdownByCabinet), then month by month (from/to),
 * and its count of lines to the ledger's. Read as the holder, who sees every cabinet.
 */
async function expectApiFigures(report: ExampleReport, holder: { accountId: string; http: HttpClient }): Promise<void> {
  const account = report.accounts.find(({ holderId }) => holderId === holder.accountId);
  const ledger = (query = '') => holder.http.get(`/api/v1/ledgers/${holder.accountId}/entries?limit=1${query}`).then(({ status, body }) => {
    expect(status).toBe(200);
    return body as { total: number; breakdown: ApiFigures; breakdownByCabinet: (ApiFigures & { cabinetId: string })[] };
  });
  const whole = await ledger();
  expect(account ? figuresOf(account) : noFigures).toEqual(figuresOf(whole.breakdown));
  expect(account?.lines ?? 0).toBe(whole.total);
  expect((account?.byCabinet ?? []).map((cabinet) => ({ cabinetId: cabinet.cabinetId, ...figuresOf(cabinet) }))).toEqual(
    whole.breakdownByCabinet.map((cabinet) => ({ cabinetId: cabinet.cabinetId, ...figuresOf(cabinet) })),
  );
  let linesOverMonths = 0;
  for (const month of account?.byMonth ?? []) {
    const [year, monthNumber] = month.month.split('-').map(Number);
    const lastDay = new Date(Date.UTC(year!, monthNumber!, 0)).getUTCDate();
    const inMonth = await ledger(`&from=${month.month}-01&to=${month.month}-${String(lastDay).padStart(2, '0')}`);
    expect({ month: month.month, ...figuresOf(month), lines: month.lines }).toEqual({ month: month.month, ...figuresOf(inMonth.breakdown), lines: inMonth.total });
    expect(account!.byCabinetAndMonth.filter((row) => row.month === month.month).map((row) => ({ cabinetId: row.cabinetId, ...figuresOf(row) }))).toEqual(
      inMonth.breakdownByCabinet.map((cabinet) => ({ cabinetId: cabinet.cabinetId, ...figuresOf(cabinet) })),
    );
    linesOverMonths += month.lines;
  }
  // No month of the ledger is missing from the example's.
  expect(linesOverMonths).toBe(whole.total);
}

/**
 * The platform's own LedgerLineWritten events: the seed story (test/support/seed-story.ts) in the
 * distributed profile, then a consultation whose fee the owner corrects (counter-entries) and
 * manual lines in other cabinets and months. One test body: kafkajs loads modules lazily, which
 * Jest 30 refuses between hooks.
 */
describe('the analytics example after the seed story, distributed profile', () => {
  beforeAll(() => {
    ensureFreshBuild();
    buildAnalyticsExample();
  }, 240_000);

  it('finds the figures of the ledger API for every account of the story, per cabinet and month, and keeps them when run again', async () => {
    const dataDir = temporaryDataDir();
    const profile = kafkaProfile(dataDir.path);
    const platform = await startDistributedPlatform(profile.env, dataDir.path);
    const state = join(dataDir.path, 'analytics', 'state.sqlite');
    const consume = (group: string) => ['--brokers', profile.env.KAFKA_BROKERS, '--topic-prefix', profile.env.KAFKA_TOPIC_PREFIX, '--group', group, '--state', state, '--once'];
    try {
      const world: SeedWorld = { anonymous: new HttpClient(platform.gatewayUrl), outboxDataDir: platform.dataDirOf('identity') };
      const cast = newCast();
      for (const [name, play] of seedStory) {
        try {
          await play(world, cast);
        } catch (error) {
          throw new Error(`step "${name}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
      const { owner, substitute, colleague } = cast;
      const patient = await owner.http.post(`/api/v1/cabinets/${cast.cabinetA}/patients`, { firstName: 'Lucie', lastName: 'Moreau', birthDate: '1988-09-12' });
      expect(patient.status).toBe(201);
      const consultation = await owner.http.post(`/api/v1/patients/${patient.body.patientId}/consultations`, { date: '2026-04-14', reason: 'Entorse' });
      expect(consultation.status).toBe(201);
      expect((await owner.http.post(`/api/v1/consultations/${consultation.body.consultationId}/complete`, { feeCents: 8_000, paymentMethod: 'card' })).status).toBe(204);
      await eventually(async () => expect((await owner.http.get(`/api/v1/ledgers/${owner.accountId}/entries?from=2026-04-01&to=2026-04-30`)).body.total).toBe(1));
      expect((await owner.http.post(`/api/v1/consultations/${consultation.body.consultationId}/correct-fee`, { feeCents: 9_000, paymentMethod: 'cheque' })).status).toBe(204);
      const manual = (kind: string, cabinetId: string, date: string, amountCents: number) =>
        owner.http.post('/api/v1/ledgers/me/entries', { kind, cabinetId, date, label: `${kind} ${date}`, amountCents, paymentMethod: 'transfer' }).then(({ status }) => expect(status).toBe(201));
      await manual('expense', cast.cabinetB, '2026-05-06', 2_500);
      await manual('income', cast.cabinetA, '2026-04-20', 1_200);
      // The correction's counter-entry and corrected line, and both manual lines: 2 + 3 + 2.
      await eventually(async () => expect((await owner.http.get(`/api/v1/ledgers/${owner.accountId}/entries`)).body.total).toBe(7));

      const accounts = [owner, substitute, colleague];
      const first = await eventually(async () => {
        const report = await runAnalyticsExample(consume('figures'));
        for (const account of accounts) await expectApiFigures(report, account);
        return report;
      }, 30_000, 500);
      expect(first.parkedEvents).toEqual([]);
      expect(first.accounts.find(({ holderId }) => holderId === owner.accountId)?.byCabinetAndMonth.map(({ cabinetId, month }) => `${cabinetId === cast.cabinetA ? 'A' : 'B'} ${month}`)).toEqual(
        expect.arrayContaining(['A 2026-03', 'A 2026-04', 'B 2026-05']),
      );

      // Stopped, the platform goes on; started again with its state and group, it counts the new line once.
      await manual('expense', cast.cabinetA, '2026-06-02', 700);
      const second = await eventually(async () => {
        const report = await runAnalyticsExample(consume('figures'));
        expect(report.countedEvents).toBe(first.countedEvents + 1);
        for (const account of accounts) await expectApiFigures(report, account);
        return report;
      }, 30_000, 500);

      // Another group reads everything again into the same state: every line is already counted.
      const reread = await runAnalyticsExample(consume('figures-reread'));
      expect(reread.countedEvents).toBe(second.countedEvents);
      expect(reread.accounts).toEqual(second.accounts);
    } finally {
      await platform.stop();
      await profile.cleanUp();
      dataDir.remove();
    }
  }, 300_000);
});
