import { registerMainAccount, SignedIn, signInProvisionedAccount } from '../support/accounts';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';

/**
 * The seed's story (../shared/seed), end to end through the gateway's HTTP API, embedded profile:
 * an owner, two practices, a secretary, a substitute at 30 %, an accountant, a colleague; each
 * does what they may and is refused what they may not; the substitute's 100.00 consultation
 * lands in both ledgers by itself.
 */
describe('the seed story, embedded profile', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let anonymous: HttpClient;
  let owner: SignedIn;
  let secretary: SignedIn;
  let substitute: SignedIn;
  let accountant: SignedIn;
  let colleague: SignedIn;
  let practiceA: string;
  let practiceB: string;
  const monday = '2026-03-02';

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    anonymous = new HttpClient(platform.baseUrl);
  });

  afterAll(async () => {
    await platform.stop();
    dataDir.remove();
  });

  it('sets up: two practices, three specific accounts on A, a colleague on B', async () => {
    owner = await registerMainAccount(anonymous, 'claire.martin@example.fr', 'Dr Claire Martin');
    practiceA = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet A' })).body.cabinetId;
    practiceB = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet B' })).body.cabinetId;

    const grant = (email: string, role: string, extra: object = {}) => owner.http.post('/api/v1/delegations', { email, role, cabinetIds: [practiceA], ...extra });
    expect((await grant('secretariat@example.fr', 'secretary')).status).toBe(201);
    expect((await grant('locum@example.fr', 'substitute', { retrocessionPercent: 30 })).status).toBe(201);
    expect((await grant('compta@example.fr', 'accountant')).status).toBe(201);
    secretary = await signInProvisionedAccount(anonymous, dataDir.path, 'secretariat@example.fr');
    substitute = await signInProvisionedAccount(anonymous, dataDir.path, 'locum@example.fr');
    accountant = await signInProvisionedAccount(anonymous, dataDir.path, 'compta@example.fr');

    colleague = await registerMainAccount(anonymous, 'hugo.bernard@example.fr', 'Dr Hugo Bernard');
    const invitationId = await eventually(async () => {
      const invited = await owner.http.post(`/api/v1/cabinets/${practiceB}/colleagues`, { email: 'hugo.bernard@example.fr' });
      expect(invited.status).toBe(201);
      return invited.body.invitationId as string;
    });
    await eventually(async () => expect((await colleague.http.post(`/api/v1/invitations/${invitationId}/accept`)).status).toBe(204));

    for (const [who, expected] of [
      [secretary, [{ cabinetId: practiceA, role: 'secretary' }]],
      [substitute, [{ cabinetId: practiceA, role: 'substitute' }]],
      [accountant, [{ cabinetId: practiceA, role: 'accountant' }]],
      [colleague, [{ cabinetId: practiceB, role: 'colleague' }]],
    ] as const) {
      await eventually(async () => {
        const cabinets = (await who.http.get('/api/v1/cabinets')).body as { cabinetId: string; role: string }[];
        expect(cabinets.map(({ cabinetId, role }) => ({ cabinetId, role }))).toEqual(expected);
      });
    }
  });

  it('lets the secretary keep the planning of A, and nothing else', async () => {
    const booked = await secretary.http.post(`/api/v1/cabinets/${practiceA}/appointments`, {
      practitionerId: substitute.accountId,
      patientName: 'DURAND Hélène',
      start: `${monday}T09:00:00+01:00`,
      end: `${monday}T09:45:00+01:00`,
    });
    expect(booked.status).toBe(201);
    expect((await secretary.http.get(`/api/v1/cabinets/${practiceB}/appointments?from=${monday}T00:00:00Z&to=${monday}T23:59:59Z`)).status).toBe(404);
    expect((await secretary.http.post(`/api/v1/cabinets/${practiceA}/patients`, { firstName: 'Hélène', lastName: 'Durand', birthDate: '1980-05-04' })).status).toBe(403);
    expect((await secretary.http.get(`/api/v1/ledgers/${owner.accountId}/entries`)).status).toBe(403);
  });

  it('lets the substitute keep records in A, never delete, and complete a 100.00 consultation', async () => {
    const patient = await substitute.http.post(`/api/v1/cabinets/${practiceA}/patients`, { firstName: 'Hélène', lastName: 'Durand', birthDate: '1980-05-04' });
    expect(patient.status).toBe(201);
    const consultation = await substitute.http.post(`/api/v1/patients/${patient.body.patientId}/consultations`, { date: monday, reason: 'Lombalgie' });
    expect(consultation.status).toBe(201);
    expect((await substitute.http.delete(`/api/v1/patients/${patient.body.patientId}`)).status).toBe(403);
    expect((await substitute.http.get(`/api/v1/cabinets/${practiceA}/appointments?from=${monday}T00:00:00Z&to=${monday}T23:59:59Z`)).status).toBe(403);
    expect((await substitute.http.get(`/api/v1/ledgers/${owner.accountId}/entries`)).status).toBe(403);

    const completed = await substitute.http.post(`/api/v1/consultations/${consultation.body.consultationId}/complete`, { feeCents: 10000, paymentMethod: 'card' });
    expect(completed.status).toBe(204);
  });

  it('writes the owner’s income and retrocession and the substitute’s income, by themselves', async () => {
    const ownerLedger = await eventually(async () => {
      const answer = await owner.http.get(`/api/v1/ledgers/${owner.accountId}/entries`);
      expect(answer.body.entries).toHaveLength(2);
      return answer.body;
    });
    expect(ownerLedger.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'income', category: 'consultation', amountCents: 10000, cabinetId: practiceA, patientName: 'DURAND Hélène' }),
        expect.objectContaining({ kind: 'expense', category: 'retrocession', amountCents: 3000, counterpartyAccountId: substitute.accountId }),
      ]),
    );
    expect(ownerLedger.totals).toEqual({ incomeCents: 10000, expenseCents: 3000, netCents: 7000 });
    expect(JSON.stringify(ownerLedger)).not.toMatch(/Lombalgie/);

    const substituteLedger = await eventually(async () => {
      const answer = await substitute.http.get(`/api/v1/ledgers/${substitute.accountId}/entries`);
      expect(answer.body.entries).toHaveLength(1);
      return answer.body;
    });
    expect(substituteLedger.entries[0]).toMatchObject({ kind: 'income', category: 'retrocession', amountCents: 3000, counterpartyAccountId: owner.accountId });
  });

  it('keeps the colleague’s fees in the colleague’s ledger, which only they see', async () => {
    const patient = await colleague.http.post(`/api/v1/cabinets/${practiceB}/patients`, { firstName: 'Marc', lastName: 'Petit', birthDate: '1975-01-20' });
    const consultation = await colleague.http.post(`/api/v1/patients/${patient.body.patientId}/consultations`, { date: monday, reason: 'Cervicalgie' });
    expect((await colleague.http.post(`/api/v1/consultations/${consultation.body.consultationId}/complete`, { feeCents: 6000, paymentMethod: 'cheque' })).status).toBe(204);

    await eventually(async () => {
      const entries = (await colleague.http.get(`/api/v1/ledgers/${colleague.accountId}/entries`)).body.entries;
      expect(entries).toEqual([expect.objectContaining({ kind: 'income', category: 'consultation', amountCents: 6000, cabinetId: practiceB })]);
    });
    expect((await colleague.http.get(`/api/v1/ledgers/${owner.accountId}/entries`)).status).toBe(403);
    expect([403, 404]).toContain((await owner.http.get(`/api/v1/ledgers/${colleague.accountId}/entries`)).status);
    expect((await owner.http.get(`/api/v1/ledgers/${owner.accountId}/entries`)).body.entries).toHaveLength(2);
  });

  it('lets the accountant read and export A’s lines only, and change nothing', async () => {
    const ownerLedger = `/api/v1/ledgers/${owner.accountId}`;
    const entries = (await accountant.http.get(`${ownerLedger}/entries`)).body.entries as { cabinetId: string }[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.cabinetId === practiceA)).toBe(true);
    expect((await accountant.http.get(`${ownerLedger}/entries?cabinetId=${practiceB}`)).status).toBe(404);

    const csv = await accountant.http.get(`${ownerLedger}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(String(csv.body)).toMatch(/DURAND Hélène/);
    const pdf = await accountant.http.download(`${ownerLedger}/export?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toMatch(/application\/pdf/);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const write = await accountant.http.post('/api/v1/ledgers/me/entries', { kind: 'income', cabinetId: practiceA, date: monday, label: 'x', amountCents: 100, paymentMethod: 'cash' });
    expect([403, 404]).toContain(write.status);
    expect((await accountant.http.post(`/api/v1/cabinets/${practiceA}/patients`, { firstName: 'A', lastName: 'B', birthDate: '1990-01-01' })).status).toBe(403);
  });
});
