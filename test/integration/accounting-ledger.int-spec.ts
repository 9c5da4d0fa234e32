import type { IntegrationEnvelope } from '@osteo/contracts';
import { SqliteEventStore } from '@osteo/event-sourcing';
import { MongoReadStore } from '@osteo/read-store';
import { mongoUrl, uniqueName } from '@osteo/testing';
import { AccountNames } from '../../services/accounting/application/account-names/account-names';
import { ensureConsultationLedgerIndexes } from '../../services/accounting/application/ledger-projection/consultation-ledgers.projection';
import { ensureLedgerEntryIndexes, LEDGER_ENTRIES, type LedgerEntryDocument } from '../../services/accounting/application/ledger-projection/ledger-entries';
import { translatorFor } from '../../services/accounting/application/ledger-language/ledger-catalog';
import { LedgerProjection } from '../../services/accounting/application/ledger-projection/ledger-projection';
import { ListLedgerEntriesQuery } from '../../services/accounting/application/list-ledger-entries/list-ledger-entries.query';
import { CONSULTATION_LEDGERS } from '../../services/accounting/application/ledger-projection/consultation-ledgers.projection';
import { RetrocessionSummaryQuery } from '../../services/accounting/application/retrocession-summary/retrocession-summary.query';

const OWNER = 'acc-owner';
const SUBSTITUTE = 'acc-substitute';

/**
 * The ledger read model on the MongoDB-compatible server of the distributed profile (FerretDB v1
 * here): write-once upserts, `$in` on cabinets, date ranges and the two-key sort behave as they
 * do in memory, and a replayed history changes nothing.
 */
describe('ledger read model on a MongoDB-compatible server', () => {
  let readStore: MongoReadStore;

  beforeAll(async () => {
    readStore = await MongoReadStore.connect(mongoUrl(), uniqueName('accounting'));
    await ensureLedgerEntryIndexes(readStore);
    await ensureConsultationLedgerIndexes(readStore);
  });

  afterAll(async () => {
    await readStore.dropAll();
    await readStore.close();
  });

  let revision = 0;
  const envelope = (type: string, streamId: string, data: Record<string, unknown>): IntegrationEnvelope => ({
    eventId: `evt-${++revision}`,
    type,
    version: 1,
    streamId,
    revision,
    occurredAt: new Date(Date.UTC(2026, 2, 1, 8, revision)).toISOString(),
    actorId: null,
    correlationId: null,
    causationId: null,
    data,
  });
  const completion = (consultationId: string, cabinetId: string, date: string, feeCents: number) =>
    envelope('ConsultationCompleted', `consultation-${consultationId}`, {
      consultationId,
      patientId: `pat-${consultationId}`,
      cabinetId,
      ownerId: OWNER,
      practitionerId: SUBSTITUTE,
      practitionerRole: 'substitute',
      patientName: `Patient ${consultationId}`,
      date,
      feeCents,
      paymentMethod: 'card',
      retrocessionBasisPoints: 3_050,
    });

  it('lists the lines of a period and cabinets in ledger order, with exact totals, however often the history is replayed', async () => {
    const history = [
      completion('c-late', 'cab-a', '2026-03-20', 10_001),
      completion('c-early', 'cab-a', '2026-03-02', 10_000),
      completion('c-other-cabinet', 'cab-b', '2026-03-05', 9_999),
      envelope('ConsultationFeeCorrected', 'consultation-c-early', { consultationId: 'c-early', cabinetId: 'cab-a', ownerId: OWNER, feeCents: 12_000, paymentMethod: 'cash' }),
      completion('c-next-year', 'cab-a', '2027-01-04', 5_000),
    ];
    const projection = new LedgerProjection(readStore, SqliteEventStore.open(':memory:'));
    for (const delivery of [...history, ...history]) await projection.apply(delivery);

    const listing = await new ListLedgerEntriesQuery(readStore).execute({ holderId: OWNER, cabinetIds: new Set(['cab-a']) }, { from: '2026-01-01', to: '2026-12-31' }, { limit: 100 }, translatorFor('en'));

    expect(listing.entries.map(({ consultationId, kind, category, amountCents }) => [consultationId, kind, category, amountCents])).toEqual([
      ['c-early', 'income', 'consultation', 10_000],
      ['c-early', 'expense', 'retrocession', 3_050],
      ['c-early', 'expense', 'correction', 10_000],
      ['c-early', 'income', 'correction', 3_050],
      ['c-early', 'income', 'consultation', 12_000],
      ['c-early', 'expense', 'retrocession', 3_660],
      // 30.5 % of 100.01 € is 30.503 €: 30.50 €.
      ['c-late', 'income', 'consultation', 10_001],
      ['c-late', 'expense', 'retrocession', 3_050],
    ]);
    // A counter-entry takes its amount off the figure it cancels: what stands is counted once.
    expect(listing.totals).toEqual({ incomeCents: 12_000 + 10_001, expenseCents: 3_660 + 3_050, netCents: 12_000 + 10_001 - 3_660 - 3_050 });

    const summary = await new RetrocessionSummaryQuery(readStore, new AccountNames(readStore)).execute({ holderId: OWNER, cabinetIds: 'all' }, { from: 2026, to: 2026 });
    expect(summary).toEqual([
      // 30.5 % of 99.99 € is 30.49695 €: 30.50 €.
      { year: 2026, substituteAccountId: SUBSTITUTE, substituteName: SUBSTITUTE, consultationCount: 3, feesCents: 12_000 + 10_001 + 9_999, retrocededCents: 3_660 + 3_050 + 3_050 },
    ]);
  });

  it('labels lines stored the old way (an English sentence) from their facts, in French and in English, as a rebuild would write them', async () => {
    const holderId = 'acc-old-labels';
    const holder = { holderId, cabinetIds: 'all' as const };
    const period = { from: '2026-01-01', to: '2026-12-31' };
    // As the ledger projection wrote them before #13: each consultation line with its English label.
    const oldLine = (entryId: string, rest: Partial<LedgerEntryDocument>): LedgerEntryDocument => ({
      _id: entryId,
      entryId,
      holderId,
      cabinetId: 'cab-a',
      date: '2026-02-02',
      kind: 'income',
      category: 'consultation',
      amountCents: 5_000,
      paymentMethod: 'card',
      recordedAt: '2026-02-02T08:00:00.000Z',
      orderingKey: `2026-02-02T08:00:00.000Z|${entryId}`,
      ...rest,
    });
    const entries = readStore.collection<LedgerEntryDocument>(LEDGER_ENTRIES);
    await entries.insertAbsent([
      oldLine('old-1:fee', { label: 'Consultation — DUPONT Jeanne', patientName: 'DUPONT Jeanne', consultationId: 'old' }),
      oldLine('old-1:retrocession-received', { category: 'retrocession', label: 'Retrocession — DUPONT Jeanne', patientName: 'DUPONT Jeanne', consultationId: 'old', paymentMethod: 'other' }),
      oldLine('old-2:reversal-of-fee', { kind: 'expense', category: 'correction', label: 'Reversal — Consultation — DUPONT Jeanne', patientName: 'DUPONT Jeanne', consultationId: 'old' }),
      oldLine('manual-1', { kind: 'expense', category: 'manual', label: 'Blouses', orderingKey: '2026-02-02T09:00:00.000Z|manual-1' }),
    ]);
    const labels = async (language: 'fr' | 'en') =>
      (await new ListLedgerEntriesQuery(readStore).execute(holder, period, { limit: 100 }, translatorFor(language))).entries.map((entry) => entry.label);

    expect(await labels('fr')).toEqual(['Consultation — DUPONT Jeanne', 'Rétrocession reçue — DUPONT Jeanne', 'Annulation — Consultation — DUPONT Jeanne', 'Blouses']);
    expect(await labels('en')).toEqual(['Consultation — DUPONT Jeanne', 'Retrocession received — DUPONT Jeanne', 'Reversal — Consultation — DUPONT Jeanne', 'Blouses']);

    // A rebuild writes the lines again from the events, without labels: readers see the same.
    const before = { fr: await labels('fr'), en: await labels('en') };
    await entries.deleteMany({ holderId });
    await entries.insertAbsent([
      oldLine('old-1:fee', { patientName: 'DUPONT Jeanne', consultationId: 'old' }),
      oldLine('old-1:retrocession-received', { category: 'retrocession', patientName: 'DUPONT Jeanne', consultationId: 'old', paymentMethod: 'other' }),
      oldLine('old-2:reversal-of-fee', { kind: 'expense', category: 'correction', patientName: 'DUPONT Jeanne', consultationId: 'old' }),
      oldLine('manual-1', { kind: 'expense', category: 'manual', label: 'Blouses', orderingKey: '2026-02-02T09:00:00.000Z|manual-1' }),
    ]);
    expect({ fr: await labels('fr'), en: await labels('en') }).toEqual(before);
    expect((await entries.find({ holderId, category: { $ne: 'manual' } })).every((line) => line.label === undefined)).toBe(true);
  });

  it('writes no label on the lines of a consultation nor on their counter-entries', async () => {
    const projection = new LedgerProjection(readStore, SqliteEventStore.open(':memory:'));
    await projection.apply(completion('c-labels', 'cab-a', '2026-04-01', 4_000));
    await projection.apply(envelope('ConsultationDeleted', 'consultation-c-labels', { consultationId: 'c-labels', cabinetId: 'cab-a', ownerId: OWNER, wasCompleted: true }));
    const written = await readStore.collection<LedgerEntryDocument>(LEDGER_ENTRIES).find({ consultationId: 'c-labels' });
    expect(written).toHaveLength(6);
    expect(written.map((line) => line.label)).toEqual(Array(6).fill(undefined));
    expect((await readStore.collection(CONSULTATION_LEDGERS).findOne({ _id: 'c-labels' })) ?? {}).not.toHaveProperty('lines.0.label');
  });

  it('pages a period with a cursor that stays right while lines are written, the figures of the whole period on the first page', async () => {
    const holderId = 'acc-paged';
    const projection = new LedgerProjection(readStore, SqliteEventStore.open(':memory:'));
    const manual = (entryId: string, date: string, amountCents: number) =>
      envelope('ManualEntryRecorded', `ledger-${holderId}`, { entryId, holderId, cabinetId: 'cab-a', date, kind: 'income', label: `Atelier ${entryId}`, amountCents, paymentMethod: 'cash' });
    for (let day = 1; day <= 7; day++) await projection.apply(manual(`m-${day}`, `2026-05-0${day}`, 100 * day));
    const query = new ListLedgerEntriesQuery(readStore);
    const scope = { holderId, cabinetIds: 'all' as const };
    const period = { from: '2026-05-01', to: '2026-05-31' };
    const t = translatorFor('fr');

    const first = await query.execute(scope, period, { limit: 3 }, t);
    expect(first.entries.map((entry) => entry.entryId)).toEqual(['m-1', 'm-2', 'm-3']);
    expect(first.total).toBe(7);
    expect(first.totals?.incomeCents).toBe(100 * (1 + 2 + 3 + 4 + 5 + 6 + 7));
    expect(first.nextCursor).toEqual(expect.any(String));

    // Written while the reader pages: one before the cursor (an earlier day), one after it.
    await projection.apply(manual('m-early', '2026-05-01', 1));
    await projection.apply(manual('m-late', '2026-05-09', 2));

    const pages = [first.entries];
    let cursor = first.nextCursor;
    while (cursor !== null) {
      const page = await query.execute(scope, period, { limit: 3, cursor }, t);
      // A following page is read by its position alone: the figures come with the first.
      expect(page).not.toHaveProperty('totals');
      // The count of the first page, carried by the cursor: a following page does not count again.
      expect(page.total).toBe(7);
      pages.push(page.entries);
      cursor = page.nextCursor;
    }
    // Every line that was there is answered once, in order; the later one follows at its place.
    expect(pages.flat().map((entry) => entry.entryId)).toEqual(['m-1', 'm-2', 'm-3', 'm-4', 'm-5', 'm-6', 'm-7', 'm-late']);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 2]);
  });
});
