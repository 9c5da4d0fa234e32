import type { ConsultationCompletedV1, ConsultationFeeCorrectedV1 } from '@osteo/contracts';
import { type SignedIn, registerMainAccount, signInProvisionedAccount } from '../support/accounts';
import { type RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { textOfPdf } from '../support/pdf-text';
import { recordsEventPublisher } from '../support/records-events';

type Figures = {
  receiptsCents: number;
  receiptsByCategory: { consultationCents: number; retrocessionCents: number; manualCents: number };
  retrocededFeesCents: number;
  otherExpensesCents: number;
  otherExpensesByCategory: { manualCents: number };
  netCents: number;
};
type YearFigures = { year: Figures; months: (Figures & { month: string })[] };
type YearlySummary = {
  holderId: string;
  year: number;
  cabinetId: string | null;
  allCabinets: YearFigures;
  cabinets: (YearFigures & { cabinetId: string })[];
  das2: { year: number; substituteAccountId: string; substituteName: string; consultationCount: number; feesCents: number; retrocededCents: number }[];
};

const figures = (receipts: Partial<Figures['receiptsByCategory']>, retrocededFeesCents: number, manualExpenseCents: number): Figures => {
  const receiptsByCategory = { consultationCents: 0, retrocessionCents: 0, manualCents: 0, ...receipts };
  const receiptsCents = receiptsByCategory.consultationCents + receiptsByCategory.retrocessionCents + receiptsByCategory.manualCents;
  return {
    receiptsCents,
    receiptsByCategory,
    retrocededFeesCents,
    otherExpensesCents: manualExpenseCents,
    otherExpensesByCategory: { manualCents: manualExpenseCents },
    netCents: receiptsCents - retrocededFeesCents - manualExpenseCents,
  };
};
const NOTHING = figures({}, 0, 0);

/**
 * GET /ledgers/:accountId/yearly-summary in the embedded profile: an owner with cabinets A and B,
 * a substitute at 30 % on A whose consultation's fee is corrected up then down, an accountant on
 * A. patient-records is played by this test, which publishes records.events envelopes.
 */
describe('the yearly summary (2035 and DAS2), embedded profile', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let owner: SignedIn;
  let substitute: SignedIn;
  let accountant: SignedIn;
  let stranger: SignedIn;
  let cabinetA: string;
  let cabinetB: string;

  const publishRecordsEvent = recordsEventPublisher(() => platform.app, () => owner.accountId);
  const complete = (consultation: Omit<ConsultationCompletedV1, 'patientId' | 'ownerId' | 'paymentMethod'>) =>
    publishRecordsEvent<ConsultationCompletedV1>('ConsultationCompleted', `consultation-${consultation.consultationId}`, {
      ...consultation,
      patientId: `patient-${consultation.consultationId}`,
      ownerId: owner.accountId,
      paymentMethod: 'card',
    });
  const correct = (consultationId: string, cabinetId: string, feeCents: number) =>
    publishRecordsEvent<ConsultationFeeCorrectedV1>('ConsultationFeeCorrected', `consultation-${consultationId}`, {
      consultationId,
      cabinetId,
      ownerId: owner.accountId,
      feeCents,
      paymentMethod: 'card',
    });
  const summaryOf = async (reader: SignedIn, holderId: string, query = 'year=2026'): Promise<YearlySummary> => {
    const answer = await reader.http.get(`/api/v1/ledgers/${holderId}/yearly-summary?${query}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    const anonymous = new HttpClient(platform.baseUrl);
    owner = await registerMainAccount(anonymous, 'owner@example.fr', 'Dr Claire Martin');
    stranger = await registerMainAccount(anonymous, 'stranger@example.fr', 'Dr Inès Petit');
    cabinetA = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet A' })).body.cabinetId;
    cabinetB = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet B' })).body.cabinetId;
    expect((await owner.http.post('/api/v1/delegations', { email: 'locum@example.fr', role: 'substitute', cabinetIds: [cabinetA], retrocessionPercent: 30 })).status).toBe(201);
    expect((await owner.http.post('/api/v1/delegations', { email: 'books@example.fr', role: 'accountant', cabinetIds: [cabinetA] })).status).toBe(201);
    substitute = await signInProvisionedAccount(anonymous, dataDir.path, 'locum@example.fr');
    accountant = await signInProvisionedAccount(anonymous, dataDir.path, 'books@example.fr');
    await eventually(async () => {
      for (const [reader, holder] of [[owner, owner], [substitute, substitute], [accountant, owner]] as const) {
        expect((await reader.http.get(`/api/v1/ledgers/${holder.accountId}/entries`)).status).toBe(200);
      }
    });

    // 100.00 € by the substitute on A, corrected up to 150.00 €, then down to 120.00 €: the owner keeps 120.00 − 36.00.
    await complete({ consultationId: 'substitute-march', cabinetId: cabinetA, practitionerId: substitute.accountId, practitionerRole: 'substitute', patientName: 'Jeanne Dupont', date: '2026-03-02', feeCents: 10_000, retrocessionBasisPoints: 3_000 });
    await correct('substitute-march', cabinetA, 15_000);
    await correct('substitute-march', cabinetA, 12_000);
    await complete({ consultationId: 'owner-may', cabinetId: cabinetB, practitionerId: owner.accountId, practitionerRole: 'owner', patientName: 'Paul Durand', date: '2026-05-10', feeCents: 7_000, retrocessionBasisPoints: null });
    // Another year: never in 2026's figures.
    await complete({ consultationId: 'owner-2025', cabinetId: cabinetA, practitionerId: owner.accountId, practitionerRole: 'owner', patientName: 'Léa Morel', date: '2025-12-31', feeCents: 5_000, retrocessionBasisPoints: null });
    const manual = await owner.http.post('/api/v1/ledgers/me/entries', { kind: 'expense', cabinetId: cabinetA, date: '2026-03-05', label: 'Blouses', amountCents: 4_990, paymentMethod: 'card' });
    expect(manual.status).toBe(201);

    await eventually(async () => {
      const entries = (await owner.http.get(`/api/v1/ledgers/${owner.accountId}/entries?from=2025-01-01&to=2026-12-31`)).body.entries;
      // 2 + (2 reversals + 2) × 2 corrections on the owner's side, 1 on B, 1 in 2025, 1 manual.
      expect(entries).toHaveLength(2 + 4 + 4 + 1 + 1 + 1);
    });
  });

  afterAll(async () => {
    await platform.stop();
    dataDir.remove();
  });

  it('gives the owner the year’s receipts, retroceded fees and other expenses net of corrections, per month and per cabinet, with the DAS2', async () => {
    const summary = await summaryOf(owner, owner.accountId);
    expect(summary).toMatchObject({ holderId: owner.accountId, year: 2026, cabinetId: null });

    expect(summary.allCabinets.year).toEqual(figures({ consultationCents: 12_000 + 7_000 }, 3_600, 4_990));
    expect(summary.allCabinets.months.map((month) => month.month)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((month) => `2026-${month}`));
    expect(summary.allCabinets.months[2]).toEqual({ month: '2026-03', ...figures({ consultationCents: 12_000 }, 3_600, 4_990) });
    expect(summary.allCabinets.months[4]).toEqual({ month: '2026-05', ...figures({ consultationCents: 7_000 }, 0, 0) });
    expect(summary.allCabinets.months.filter((_, index) => index !== 2 && index !== 4).every(({ month: _month, ...rest }) => JSON.stringify(rest) === JSON.stringify(NOTHING))).toBe(true);

    expect(summary.cabinets.map(({ cabinetId, year }) => ({ cabinetId, year }))).toEqual(
      [
        { cabinetId: cabinetA, year: figures({ consultationCents: 12_000 }, 3_600, 4_990) },
        { cabinetId: cabinetB, year: figures({ consultationCents: 7_000 }, 0, 0) },
      ].sort((left, right) => left.cabinetId.localeCompare(right.cabinetId)),
    );

    expect(summary.das2).toEqual([
      { year: 2026, substituteAccountId: substitute.accountId, substituteName: expect.any(String), consultationCount: 1, feesCents: 12_000, retrocededCents: 3_600 },
    ]);
    // The same DAS2 rows as the retrocession summary gives.
    expect((await owner.http.get(`/api/v1/ledgers/${owner.accountId}/retrocession-summary?year=2026`)).body.substitutes).toEqual(summary.das2);
  });

  it('gives the substitute the share they received once, at the corrected amount', async () => {
    const summary = await summaryOf(substitute, 'me');
    expect(summary.allCabinets.year).toEqual(figures({ retrocessionCents: 3_600 }, 0, 0));
    expect(summary.das2).toEqual([]);
  });

  it('filters on one cabinet when asked, and holds nothing of another year', async () => {
    const onB = await summaryOf(owner, owner.accountId, `year=2026&cabinetId=${cabinetB}`);
    expect(onB.cabinetId).toBe(cabinetB);
    expect(onB.allCabinets.year).toEqual(figures({ consultationCents: 7_000 }, 0, 0));
    expect(onB.cabinets.map((cabinet) => cabinet.cabinetId)).toEqual([cabinetB]);
    expect(onB.das2).toEqual([]);

    const in2025 = await summaryOf(owner, owner.accountId, 'year=2025');
    expect(in2025.allCabinets.year).toEqual(figures({ consultationCents: 5_000 }, 0, 0));
    expect(in2025.das2).toEqual([]);
  });

  it('shows the accountant the cabinets selected for them only, and nothing of another', async () => {
    const summary = await summaryOf(accountant, owner.accountId);
    expect(summary.allCabinets.year).toEqual(figures({ consultationCents: 12_000 }, 3_600, 4_990));
    expect(summary.cabinets.map((cabinet) => cabinet.cabinetId)).toEqual([cabinetA]);
    expect(summary.das2).toHaveLength(1);
    expect((await accountant.http.get(`/api/v1/ledgers/${owner.accountId}/yearly-summary?year=2026&cabinetId=${cabinetB}`)).status).toBe(404);
  });

  it('refuses anyone else as reading the ledger does', async () => {
    for (const [reader, holder] of [[substitute, owner], [stranger, owner], [accountant, substitute], [owner, stranger]] as const) {
      const entries = await reader.http.get(`/api/v1/ledgers/${holder.accountId}/entries`);
      const summary = await reader.http.get(`/api/v1/ledgers/${holder.accountId}/yearly-summary?year=2026`);
      expect([403, 404]).toContain(summary.status);
      expect(summary.status).toBe(entries.status);
    }
    expect((await substitute.http.get(`/api/v1/ledgers/${owner.accountId}/yearly-summary?year=2026`)).status).toBe(403);
  });

  it('exports the year as one CSV table of 2035 figures (the year, then each month; all cabinets, then each) and as a PDF with the DAS2', async () => {
    const csv = await owner.http.download(`/api/v1/ledgers/${owner.accountId}/yearly-summary/export?year=2026&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="yearly-summary-${owner.accountId}_2026-01-01_2026-12-31.csv"`);
    const rows = csv.bytes.toString('utf8').slice(1).split('\r\n');
    expect(rows[0]).toBe(
      'Cabinet;Période;Recettes : consultations;Recettes : rétrocessions reçues;Recettes : saisies manuelles;Recettes encaissées;Honoraires rétrocédés;Autres dépenses;Résultat',
    );
    expect(rows[1]).toBe('Tous les cabinets;Année 2026;190,00;0,00;0,00;190,00;36,00;49,90;104,10');
    expect(rows[4]).toBe('Tous les cabinets;mars 2026;120,00;0,00;0,00;120,00;36,00;49,90;34,10');
    // 13 rows (the year and its months) for all cabinets, then for A and for B; a blank last line.
    expect(rows).toHaveLength(1 + 13 * 3 + 1);
    expect(rows.filter((row) => row.startsWith('Cabinet A;')).length).toBe(13);

    const pdf = await owner.http.download(`/api/v1/ledgers/${owner.accountId}/yearly-summary/export?year=2026&format=pdf&language=en`);
    expect(pdf.status).toBe(200);
    expect(pdf.bytes.toString('latin1')).toContain('/Lang (en-GB)');
    const text = textOfPdf(pdf.bytes);
    expect(text).toContain('Yearly summary 2026 of Dr Claire Martin (2035 and DAS2)');
    expect(text).toContain('Form 2035: receipts and expenses · All practices');
    expect(text).toContain('Form 2035: receipts and expenses · Practice: Cabinet A');
    expect(text).toContain('DAS2: retrocessions per substitute');
    expect(text).toContain('March 2026');
  });

  it('exports to the accountant the cabinets selected for them only', async () => {
    const csv = await accountant.http.download(`/api/v1/ledgers/${owner.accountId}/yearly-summary/export?year=2026&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.bytes.toString('utf8')).not.toContain('Cabinet B');
    expect((await accountant.http.download(`/api/v1/ledgers/${owner.accountId}/yearly-summary/export?year=2026&format=csv&cabinetId=${cabinetB}`)).status).toBe(404);
    expect((await substitute.http.download(`/api/v1/ledgers/${owner.accountId}/yearly-summary/export?year=2026&format=csv`)).status).toBe(403);
  });

  it.each([
    ['no year', ''],
    ['a year that is not a number', 'year=next'],
    ['a year before 2000', 'year=1999'],
    ['a year after 2099', 'year=2100'],
    ['a year that is not whole', 'year=2026.5'],
  ])('answers 400 naming the year for %s', async (_case, query) => {
    const answer = await owner.http.get(`/api/v1/ledgers/${owner.accountId}/yearly-summary?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('REQUEST.INVALID');
    expect(answer.body.message).toMatch(/^year/);
  });
});
