import { registerMainAccount, SignedIn, signInProvisionedAccount } from './accounts';
import { eventually } from './eventually';
import { HttpClient } from './http-client';

/**
 * The seed's story (../shared/seed) as named steps over the public HTTP API, so each profile plays
 * the very same story: an owner, two cabinets, a secretary, a substitute at 30 %, an accountant,
 * a colleague; each does what they may and is refused what they may not; the substitute's 100.00
 * consultation lands in both ledgers by itself.
 */
export interface SeedWorld {
  /** The gateway, without a token. */
  readonly anonymous: HttpClient;
  /** Where identity writes its mail (the embedded profile's DATA_DIR, or identity's own). */
  readonly outboxDataDir: string;
}

interface Cast {
  owner: SignedIn;
  secretary: SignedIn;
  substitute: SignedIn;
  accountant: SignedIn;
  colleague: SignedIn;
  cabinetA: string;
  cabinetB: string;
}

const monday = '2026-03-02';

export type SeedStep = readonly [name: string, play: (world: SeedWorld, cast: Cast) => Promise<void>];

/** The cast is filled in by the first step and read by the others, in order. */
export function newCast(): Cast {
  return {} as Cast;
}

export const seedStory: readonly SeedStep[] = [
  [
    'sets up: two cabinets, three specific accounts on A, a colleague on B',
    async (world, cast) => {
      cast.owner = await registerMainAccount(world.anonymous, 'claire.martin@example.fr', 'Dr Claire Martin');
      cast.cabinetA = (await cast.owner.http.post('/api/v1/cabinets', { name: 'Cabinet A' })).body.cabinetId;
      cast.cabinetB = (await cast.owner.http.post('/api/v1/cabinets', { name: 'Cabinet B' })).body.cabinetId;

      const grant = (email: string, role: string, extra: object = {}) => cast.owner.http.post('/api/v1/delegations', { email, role, cabinetIds: [cast.cabinetA], ...extra });
      expect((await grant('secretariat@example.fr', 'secretary')).status).toBe(201);
      expect((await grant('locum@example.fr', 'substitute', { retrocessionPercent: 30 })).status).toBe(201);
      expect((await grant('compta@example.fr', 'accountant')).status).toBe(201);
      cast.secretary = await signInProvisionedAccount(world.anonymous, world.outboxDataDir, 'secretariat@example.fr');
      cast.substitute = await signInProvisionedAccount(world.anonymous, world.outboxDataDir, 'locum@example.fr');
      cast.accountant = await signInProvisionedAccount(world.anonymous, world.outboxDataDir, 'compta@example.fr');

      cast.colleague = await registerMainAccount(world.anonymous, 'hugo.bernard@example.fr', 'Dr Hugo Bernard');
      const invitationId = await eventually(async () => {
        const invited = await cast.owner.http.post(`/api/v1/cabinets/${cast.cabinetB}/colleagues`, { email: 'hugo.bernard@example.fr' });
        expect(invited.status).toBe(201);
        return invited.body.invitationId as string;
      });
      await eventually(async () => expect((await cast.colleague.http.post(`/api/v1/invitations/${invitationId}/accept`)).status).toBe(204));

      for (const [who, expected] of [
        [cast.secretary, [{ cabinetId: cast.cabinetA, role: 'secretary' }]],
        [cast.substitute, [{ cabinetId: cast.cabinetA, role: 'substitute' }]],
        [cast.accountant, [{ cabinetId: cast.cabinetA, role: 'accountant' }]],
        [cast.colleague, [{ cabinetId: cast.cabinetB, role: 'colleague' }]],
      ] as const) {
        await eventually(async () => {
          const cabinets = (await who.http.get('/api/v1/cabinets')).body as { cabinetId: string; role: string }[];
          expect(cabinets.map(({ cabinetId, role }) => ({ cabinetId, role }))).toEqual(expected);
        });
      }
    },
  ],
  [
    'lets the secretary keep the planning of A, and nothing else',
    async (world, cast) => {
      const booked = await cast.secretary.http.post(`/api/v1/cabinets/${cast.cabinetA}/appointments`, {
        practitionerId: cast.substitute.accountId,
        patientName: 'DURAND Hélène',
        start: `${monday}T09:00:00+01:00`,
        end: `${monday}T09:45:00+01:00`,
      });
      expect(booked.status).toBe(201);
      expect((await cast.secretary.http.get(`/api/v1/cabinets/${cast.cabinetB}/appointments?from=${monday}T00:00:00Z&to=${monday}T23:59:59Z`)).status).toBe(404);
      expect((await cast.secretary.http.post(`/api/v1/cabinets/${cast.cabinetA}/patients`, { firstName: 'Hélène', lastName: 'Durand', birthDate: '1980-05-04' })).status).toBe(403);
      expect((await cast.secretary.http.get(`/api/v1/ledgers/${cast.owner.accountId}/entries`)).status).toBe(403);
    },
  ],
  [
    'lets the substitute keep records in A, never delete, and complete a 100.00 consultation',
    async (world, cast) => {
      const patient = await cast.substitute.http.post(`/api/v1/cabinets/${cast.cabinetA}/patients`, { firstName: 'Hélène', lastName: 'Durand', birthDate: '1980-05-04' });
      expect(patient.status).toBe(201);
      const consultation = await cast.substitute.http.post(`/api/v1/patients/${patient.body.patientId}/consultations`, { date: monday, reason: 'Lombalgie' });
      expect(consultation.status).toBe(201);
      expect((await cast.substitute.http.delete(`/api/v1/patients/${patient.body.patientId}`)).status).toBe(403);
      expect((await cast.substitute.http.get(`/api/v1/cabinets/${cast.cabinetA}/appointments?from=${monday}T00:00:00Z&to=${monday}T23:59:59Z`)).status).toBe(403);
      expect((await cast.substitute.http.get(`/api/v1/ledgers/${cast.owner.accountId}/entries`)).status).toBe(403);

      const completed = await cast.substitute.http.post(`/api/v1/consultations/${consultation.body.consultationId}/complete`, { feeCents: 10000, paymentMethod: 'card' });
      expect(completed.status).toBe(204);
    },
  ],
  [
    'writes the owner’s income and retrocession and the substitute’s income, by themselves',
    async (world, cast) => {
      const ownerLedger = await eventually(async () => {
        const answer = await cast.owner.http.get(`/api/v1/ledgers/${cast.owner.accountId}/entries`);
        expect(answer.body.entries).toHaveLength(2);
        return answer.body;
      });
      expect(ownerLedger.entries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'income', category: 'consultation', amountCents: 10000, cabinetId: cast.cabinetA, patientName: 'DURAND Hélène' }),
          expect.objectContaining({ kind: 'expense', category: 'retrocession', amountCents: 3000, counterpartyAccountId: cast.substitute.accountId }),
        ]),
      );
      expect(ownerLedger.totals).toEqual({ incomeCents: 10000, expenseCents: 3000, netCents: 7000 });
      expect(JSON.stringify(ownerLedger)).not.toMatch(/Lombalgie/);

      const substituteLedger = await eventually(async () => {
        const answer = await cast.substitute.http.get(`/api/v1/ledgers/${cast.substitute.accountId}/entries`);
        expect(answer.body.entries).toHaveLength(1);
        return answer.body;
      });
      expect(substituteLedger.entries[0]).toMatchObject({ kind: 'income', category: 'retrocession', amountCents: 3000, counterpartyAccountId: cast.owner.accountId });
    },
  ],
  [
    'keeps the colleague’s fees in the colleague’s ledger, which only they see',
    async (world, cast) => {
      const patient = await cast.colleague.http.post(`/api/v1/cabinets/${cast.cabinetB}/patients`, { firstName: 'Marc', lastName: 'Petit', birthDate: '1975-01-20' });
      const consultation = await cast.colleague.http.post(`/api/v1/patients/${patient.body.patientId}/consultations`, { date: monday, reason: 'Cervicalgie' });
      expect((await cast.colleague.http.post(`/api/v1/consultations/${consultation.body.consultationId}/complete`, { feeCents: 6000, paymentMethod: 'cheque' })).status).toBe(204);

      await eventually(async () => {
        const entries = (await cast.colleague.http.get(`/api/v1/ledgers/${cast.colleague.accountId}/entries`)).body.entries;
        expect(entries).toEqual([expect.objectContaining({ kind: 'income', category: 'consultation', amountCents: 6000, cabinetId: cast.cabinetB })]);
      });
      expect((await cast.colleague.http.get(`/api/v1/ledgers/${cast.owner.accountId}/entries`)).status).toBe(403);
      expect([403, 404]).toContain((await cast.owner.http.get(`/api/v1/ledgers/${cast.colleague.accountId}/entries`)).status);
      expect((await cast.owner.http.get(`/api/v1/ledgers/${cast.owner.accountId}/entries`)).body.entries).toHaveLength(2);
    },
  ],
  [
    'lets the accountant read and export A’s lines only, and change nothing',
    async (world, cast) => {
      const ownerLedger = `/api/v1/ledgers/${cast.owner.accountId}`;
      const entries = (await cast.accountant.http.get(`${ownerLedger}/entries`)).body.entries as { cabinetId: string }[];
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.every((entry) => entry.cabinetId === cast.cabinetA)).toBe(true);
      expect((await cast.accountant.http.get(`${ownerLedger}/entries?cabinetId=${cast.cabinetB}`)).status).toBe(404);

      const csv = await cast.accountant.http.get(`${ownerLedger}/export?format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      expect(String(csv.body)).toMatch(/DURAND Hélène/);
      const pdf = await cast.accountant.http.download(`${ownerLedger}/export?format=pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toMatch(/application\/pdf/);
      expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');

      const write = await cast.accountant.http.post('/api/v1/ledgers/me/entries', { kind: 'income', cabinetId: cast.cabinetA, date: monday, label: 'x', amountCents: 100, paymentMethod: 'cash' });
      expect([403, 404]).toContain(write.status);
      expect((await cast.accountant.http.post(`/api/v1/cabinets/${cast.cabinetA}/patients`, { firstName: 'A', lastName: 'B', birthDate: '1990-01-01' })).status).toBe(403);
    },
  ],
];
