import type { IntegrationEnvelope } from '@osteo/contracts';
import { MongoReadStore } from '@osteo/read-store';
import { mongoUrl, uniqueName } from '@osteo/testing';
import { AccountNames } from '../../services/accounting/application/account-names/account-names';
import { ensureConsultationLedgerIndexes } from '../../services/accounting/application/ledger-projection/consultation-ledgers.projection';
import { ensureLedgerEntryIndexes } from '../../services/accounting/application/ledger-projection/ledger-entries';
import { LedgerProjection } from '../../services/accounting/application/ledger-projection/ledger-projection';
import { ListLedgerEntriesQuery } from '../../services/accounting/application/list-ledger-entries/list-ledger-entries.query';
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
    const projection = new LedgerProjection(readStore);
    for (const delivery of [...history, ...history]) await projection.apply(delivery);

    const listing = await new ListLedgerEntriesQuery(readStore).execute({ holderId: OWNER, cabinetIds: new Set(['cab-a']) }, { from: '2026-01-01', to: '2026-12-31' });

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
});
