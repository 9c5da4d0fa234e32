import fc from 'fast-check';
import type { IntegrationEnvelope, LedgerLineWrittenV1, PaymentMethod, PractitionerRole } from '@osteo/contracts';
import { type EventStore, SqliteEventStore } from '@osteo/event-sourcing';
import { contractCheckOf, UnknownEventVersionError } from '@osteo/messaging';
import { InMemoryReadStore, type ReadStore } from '@osteo/read-store';
import { type LedgerLine, signedCents } from '../../domain/ledger-line';
import { breakdownOf } from '../../domain/ledger-totals';
import { ledgerLineEventId } from '../publishing/ledger-line-outbox';
import { LEDGER_ENTRIES, type LedgerEntryDocument } from './ledger-entries';
import { MalformedLedgerFactError } from './ledger-facts';
import { LedgerProjection } from './ledger-projection';

const OWNER = 'acc-owner';
const SUBSTITUTE = 'acc-substitute';
const COLLEAGUE = 'acc-colleague';
const CABINET = 'cab-1';

const practitionerOf: Readonly<Record<PractitionerRole, string>> = { owner: OWNER, colleague: COLLEAGUE, substitute: SUBSTITUTE };

type Step = { readonly kind: 'correct'; readonly feeCents: number; readonly paymentMethod: PaymentMethod } | { readonly kind: 'delete' };

/** What one consultation goes through: a completion, then corrections and deletions in any order. */
type ConsultationScript = {
  readonly role: PractitionerRole;
  readonly feeCents: number;
  readonly basisPoints: number;
  readonly steps: readonly Step[];
};

const fee = fc.integer({ min: 1, max: 10_000_000 });
const paymentMethod = fc.constantFrom<PaymentMethod>('cash', 'cheque', 'card', 'transfer', 'other');
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('correct' as const), feeCents: fee, paymentMethod }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
);
const consultationScript: fc.Arbitrary<ConsultationScript> = fc.record({
  role: fc.constantFrom<PractitionerRole>('owner', 'colleague', 'substitute'),
  feeCents: fee,
  basisPoints: fc.integer({ min: 0, max: 10_000 }),
  steps: fc.array(step, { maxLength: 4 }),
});

function envelope(type: string, consultation: string, revision: number, data: Record<string, unknown>): IntegrationEnvelope {
  return {
    eventId: `${consultation}-r${revision}`,
    type,
    version: 1,
    streamId: `consultation-${consultation}`,
    revision,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 8) + revision * 60_000).toISOString(),
    actorId: null,
    correlationId: null,
    causationId: null,
    data,
  };
}

/** The envelopes records would publish for one consultation, in its stream's order. */
function historyOf(script: ConsultationScript, index: number): IntegrationEnvelope[] {
  const consultationId = `cons-${index}`;
  const owned = { consultationId, cabinetId: CABINET, ownerId: OWNER };
  const completed = envelope('ConsultationCompleted', consultationId, 0, {
    ...owned,
    patientId: `pat-${index}`,
    practitionerId: practitionerOf[script.role],
    practitionerRole: script.role,
    patientName: `Patient ${index}`,
    date: `2026-01-${String(1 + (index % 28)).padStart(2, '0')}`,
    feeCents: script.feeCents,
    paymentMethod: 'card',
    retrocessionBasisPoints: script.role === 'substitute' ? script.basisPoints : null,
  });
  return [
    completed,
    ...script.steps.map((next, stepIndex) =>
      next.kind === 'correct'
        ? envelope('ConsultationFeeCorrected', consultationId, stepIndex + 1, { ...owned, feeCents: next.feeCents, paymentMethod: next.paymentMethod })
        : envelope('ConsultationDeleted', consultationId, stepIndex + 1, { ...owned, wasCompleted: true }),
    ),
  ];
}

/** Merges the streams in an order the picks choose, keeping each stream's own order (the bus keeps order per key only). */
function interleave(histories: readonly IntegrationEnvelope[][], picks: readonly number[]): IntegrationEnvelope[] {
  const pending = histories.map((history) => [...history]);
  const merged: IntegrationEnvelope[] = [];
  for (let turn = 0; pending.some((history) => history.length > 0); turn++) {
    const nonEmpty = pending.filter((history) => history.length > 0);
    merged.push(nonEmpty[(picks[turn % Math.max(picks.length, 1)] ?? 0) % nonEmpty.length].shift()!);
  }
  return merged;
}

/** What the consultation's script says, computed apart from the code under test: R half-up in BigInt. */
function expectedOutcome(script: ConsultationScript): { live: boolean; feeCents: number; retrocededCents: number } {
  let feeCents = script.feeCents;
  for (const next of script.steps) {
    if (next.kind === 'delete') return { live: false, feeCents: 0, retrocededCents: 0 };
    feeCents = next.feeCents;
  }
  const basisPoints = script.role === 'substitute' ? script.basisPoints : 0;
  const retroceded = Number((2n * BigInt(feeCents) * BigInt(basisPoints) + 10_000n) / 20_000n);
  return { live: true, feeCents, retrocededCents: retroceded };
}

/** The ledger's lines, and what it appended to the outbox: LedgerLineWritten events, in the store's order. */
type Outcome = { readonly entries: LedgerEntryDocument[]; readonly published: Published[] };
type Published = { readonly eventId: string; readonly streamId: string; readonly data: LedgerLineWrittenV1 };

async function ledgerAfter(deliveries: readonly IntegrationEnvelope[]): Promise<Outcome> {
  const readStore = new InMemoryReadStore();
  const store = SqliteEventStore.open(':memory:');
  const projection = new LedgerProjection(readStore, store);
  for (const delivery of deliveries) await projection.apply(delivery);
  return outcomeOf(readStore, store);
}

/** The deliveries cut into runs at `cuts`, as the bus hands a backlog over, each run applied together. */
async function ledgerAfterRuns(deliveries: readonly IntegrationEnvelope[], cuts: readonly number[]): Promise<Outcome> {
  const readStore = new InMemoryReadStore();
  const store = SqliteEventStore.open(':memory:');
  const projection = new LedgerProjection(readStore, store);
  const bounds = [...new Set([0, ...cuts.map((cut) => cut % (deliveries.length + 1)), deliveries.length])].sort((a, b) => a - b);
  for (let index = 1; index < bounds.length; index++) await projection.applyRun(deliveries.slice(bounds[index - 1], bounds[index]));
  return outcomeOf(readStore, store);
}

async function outcomeOf(readStore: ReadStore, store: EventStore): Promise<Outcome> {
  const recorded = await store.readAll();
  await store.close();
  const published = recorded.map(({ eventId, streamId, type, data }) => {
    expect(type).toBe('LedgerLineWritten');
    return { eventId, streamId, data: data as LedgerLineWrittenV1 };
  });
  return { entries: await entriesIn(readStore), published };
}

const keepsItsContract = contractCheckOf('LedgerLineWritten', 1);

/** The same lines published, whatever the order the store took them in. */
const byLineId = (published: readonly Published[]): Published[] => [...published].sort((left, right) => left.data.lineId.localeCompare(right.data.lineId));

/**
 * One LedgerLineWritten per line, the same facts, a stable id of its own; each counter-entry after
 * the line it cancels in its holder's stream; and per holder, the figures summed from the events
 * are the ledger's own (breakdownOf, the rule GET /ledgers/:id/entries answers with).
 */
function expectEveryLinePublishedOnce({ entries, published }: Outcome): void {
  expect(new Set(published.map(({ eventId }) => eventId)).size).toBe(published.length);
  expect(published.map(({ data }) => data.lineId).sort()).toEqual(entries.map((line) => line.entryId).sort());
  const publishedBefore = new Set<string>();
  for (const { streamId, data } of published) {
    const line = entries.find((entry) => entry.entryId === data.lineId)!;
    expect(keepsItsContract(data)).toBeNull();
    expect(streamId).toBe(`ledger-${line.holderId}`);
    expect(data).toMatchObject({ holderId: line.holderId, cabinetId: line.cabinetId, date: line.date, kind: line.kind, category: line.category, amountCents: line.amountCents });
    expect(data.reversesLineId === null).toBe(data.category !== 'correction');
    if (data.reversesLineId !== null) expect(publishedBefore.has(data.reversesLineId)).toBe(true);
    publishedBefore.add(data.lineId);
  }
  for (const holderId of new Set(entries.map((line) => line.holderId))) {
    const figures = { receipts: 0, retrocededFees: 0, otherExpenses: 0 };
    for (const { data } of published.filter(({ data: line }) => line.holderId === holderId)) figures[data.figure] += data.figureCents;
    const breakdown = breakdownOf(entries.filter((line) => line.holderId === holderId));
    expect(figures).toEqual({ receipts: breakdown.receiptsCents, retrocededFees: breakdown.retrocededFeesCents, otherExpenses: breakdown.otherExpensesCents });
  }
}

const entriesIn = (readStore: ReadStore): Promise<LedgerEntryDocument[]> => readStore.collection<LedgerEntryDocument>(LEDGER_ENTRIES).find({}, { sort: { _id: 1 } });

const netOf = (lines: readonly LedgerLine[], holderId: string): number => lines.filter((line) => line.holderId === holderId).reduce((net, line) => net + signedCents(line), 0);

describe('ledger projection', () => {
  it('property: every ledger balances, counter-entries cancel exactly, and replaying every event twice, one by one or in runs, changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(consultationScript, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 6 }), async (scripts, picks, cuts) => {
        const deliveries = interleave(scripts.map(historyOf), picks);
        const outcome = await ledgerAfter(deliveries);
        const once = outcome.entries;
        expectEveryLinePublishedOnce(outcome);

        scripts.forEach((script, index) => {
          const lines = once.filter((line) => line.consultationId === `cons-${index}`);
          const expected = expectedOutcome(script);
          // Amounts are positive whole cents; the kind carries the sign.
          for (const line of lines) expect(Number.isSafeInteger(line.amountCents) && line.amountCents > 0).toBe(true);
          // Across every ledger, a consultation nets to its current fee, or to nothing once deleted.
          expect(lines.reduce((net, line) => net + signedCents(line), 0)).toBe(expected.feeCents);
          if (script.role === 'substitute') {
            expect(netOf(lines, OWNER)).toBe(expected.feeCents - expected.retrocededCents);
            expect(netOf(lines, SUBSTITUTE)).toBe(expected.retrocededCents);
          } else {
            expect(netOf(lines, practitionerOf[script.role])).toBe(expected.feeCents);
          }
          expectEveryCounterEntryToCancelOneEarlierLine(lines);
        });

        // Redelivered, replayed or cut in runs anywhere: the same lines, each published once with the same id.
        for (const replayed of [
          await ledgerAfter(deliveries.flatMap((delivery) => [delivery, delivery])),
          await ledgerAfter([...deliveries, ...deliveries]),
          await ledgerAfterRuns(deliveries, cuts),
          // A replay of everything in runs finds every ledger stored already.
          await ledgerAfterRuns([...deliveries, ...deliveries], [...cuts, deliveries.length]),
        ]) {
          expect(replayed.entries).toEqual(once);
          expect(byLineId(replayed.published)).toEqual(byLineId(outcome.published));
          expectEveryLinePublishedOnce(replayed);
        }
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('a deleted patient changes no line: ledger lines are legal records', async () => {
    const readStore = new InMemoryReadStore();
    const projection = new LedgerProjection(readStore, SqliteEventStore.open(':memory:'));
    const [completed] = historyOf({ role: 'substitute', feeCents: 10_000, basisPoints: 3_000, steps: [] }, 1);
    await projection.apply(completed);
    const before = await entriesIn(readStore);

    await projection.apply({ ...completed, eventId: 'patient-deleted', type: 'PatientDeleted', streamId: 'patient-pat-1', data: { patientId: 'pat-1', cabinetId: CABINET, ownerId: OWNER } });

    expect(before).toHaveLength(3);
    expect(await entriesIn(readStore)).toEqual(before);
  });

  it('an envelope that breaks its contract writes nothing and says why', async () => {
    const readStore = new InMemoryReadStore();
    const projection = new LedgerProjection(readStore, SqliteEventStore.open(':memory:'));
    const [completed] = historyOf({ role: 'owner', feeCents: 10_000, basisPoints: 0, steps: [] }, 1);

    await expect(projection.apply({ ...completed, data: { ...completed.data, feeCents: -100 } })).rejects.toThrow(MalformedLedgerFactError);
    await expect(projection.apply({ ...completed, data: { ...completed.data, feeCents: -100 } })).rejects.toMatchObject({ code: 'ACCOUNTING.MALFORMED_LEDGER_FACT' });
    await expect(projection.apply({ ...completed, data: { ...completed.data, feeCents: 99.5, date: '2026-02-30' } })).rejects.toThrow(/invalid date, feeCents/);
    expect(await entriesIn(readStore)).toEqual([]);
  });

  it('a run holding an envelope that breaks its contract writes nothing, for the bus to apply that run one by one', async () => {
    const readStore = new InMemoryReadStore();
    const projection = new LedgerProjection(readStore, SqliteEventStore.open(':memory:'));
    const [completed] = historyOf({ role: 'owner', feeCents: 10_000, basisPoints: 0, steps: [] }, 1);
    const [other] = historyOf({ role: 'substitute', feeCents: 8_000, basisPoints: 3_000, steps: [] }, 2);

    await expect(projection.applyRun([other, { ...completed, data: { ...completed.data, feeCents: -100 } }])).rejects.toThrow(MalformedLedgerFactError);
    await expect(projection.applyRun([other, { ...completed, version: 2 }])).rejects.toThrow(UnknownEventVersionError);
    expect(await entriesIn(readStore)).toEqual([]);
  });

  it('a fee correction of version 2, which adds what places it, writes the same lines as version 1', async () => {
    const [completed, corrected] = historyOf({ role: 'substitute', feeCents: 10_000, basisPoints: 3_000, steps: [{ kind: 'correct', feeCents: 8_000, paymentMethod: 'cash' }] }, 1);
    const placed = { date: completed.data.date, practitionerId: SUBSTITUTE, practitionerRole: 'substitute', retrocessionBasisPoints: 3_000 };

    const version2 = await ledgerAfterRuns([completed, { ...corrected, version: 2, data: { ...corrected.data, ...placed } }], []);

    expect(version2.entries).toEqual((await ledgerAfter([completed, corrected])).entries);
    expect(version2.entries).toHaveLength(9);
    await expect(ledgerAfter([completed, { ...corrected, version: 2 }])).rejects.toThrow(MalformedLedgerFactError);
    await expect(ledgerAfter([completed, { ...corrected, version: 3, data: { ...corrected.data, ...placed } }])).rejects.toThrow(/understands version 1, 2/);
  });

  it('a version it does not understand writes nothing and is refused as unknown, for the bus to dead-letter it', async () => {
    const readStore = new InMemoryReadStore();
    const projection = new LedgerProjection(readStore, SqliteEventStore.open(':memory:'));
    const [completed] = historyOf({ role: 'owner', feeCents: 10_000, basisPoints: 0, steps: [] }, 1);

    const refused = projection.apply({ ...completed, version: 2 });

    await expect(refused).rejects.toThrow(UnknownEventVersionError);
    await expect(refused).rejects.toMatchObject({ code: 'MESSAGING.UNKNOWN_EVENT_VERSION', reason: expect.stringContaining('has version 2; accounting understands version 1') });
    expect(await entriesIn(readStore)).toEqual([]);
  });

  it('a manual entry is one line, written once however often it is delivered', async () => {
    const recorded: IntegrationEnvelope = {
      eventId: 'evt-manual',
      type: 'ManualEntryRecorded',
      version: 1,
      streamId: `ledger-${OWNER}`,
      revision: 0,
      occurredAt: '2026-03-02T10:15:00+01:00',
      actorId: OWNER,
      correlationId: null,
      causationId: null,
      data: { entryId: 'entry-1', holderId: OWNER, cabinetId: CABINET, date: '2026-03-02', kind: 'expense', label: 'Blouses', amountCents: 4_990, paymentMethod: 'card' },
    };

    const { entries, published } = await ledgerAfter([recorded, recorded]);

    expect(entries).toEqual([
      expect.objectContaining({ _id: 'entry-1', holderId: OWNER, category: 'manual', kind: 'expense', amountCents: 4_990, recordedAt: '2026-03-02T09:15:00.000Z' }),
    ]);
    expect(published).toEqual([
      {
        eventId: ledgerLineEventId('entry-1'),
        streamId: `ledger-${OWNER}`,
        data: {
          lineId: 'entry-1',
          holderId: OWNER,
          cabinetId: CABINET,
          date: '2026-03-02',
          kind: 'expense',
          category: 'manual',
          amountCents: 4_990,
          paymentMethod: 'card',
          counterpartyAccountId: null,
          consultationId: null,
          patientName: null,
          reversesLineId: null,
          figure: 'otherExpenses',
          figureCents: 4_990,
          recordedAt: '2026-03-02T09:15:00.000Z',
        },
      },
    ]);
  });

  it("a substitute's corrected consultation publishes its six lines, each counter-entry naming the line it cancels and lowering that line's figure", async () => {
    const [completed, corrected] = historyOf({ role: 'substitute', feeCents: 10_000, basisPoints: 3_000, steps: [{ kind: 'correct', feeCents: 8_000, paymentMethod: 'cash' }] }, 1);

    const { published } = await ledgerAfter([completed, corrected]);

    const summary = published.map(({ streamId, data }) => [streamId, data.lineId, data.category, data.reversesLineId, data.figure, data.figureCents]);
    const written = `${completed.eventId}:`;
    const reversal = `${corrected.eventId}:reversal-of-`;
    expect(summary.filter(([, lineId]) => String(lineId).startsWith(written))).toEqual([
      [`ledger-${OWNER}`, `${written}fee`, 'consultation', null, 'receipts', 10_000],
      [`ledger-${OWNER}`, `${written}retrocession-paid`, 'retrocession', null, 'retrocededFees', 3_000],
      [`ledger-${SUBSTITUTE}`, `${written}retrocession-received`, 'retrocession', null, 'receipts', 3_000],
    ]);
    expect(summary.filter(([, lineId]) => String(lineId).startsWith(reversal))).toEqual([
      [`ledger-${OWNER}`, `${reversal}fee`, 'correction', `${written}fee`, 'receipts', -10_000],
      [`ledger-${OWNER}`, `${reversal}retrocession-paid`, 'correction', `${written}retrocession-paid`, 'retrocededFees', -3_000],
      [`ledger-${SUBSTITUTE}`, `${reversal}retrocession-received`, 'correction', `${written}retrocession-received`, 'receipts', -3_000],
    ]);
    expect(published.find(({ data }) => data.lineId === `${written}retrocession-received`)?.data).toMatchObject({ counterpartyAccountId: OWNER, consultationId: 'cons-1', patientName: 'Patient 1' });
  });
});

/** Pairs each counter-entry with one line written before it: same holder, consultation and amount, the opposite kind. */
function expectEveryCounterEntryToCancelOneEarlierLine(lines: readonly LedgerLine[]): void {
  const inWritingOrder = [...lines].sort((left, right) => left.orderingKey.localeCompare(right.orderingKey));
  const uncancelled: LedgerLine[] = [];
  for (const line of inWritingOrder) {
    if (line.category !== 'correction') {
      uncancelled.push(line);
      continue;
    }
    const cancelled = uncancelled.findIndex(
      (candidate) => candidate.holderId === line.holderId && candidate.amountCents === line.amountCents && candidate.kind !== line.kind && candidate.date === line.date,
    );
    expect(cancelled).toBeGreaterThanOrEqual(0);
    uncancelled.splice(cancelled, 1);
  }
}
