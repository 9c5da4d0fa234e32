import {
  type ConsultationCompletedV1,
  type ConsultationDeletedV1,
  type ConsultationFeeCorrectedV1,
  type IntegrationEnvelope,
  type PatientDeletedV1,
  Topics,
} from '@osteo/contracts';
import { EventBus } from '@osteo/messaging';
import { PASSWORD, SignedIn, logIn, registerMainAccount, signInProvisionedAccount } from '../support/accounts';
import { ContractConformance } from '../support/contract-conformance';
import { RunningPlatform, startPlatform, storedEventTypes, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { textOfPdf } from '../support/pdf-text';
import { recordsEventPublisher } from '../support/records-events';

type Entry = {
  entryId: string;
  date: string;
  cabinetId: string;
  kind: 'income' | 'expense';
  category: string;
  amountCents: number;
  label: string;
  paymentMethod: string;
  patientName?: string;
  consultationId?: string;
  counterpartyAccountId?: string;
};
type Listing = {
  entries: Entry[];
  nextCursor: string | null;
  total: number;
  totals: { incomeCents: number; expenseCents: number; netCents: number };
  totalsByCabinet: { cabinetId: string; incomeCents: number; expenseCents: number; netCents: number }[];
  breakdownByCabinet: { cabinetId: string; receiptsByCategory: { consultationCents: number }; retrocededFeesCents: number }[];
};

/**
 * Accounting in the embedded profile: an owner with cabinets A and B, a substitute at 30 % on
 * A, an accountant on A and a colleague on B. patient-records is played by this test, which
 * publishes records.events envelopes built per the contract; the ledgers are read through the
 * gateway as each person would.
 */
describe('ledgers, embedded profile', () => {
  const dataDir = temporaryDataDir();
  const conformance = new ContractConformance();
  let platform: RunningPlatform;
  let anonymous: HttpClient;
  let owner: SignedIn;
  let substitute: SignedIn;
  let accountant: SignedIn;
  let colleague: SignedIn;
  let cabinetA: string;
  let cabinetB: string;

  const ledgerOf = async (reader: SignedIn, holderId: string, query = 'from=2026-01-01&to=2026-12-31'): Promise<Listing> => {
    const answer = await reader.http.get(`/api/v1/ledgers/${holderId}/entries?${query}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  // The holders' own writes: the ledger also appends a LedgerLineWritten per line it writes, in its own time.
  const accountingEventCount = async () => (await storedEventTypes(dataDir.path, 'accounting')).filter((type) => type === 'ManualEntryRecorded').length;

  const publish = (envelope: IntegrationEnvelope) => platform.app.get(EventBus).publish(Topics.records, [{ key: envelope.streamId, envelope }]);
  const publishRecordsEvent = recordsEventPublisher(() => platform.app, () => owner.accountId);
  const complete = (consultation: Omit<ConsultationCompletedV1, 'patientId' | 'ownerId'>) =>
    publishRecordsEvent<ConsultationCompletedV1>('ConsultationCompleted', `consultation-${consultation.consultationId}`, {
      ...consultation,
      patientId: `patient-${consultation.consultationId}`,
      ownerId: owner.accountId,
    });

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    await conformance.watch(platform.app.get(EventBus), [Topics.records, Topics.accounting]);
    anonymous = new HttpClient(platform.baseUrl);
    owner = await registerMainAccount(anonymous, 'owner@example.fr', 'Dr Claire Martin');
    cabinetA = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet A' })).body.cabinetId;
    cabinetB = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet B' })).body.cabinetId;

    expect((await owner.http.post('/api/v1/delegations', { email: 'locum@example.fr', role: 'substitute', cabinetIds: [cabinetA], retrocessionPercent: 30 })).status).toBe(201);
    expect((await owner.http.post('/api/v1/delegations', { email: 'books@example.fr', role: 'accountant', cabinetIds: [cabinetA] })).status).toBe(201);
    substitute = await signInProvisionedAccount(anonymous, dataDir.path, 'locum@example.fr');
    accountant = await signInProvisionedAccount(anonymous, dataDir.path, 'books@example.fr');

    colleague = await registerMainAccount(anonymous, 'colleague@example.fr', 'Dr Hugo Bernard');
    const invitationId = await eventually(async () => {
      const invited = await owner.http.post(`/api/v1/cabinets/${cabinetB}/colleagues`, { email: 'colleague@example.fr' });
      expect(invited.status).toBe(201);
      return invited.body.invitationId as string;
    });
    expect((await colleague.http.post(`/api/v1/invitations/${invitationId}/accept`)).status).toBe(204);

    // Accounting's own access projection has caught up once each of them is let in.
    await eventually(async () => {
      for (const [reader, holder] of [[owner, owner], [substitute, substitute], [accountant, owner], [colleague, colleague]] as const) {
        expect((await reader.http.get(`/api/v1/ledgers/${holder.accountId}/entries`)).status).toBe(200);
      }
    });

    await complete({
      consultationId: 'by-substitute-on-a',
      cabinetId: cabinetA,
      practitionerId: substitute.accountId,
      practitionerRole: 'substitute',
      patientName: 'Jeanne Dupont',
      date: '2026-03-02',
      feeCents: 10_000,
      paymentMethod: 'card',
      retrocessionBasisPoints: 3_000,
    });
    await complete({
      consultationId: 'by-colleague-on-b',
      cabinetId: cabinetB,
      practitionerId: colleague.accountId,
      practitionerRole: 'colleague',
      patientName: 'Paul Durand',
      date: '2026-03-03',
      feeCents: 6_000,
      paymentMethod: 'cash',
      retrocessionBasisPoints: null,
    });
    await complete({
      consultationId: 'by-owner-on-b',
      cabinetId: cabinetB,
      practitionerId: owner.accountId,
      practitionerRole: 'owner',
      patientName: 'Marie Curie',
      date: '2026-03-04',
      feeCents: 7_000,
      paymentMethod: 'cheque',
      retrocessionBasisPoints: null,
    });
  });

  afterAll(async () => {
    await conformance.stop();
    await platform.stop();
    dataDir.remove();
  });

  it('writes the substitute’s consultation as the owner’s income of 100.00 and retrocession expense of 30.00, and the substitute’s income of 30.00', async () => {
    const ledger = await eventually(async () => {
      const listing = await ledgerOf(owner, owner.accountId);
      expect(listing.entries).toHaveLength(3);
      return listing;
    });

    expect(ledger.entries).toEqual([
      expect.objectContaining({ date: '2026-03-02', cabinetId: cabinetA, kind: 'income', category: 'consultation', amountCents: 10_000, label: 'Consultation — Jeanne Dupont', paymentMethod: 'card', patientName: 'Jeanne Dupont', consultationId: 'by-substitute-on-a' }),
      expect.objectContaining({ date: '2026-03-02', cabinetId: cabinetA, kind: 'expense', category: 'retrocession', amountCents: 3_000, counterpartyAccountId: substitute.accountId, consultationId: 'by-substitute-on-a' }),
      expect.objectContaining({ date: '2026-03-04', cabinetId: cabinetB, kind: 'income', category: 'consultation', amountCents: 7_000, patientName: 'Marie Curie' }),
    ]);
    expect(Object.keys(ledger.entries[1]).sort()).toEqual(
      ['entryId', 'date', 'cabinetId', 'kind', 'category', 'amountCents', 'label', 'paymentMethod', 'patientName', 'consultationId', 'counterpartyAccountId'].sort(),
    );
    expect(ledger.totals).toEqual({ incomeCents: 17_000, expenseCents: 3_000, netCents: 14_000 });
    expect(ledger.totalsByCabinet).toEqual(
      expect.arrayContaining([
        { cabinetId: cabinetA, incomeCents: 10_000, expenseCents: 3_000, netCents: 7_000 },
        { cabinetId: cabinetB, incomeCents: 7_000, expenseCents: 0, netCents: 7_000 },
      ]),
    );

    const substituteLedger = await eventually(async () => {
      const listing = await ledgerOf(substitute, 'me');
      expect(listing.entries).toHaveLength(1);
      return listing;
    });
    expect(substituteLedger.entries[0]).toMatchObject({ kind: 'income', category: 'retrocession', amountCents: 3_000, counterpartyAccountId: owner.accountId, cabinetId: cabinetA });
    expect(substituteLedger.totals).toEqual({ incomeCents: 3_000, expenseCents: 0, netCents: 3_000 });
  });

  it('keeps the colleague’s fee in the colleague’s ledger, which only they see', async () => {
    const ledger = await eventually(async () => {
      const listing = await ledgerOf(colleague, colleague.accountId);
      expect(listing.entries).toHaveLength(1);
      return listing;
    });
    expect(ledger.entries[0]).toMatchObject({ cabinetId: cabinetB, kind: 'income', category: 'consultation', amountCents: 6_000, patientName: 'Paul Durand' });
    expect((await ledgerOf(owner, owner.accountId)).entries.map((entry) => entry.patientName)).not.toContain('Paul Durand');

    // The owner does not work in a cabinet of the colleague: that ledger does not exist for them.
    expect((await owner.http.get(`/api/v1/ledgers/${colleague.accountId}/entries`)).status).toBe(404);
    // The colleague and the substitute work in the owner's cabinets: they know the ledger exists, and may not read it.
    expect((await colleague.http.get(`/api/v1/ledgers/${owner.accountId}/entries`)).body.code).toBe('ACCESS.FORBIDDEN');
    expect((await substitute.http.get(`/api/v1/ledgers/${owner.accountId}/entries`)).status).toBe(403);
    expect((await accountant.http.get(`/api/v1/ledgers/${colleague.accountId}/entries`)).status).toBe(404);
  });

  it('shows the accountant the lines of cabinet A only, and nothing of B', async () => {
    const ledger = await ledgerOf(accountant, owner.accountId);
    expect(ledger.entries.map((entry) => entry.cabinetId)).toEqual([cabinetA, cabinetA]);
    expect(ledger.totals).toEqual({ incomeCents: 10_000, expenseCents: 3_000, netCents: 7_000 });
    expect(ledger.totalsByCabinet).toEqual([{ cabinetId: cabinetA, incomeCents: 10_000, expenseCents: 3_000, netCents: 7_000 }]);

    expect((await ledgerOf(accountant, owner.accountId, `cabinetId=${cabinetA}`)).entries).toHaveLength(2);
    const outside = await accountant.http.get(`/api/v1/ledgers/${owner.accountId}/entries?cabinetId=${cabinetB}`);
    expect(outside.status).toBe(404);
    expect((await accountant.http.get(`/api/v1/ledgers/${owner.accountId}/export?format=csv&cabinetId=${cabinetB}`)).status).toBe(404);
  });

  it('records the holder’s manual entries, and refuses any write by the accountant', async () => {
    const before = await accountingEventCount();
    const recorded = await owner.http.post('/api/v1/ledgers/me/entries', { kind: 'expense', cabinetId: cabinetA, date: '2026-03-05', label: 'Blouses', amountCents: 4_990, paymentMethod: 'card' });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toEqual({ entryId: expect.any(String) });
    expect(await accountingEventCount()).toBe(before + 1);

    const byAccountant = await eventually(async () => {
      const listing = await ledgerOf(accountant, owner.accountId);
      expect(listing.entries).toHaveLength(3);
      return listing;
    });
    expect(byAccountant.entries[2]).toEqual({ entryId: recorded.body.entryId, date: '2026-03-05', cabinetId: cabinetA, kind: 'expense', category: 'manual', amountCents: 4_990, label: 'Blouses', paymentMethod: 'card' });

    const ownLedger = await accountant.http.post('/api/v1/ledgers/me/entries', { kind: 'income', cabinetId: cabinetA, date: '2026-03-05', label: 'Honoraires', amountCents: 1_000, paymentMethod: 'cash' });
    expect(ownLedger.status).toBe(403);
    expect(ownLedger.body.code).toBe('ACCESS.FORBIDDEN');
    // There is no route to write in someone else's ledger: the path is read-only (405, whoever asks).
    const intoOwners = await accountant.http.post(`/api/v1/ledgers/${owner.accountId}/entries`, { kind: 'income', cabinetId: cabinetA, date: '2026-03-05', label: 'x', amountCents: 1_000, paymentMethod: 'cash' });
    expect(intoOwners.status).toBe(405);
    expect(await accountingEventCount()).toBe(before + 1);

    const bySubstitute = await substitute.http.post('/api/v1/ledgers/me/entries', { kind: 'expense', cabinetId: cabinetA, date: '2026-03-06', label: 'Train Lyon–Villeurbanne', amountCents: 380, paymentMethod: 'card' });
    expect(bySubstitute.status).toBe(201);
    await eventually(async () => expect((await ledgerOf(substitute, substitute.accountId)).totals).toEqual({ incomeCents: 3_000, expenseCents: 380, netCents: 2_620 }));
  });

  describe('bad input gets a clear 4xx and writes nothing', () => {
    const valid = () => ({ kind: 'income', cabinetId: cabinetA, date: '2026-03-05', label: 'Atelier', amountCents: 2_500, paymentMethod: 'transfer' });
    const cases: ReadonlyArray<[string, () => Record<string, unknown>, number, string, RegExp]> = [
      ['a negative amount', () => ({ ...valid(), amountCents: -2_500 }), 400, 'REQUEST.INVALID', /amountCents/],
      ['a zero amount', () => ({ ...valid(), amountCents: 0 }), 400, 'REQUEST.INVALID', /amountCents/],
      ['a fraction of a cent', () => ({ ...valid(), amountCents: 25.5 }), 400, 'REQUEST.INVALID', /amountCents/],
      ['an amount as text', () => ({ ...valid(), amountCents: '2500' }), 400, 'REQUEST.INVALID', /amountCents/],
      ['an unknown payment method', () => ({ ...valid(), paymentMethod: 'bitcoin' }), 400, 'REQUEST.INVALID', /paymentMethod/],
      ['an unknown kind', () => ({ ...valid(), kind: 'gift' }), 400, 'REQUEST.INVALID', /kind/],
      ['a day that does not exist', () => ({ ...valid(), date: '2026-02-30' }), 400, 'REQUEST.INVALID', /date/],
      ['a date in French notation', () => ({ ...valid(), date: '05/03/2026' }), 400, 'REQUEST.INVALID', /date/],
      ['a label of 201 characters', () => ({ ...valid(), label: 'x'.repeat(201) }), 400, 'REQUEST.INVALID', /label/],
      ['a blank label', () => ({ ...valid(), label: '   ' }), 400, 'REQUEST.INVALID', /label/],
      ['an unknown field', () => ({ ...valid(), holderId: 'someone-else' }), 400, 'REQUEST.INVALID', /holderId/],
      ['a category of its own choosing', () => ({ ...valid(), category: 'consultation' }), 400, 'REQUEST.INVALID', /category/],
      ['an operator object', () => ({ ...valid(), cabinetId: { $ne: null } }), 400, 'REQUEST.OPERATOR_NOT_ALLOWED', /cabinetId/],
      ['a cabinet that does not exist', () => ({ ...valid(), cabinetId: 'no-such-cabinet' }), 404, 'RESOURCE.NOT_FOUND', /not found/],
    ];

    it.each(cases)('%s', async (_name, body, status, code, message) => {
      const before = await accountingEventCount();
      const answer = await owner.http.post('/api/v1/ledgers/me/entries', body());
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({ statusCode: status, code, message: expect.stringMatching(message) });
      expect(await accountingEventCount()).toBe(before);
    });

    it('a cabinet where the writer does not work, as a substitute', async () => {
      const before = await accountingEventCount();
      const answer = await substitute.http.post('/api/v1/ledgers/me/entries', { ...valid(), cabinetId: cabinetB });
      expect(answer.status).toBe(404);
      expect(await accountingEventCount()).toBe(before);
    });

    it.each([
      ['a date that is not one', 'from=2026-13-01', 'REQUEST.INVALID', /from/],
      ['a period that ends before it starts', 'from=2026-12-31&to=2026-01-01', 'LEDGER.INVALID_PERIOD', /from/],
      ['an unknown parameter', 'holderId=x', 'REQUEST.INVALID', /holderId/],
    ])('reading with %s', async (_name, query, code, message) => {
      const answer = await owner.http.get(`/api/v1/ledgers/${owner.accountId}/entries?${query}`);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ statusCode: 400, code, message: expect.stringMatching(message) });
    });

    it('exporting to an unknown format', async () => {
      const answer = await owner.http.get(`/api/v1/ledgers/${owner.accountId}/export?format=xls`);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(/format/);
    });
  });

  it('answers the yearly retrocession summary per substitute to the owner and their accountant, not to the substitute', async () => {
    const summary = await owner.http.get(`/api/v1/ledgers/${owner.accountId}/retrocession-summary?year=2026`);
    expect(summary.status).toBe(200);
    expect(summary.body).toEqual({
      holderId: owner.accountId,
      year: 2026,
      // A provisioned account is named on identity.events by its address's local part (no e-mail on Kafka, #11).
      substitutes: [{ year: 2026, substituteAccountId: substitute.accountId, substituteName: 'locum', consultationCount: 1, feesCents: 10_000, retrocededCents: 3_000 }],
    });
    expect((await accountant.http.get(`/api/v1/ledgers/${owner.accountId}/retrocession-summary?year=2026`)).body).toEqual(summary.body);
    expect((await owner.http.get(`/api/v1/ledgers/${owner.accountId}/retrocession-summary?year=2025`)).body.substitutes).toEqual([]);
    expect((await substitute.http.get(`/api/v1/ledgers/${owner.accountId}/retrocession-summary`)).status).toBe(403);
  });

  it('exports cabinet A’s lines for the accountant as one CSV table in French: French headers, words, dates as 02/03/2026', async () => {
    const token = await logIn(anonymous, 'books@example.fr', PASSWORD);
    const csv = await download(platform.baseUrl, token, `/api/v1/ledgers/${owner.accountId}/export?format=csv&from=2026-01-01&to=2026-12-31`);

    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="ledger-${owner.accountId}_2026-01-01_2026-12-31_${cabinetA}.csv"`);
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csv.body.toString('utf8').slice(1).split('\r\n');
    expect(rows[0]).toBe('Date;Cabinet;Nature;Catégorie;Libellé;Patient;Mode de règlement;Recette;Dépense;Consultation;Contrepartie;Écriture');
    expect(rows[1]).toMatch(/^02\/03\/2026;Cabinet A;Recette;Consultation;Consultation — Jeanne Dupont;Jeanne Dupont;carte bancaire;100,00;;by-substitute-on-a;;/);
    expect(rows[2]).toMatch(/^02\/03\/2026;Cabinet A;Dépense;Rétrocession;Rétrocession versée — Jeanne Dupont;Jeanne Dupont;autre;;30,00;by-substitute-on-a;locum;/);
    expect(rows[3]).toMatch(/^05\/03\/2026;Cabinet A;Dépense;Saisie manuelle;Blouses;;carte bancaire;;49,90;;;/);
    // The lines and nothing else: the totals and the retrocessions are exports of their own.
    expect(rows.slice(4)).toEqual(['']);
    expect(csv.body.toString('utf8')).not.toMatch(/Marie Curie|Paul Durand|Cabinet B/);
  });

  it('exports the totals and the retrocession summary as tables of their own, in the language asked for or the browser’s', async () => {
    const token = await logIn(anonymous, 'books@example.fr', PASSWORD);
    const totals = await download(platform.baseUrl, token, `/api/v1/ledgers/${owner.accountId}/export?format=csv&report=totals&from=2026-01-01&to=2026-12-31`);
    expect(totals.status).toBe(200);
    expect(totals.headers.get('content-disposition')).toBe(`attachment; filename="totals-${owner.accountId}_2026-01-01_2026-12-31_${cabinetA}.csv"`);
    expect(totals.body.toString('utf8').slice(1).split('\r\n')).toEqual([
      'Cabinet;Recettes : consultations;Recettes : rétrocessions reçues;Recettes : saisies manuelles;Recettes encaissées;Honoraires rétrocédés;Autres dépenses;Résultat',
      'Cabinet : Cabinet A;100,00;0,00;0,00;100,00;30,00;49,90;20,10',
      'Cabinet A;100,00;0,00;0,00;100,00;30,00;49,90;20,10',
      '',
    ]);

    const retrocessions = await download(platform.baseUrl, token, `/api/v1/ledgers/${owner.accountId}/export?format=csv&report=retrocessions&from=2026-01-01&to=2026-12-31`, {
      'accept-language': 'en-GB,en;q=0.9,fr;q=0.8',
    });
    expect(retrocessions.body.toString('utf8').slice(1).split('\r\n')).toEqual(['Year,Substitute,Consultations,Fees,Retroceded', '2026,locum,1,100.00,30.00', '']);

    // The parameter wins over the header.
    const lines = await download(platform.baseUrl, token, `/api/v1/ledgers/${owner.accountId}/export?format=csv&language=en&from=2026-01-01&to=2026-12-31`, { 'accept-language': 'fr-FR' });
    expect(lines.body.toString('utf8').slice(1).split('\r\n').slice(0, 2)).toEqual([
      'Date,Practice,Kind,Category,Label,Patient,Payment method,Income,Expense,Consultation,Counterparty,Entry',
      expect.stringMatching(/^2026-03-02,Cabinet A,Income,Consultation,Consultation — Jeanne Dupont,Jeanne Dupont,card,100.00,,by-substitute-on-a,,/),
    ]);
  });

  it('exports the printable PDF for the accountant in French: fonts embedded, tagged fr-FR, a heading per practice and period', async () => {
    const token = await logIn(anonymous, 'books@example.fr', PASSWORD);
    const pdf = await download(platform.baseUrl, token, `/api/v1/ledgers/${owner.accountId}/export?format=pdf&from=2026-01-01&to=2026-12-31`);

    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="ledger-${owner.accountId}_2026-01-01_2026-12-31_${cabinetA}.pdf"`);
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.body.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
    expect(pdf.body.toString('latin1')).toContain('/Lang (fr-FR)');
    expect(pdf.body.toString('latin1')).toMatch(/\/FontFile2 \d+ 0 R/);
    const text = textOfPdf(pdf.body);
    expect(text).toContain('Livre-journal de Dr Claire Martin');
    expect(text).toContain('Du 01/01/2026 au 31/12/2026 · Cabinet : Cabinet A');
    expect(text).toContain('Cabinet : Cabinet A · Du 01/01/2026 au 31/12/2026');
    expect(text).toContain('Consultation — Jeanne Dupont');
    expect(text).toContain('Blouses');
    expect(text).not.toContain('Marie Curie');

    const totals = textOfPdf((await download(platform.baseUrl, token, `/api/v1/ledgers/${owner.accountId}/export?format=pdf&report=totals&language=en&from=2026-01-01&to=2026-12-31`)).body);
    expect(totals).toContain('Ledger totals of Dr Claire Martin');
    expect(totals).toContain('Retroceded fees');
    const retrocessions = textOfPdf((await download(platform.baseUrl, token, `/api/v1/ledgers/${owner.accountId}/export?format=pdf&report=retrocessions&from=2026-01-01&to=2026-12-31`)).body);
    expect(retrocessions).toContain('Rétrocessions versées par Dr Claire Martin (DAS2)');
    expect(retrocessions).toContain('locum');
  });

  it('labels the lines in the reader’s language: the language asked for, else Accept-Language, else French', async () => {
    const labelsOf = async (query: string, headers: Record<string, string> = {}) => {
      const answer = await owner.http.get(`/api/v1/ledgers/${owner.accountId}/entries?from=2026-03-02&to=2026-03-02&${query}`, headers);
      expect(answer.status).toBe(200);
      return (answer.body as Listing).entries.map((entry) => entry.label);
    };
    expect(await labelsOf('language=fr')).toEqual(['Consultation — Jeanne Dupont', 'Rétrocession versée — Jeanne Dupont']);
    expect(await labelsOf('language=en')).toEqual(['Consultation — Jeanne Dupont', 'Retrocession paid — Jeanne Dupont']);
    expect(await labelsOf('', { 'accept-language': 'en-US,en;q=0.9' })).toEqual(['Consultation — Jeanne Dupont', 'Retrocession paid — Jeanne Dupont']);
    expect(await labelsOf('', { 'accept-language': 'de-DE,en;q=0.5' })).toEqual(['Consultation — Jeanne Dupont', 'Rétrocession versée — Jeanne Dupont']);
    expect(await labelsOf('language=fr', { 'accept-language': 'en' })).toEqual(['Consultation — Jeanne Dupont', 'Rétrocession versée — Jeanne Dupont']);
  });

  it.each([
    ['the ledger', 'entries?language=de'],
    ['an export', 'export?format=csv&language=EN'],
    ['a yearly summary export', 'yearly-summary/export?format=pdf&year=2026&language=zh'],
  ])('answers 400 naming language for an unknown language code on %s', async (_case, path) => {
    const answer = await owner.http.get(`/api/v1/ledgers/${owner.accountId}/${path}`);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('REQUEST.INVALID');
    expect(answer.body.message).toMatch(/^language must be one of fr, en/);
  });

  it('writes counter-entries for a fee correction, then the corrected lines; and the counter-entries only for a deletion', async () => {
    await publishRecordsEvent<ConsultationFeeCorrectedV1>('ConsultationFeeCorrected', 'consultation-by-substitute-on-a', {
      consultationId: 'by-substitute-on-a',
      cabinetId: cabinetA,
      ownerId: owner.accountId,
      feeCents: 8_000,
      paymentMethod: 'cash',
    });
    await publishRecordsEvent<ConsultationDeletedV1>('ConsultationDeleted', 'consultation-by-owner-on-b', {
      consultationId: 'by-owner-on-b',
      cabinetId: cabinetB,
      ownerId: owner.accountId,
      wasCompleted: true,
    });

    const ledger = await eventually(async () => {
      const listing = await ledgerOf(owner, owner.accountId);
      expect(listing.entries).toHaveLength(9);
      return listing;
    });
    const linesOf = (consultationId: string) => ledger.entries.filter((entry) => entry.consultationId === consultationId).map(({ kind, category, amountCents }) => ({ kind, category, amountCents }));
    expect(linesOf('by-substitute-on-a')).toEqual([
      { kind: 'income', category: 'consultation', amountCents: 10_000 },
      { kind: 'expense', category: 'retrocession', amountCents: 3_000 },
      { kind: 'expense', category: 'correction', amountCents: 10_000 },
      { kind: 'income', category: 'correction', amountCents: 3_000 },
      { kind: 'income', category: 'consultation', amountCents: 8_000 },
      { kind: 'expense', category: 'retrocession', amountCents: 2_400 },
    ]);
    expect(linesOf('by-owner-on-b')).toEqual([
      { kind: 'income', category: 'consultation', amountCents: 7_000 },
      { kind: 'expense', category: 'correction', amountCents: 7_000 },
    ]);
    // 80.00 received, 24.00 retroceded, the 49.90 manual expense; B's deleted consultation nets to nothing.
    expect(ledger.totals.netCents).toBe(8_000 - 2_400 - 4_990);
    // Net of corrections: the corrected fee counts once, at 80.00; its counter-entries count against what they cancel.
    const ownerOnA = ledger.breakdownByCabinet.find((figures) => figures.cabinetId === cabinetA);
    expect(ownerOnA).toMatchObject({ receiptsByCategory: { consultationCents: 8_000 }, retrocededFeesCents: 2_400 });

    // The substitute received 24.00 once the fee was corrected, not 30.00 + 24.00; 3.80 is their manual expense.
    await eventually(async () => expect((await ledgerOf(substitute, 'me')).totals).toEqual({ incomeCents: 2_400, expenseCents: 380, netCents: 2_400 - 380 }));
    expect((await owner.http.get(`/api/v1/ledgers/${owner.accountId}/retrocession-summary?year=2026`)).body.substitutes[0]).toMatchObject({ feesCents: 8_000, retrocededCents: 2_400 });
  });

  it('writes nothing more when the same envelope is processed twice, and nothing at all for a deleted patient', async () => {
    const before = await ledgerOf(owner, owner.accountId);
    const firstCompletion = await complete({
      consultationId: 'delivered-twice',
      cabinetId: cabinetA,
      practitionerId: substitute.accountId,
      practitionerRole: 'substitute',
      patientName: 'Anne Leroy',
      date: '2026-03-10',
      feeCents: 5_000,
      paymentMethod: 'card',
      retrocessionBasisPoints: 3_000,
    });
    await publish(firstCompletion);
    await publishRecordsEvent<PatientDeletedV1>('PatientDeleted', 'patient-patient-by-owner-on-b', { patientId: 'patient-by-owner-on-b', cabinetId: cabinetB, ownerId: owner.accountId });
    // The bus delivers in order: once this sentinel's line is there, the duplicate and the deletion were processed.
    await complete({
      consultationId: 'sentinel',
      cabinetId: cabinetB,
      practitionerId: owner.accountId,
      practitionerRole: 'owner',
      patientName: 'Sentinel',
      date: '2026-03-11',
      feeCents: 100,
      paymentMethod: 'cash',
      retrocessionBasisPoints: null,
    });

    const after = await eventually(async () => {
      const listing = await ledgerOf(owner, owner.accountId);
      expect(listing.entries.map((entry) => entry.consultationId)).toContain('sentinel');
      return listing;
    });
    expect(after.entries.filter((entry) => entry.consultationId === 'delivered-twice')).toHaveLength(2);
    expect(after.entries).toHaveLength(before.entries.length + 3);
    expect(after.entries.filter((entry) => entry.patientName === 'Marie Curie')).toHaveLength(2);
    expect((await ledgerOf(substitute, 'me')).entries.filter((entry) => entry.consultationId === 'delivered-twice')).toHaveLength(1);
  });

  it('pages the ledger with a cursor that stays right while lines are written, the figures of the whole period on the first page', async () => {
    const period = 'from=2026-01-01&to=2026-12-31';
    const whole = await ledgerOf(owner, owner.accountId, `${period}&limit=200`);
    expect(whole.nextCursor).toBeNull();
    expect(whole.total).toBe(whole.entries.length);

    const first = await ledgerOf(owner, owner.accountId, `${period}&limit=4`);
    expect(first.entries).toEqual(whole.entries.slice(0, 4));
    expect(first.total).toBe(whole.total);
    expect(first.totals).toEqual(whole.totals);
    expect(first.breakdownByCabinet).toEqual(whole.breakdownByCabinet);

    // Written while the owner pages: one dated before the cursor, one after every line.
    const written = [];
    for (const date of ['2026-01-02', '2026-12-30']) {
      const recorded = await owner.http.post('/api/v1/ledgers/me/entries', { kind: 'income', cabinetId: cabinetA, date, label: `Atelier ${date}`, amountCents: 1_000, paymentMethod: 'cash' });
      expect(recorded.status).toBe(201);
      written.push(recorded.body.entryId as string);
    }
    await eventually(async () => expect((await ledgerOf(owner, owner.accountId, `${period}&limit=200`)).total).toBe(whole.total + 2));

    const pages = [first.entries];
    let cursor = first.nextCursor;
    while (cursor !== null) {
      const page = await ledgerOf(owner, owner.accountId, `${period}&limit=4&cursor=${cursor}`);
      // The count of the first page, carried by the cursor: a following page does not count again.
      expect(page.total).toBe(whole.total);
      expect(page).not.toHaveProperty('totals');
      pages.push(page.entries);
      cursor = page.nextCursor;
    }
    const paged = pages.flat().map((entry) => entry.entryId);
    // Every line there before is answered once, in order; the earlier new one is behind the cursor, the later one at its place.
    expect(paged).toEqual([...whole.entries.map((entry) => entry.entryId), written[1]]);
  });

  it.each([
    ['a limit of 0', 'limit=0', /^limit must be a whole number from 1 to 200/],
    ['a limit above the maximum', 'limit=201', /^limit must be a whole number from 1 to 200/],
    ['a limit that is not a number', 'limit=ten', /^limit must be a whole number from 1 to 200/],
    ['a cursor no page gave', 'cursor=bm90LWEtY3Vyc29y', /^cursor must be a nextCursor this list answered/],
    ['a cursor that is not one', 'cursor=%3Cscript%3E', /^cursor must be a nextCursor this list answered/],
  ])('answers 400 naming the field for %s', async (_case, query, message) => {
    const answer = await owner.http.get(`/api/v1/ledgers/${owner.accountId}/entries?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('REQUEST.INVALID');
    expect(answer.body.message).toMatch(message);
  });

  it('publishes manual entries and every ledger line, and was fed records events, that match their contracts', () => {
    const { types, violations } = conformance.report();
    expect(types).toEqual(new Set(['ConsultationCompleted', 'ConsultationFeeCorrected', 'ConsultationDeleted', 'PatientDeleted', 'ManualEntryRecorded', 'LedgerLineWritten']));
    expect(violations).toEqual([]);
  });
});

async function download(baseUrl: string, token: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}
