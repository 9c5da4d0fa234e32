import { SignedIn, registerMainAccount } from '../support/accounts';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';

/**
 * Lists that grow answer in pages (docs/adr/0008-pagination.md): `?limit=&cursor=` →
 * `{ items, nextCursor, total }`, keyset cursors. Over HTTP against the embedded platform, for
 * each paged route: the pages hold every item once, a cursor stays right while items are added,
 * and a bad limit or cursor is a 400 naming it.
 */
describe('paged lists, embedded profile', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let owner: SignedIn;
  let cabinetId: string;

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    owner = await registerMainAccount(new HttpClient(platform.baseUrl), 'claire.martin@example.fr', 'Dr Claire Martin');
    cabinetId = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet de Lyon' })).body.cabinetId;
  });

  afterAll(async () => {
    await platform.stop();
    dataDir.remove();
  });

  type Paged = { items: Record<string, unknown>[]; nextCursor: string | null; total: number };
  const pageOf = async (path: string, query: Record<string, string>): Promise<Paged> => {
    const answer = await owner.http.get(`${path}?${new URLSearchParams(query)}`);
    expect(answer.status).toBe(200);
    return answer.body as Paged;
  };
  /** Every page, following nextCursor until null. */
  const allPages = async (path: string, query: Record<string, string>, field: string): Promise<unknown[][]> => {
    const pages: unknown[][] = [];
    let cursor: string | null = null;
    do {
      const page: Paged = await pageOf(path, { ...query, ...(cursor !== null && { cursor }) });
      pages.push(page.items.map((item) => item[field]));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return pages;
  };
  const registerPatient = async (firstName: string, lastName: string): Promise<string> => {
    const answer = await owner.http.post(`/api/v1/cabinets/${cabinetId}/patients`, { firstName, lastName, birthDate: '1984-06-12' });
    expect(answer.status).toBe(201);
    return answer.body.patientId as string;
  };
  const expectRefused = async (path: string, field: 'limit' | 'cursor') => {
    const answer = await owner.http.get(path);
    expect({ path, status: answer.status, body: answer.body }).toEqual({ path, status: 400, body: { statusCode: 400, code: 'REQUEST.INVALID', message: expect.stringMatching(new RegExp(`^${field} `)) } });
  };

  describe('GET /cabinets/:id/patients', () => {
    const patients = () => `/api/v1/cabinets/${cabinetId}/patients`;

    beforeAll(async () => {
      for (const [firstName, lastName] of [
        ['Zoé', 'Abel'],
        ['Hélène', 'Durand'],
        ['Hélène', 'Durand'],
        ['Marc', 'Durant'],
        ['Léa', 'Girard'],
        ['Paul', 'Martin'],
        ['Inès', 'Ødegaard'],
      ]) {
        await registerPatient(firstName, lastName);
      }
      await eventually(async () => expect((await pageOf(patients(), {})).total).toBe(7));
    });

    it('pages of three hold every patient once, by family name, and say the total; the last page has no cursor', async () => {
      const pages = await allPages(patients(), { limit: '3' }, 'lastName');
      expect(pages).toEqual([['Abel', 'Durand', 'Durand'], ['Durant', 'Girard', 'Martin'], ['Ødegaard']]);
      const first = await pageOf(patients(), { limit: '3' });
      expect(first).toMatchObject({ total: 7, nextCursor: expect.stringMatching(/^[A-Za-z0-9_-]+$/) });
      expect((await pageOf(patients(), {})).nextCursor).toBeNull();
    });

    it('a search pages too: its total counts the matches', async () => {
      expect(await allPages(patients(), { q: 'dur', limit: '2' }, 'lastName')).toEqual([['Durand', 'Durand'], ['Durant']]);
      expect((await pageOf(patients(), { q: 'dur', limit: '2' })).total).toBe(3);
    });

    it('a cursor stays right while patients are added before and after it: the next page starts after the last patient given', async () => {
      const first = await pageOf(patients(), { limit: '3' });
      const lastGiven = first.items[2].patientId;
      await registerPatient('Anne', 'Aubert'); // before the cursor: not on the next page
      await registerPatient('Hugo', 'Durant'); // after it
      await eventually(async () => expect((await pageOf(patients(), {})).total).toBe(9));
      const next = await pageOf(patients(), { limit: '3', cursor: first.nextCursor! });
      expect(next.items.map(({ lastName, firstName }) => `${firstName} ${lastName}`)).toEqual(['Hugo Durant', 'Marc Durant', 'Léa Girard']);
      expect(next.items.map(({ patientId }) => patientId)).not.toContain(lastGiven);
    });

    it('a limit that is not a whole number from 1 to 200, or a cursor no page gave, is a 400 naming it', async () => {
      for (const limit of ['0', '201', '-1', 'abc', '2.5', '']) await expectRefused(`${patients()}?limit=${limit}`, 'limit');
      for (const cursor of ['not-a-cursor', 'e30', '%24%24', Buffer.from('["x"]').toString('base64url')]) await expectRefused(`${patients()}?cursor=${cursor}`, 'cursor');
      expect((await pageOf(patients(), { limit: '200' })).items).toHaveLength(9);
    });
  });

  describe('GET /patients/:id/consultations and /patients/:id/access-log', () => {
    let patientId: string;
    const consultations = () => `/api/v1/patients/${patientId}/consultations`;
    const accessLog = () => `/api/v1/patients/${patientId}/access-log`;

    beforeAll(async () => {
      patientId = await registerPatient('Jeanne', 'Dupont');
      for (const date of ['2026-01-05', '2026-02-10', '2026-02-10', '2026-03-01', '2025-12-20']) {
        expect((await owner.http.post(consultations(), { date, reason: 'Lombalgie' })).status).toBe(201);
      }
      await eventually(async () => expect((await pageOf(consultations(), {})).total).toBe(5));
    });

    it('consultations: pages of two, newest first, each once; a consultation added after the cursor shows on a later page', async () => {
      const first = await pageOf(consultations(), { limit: '2' });
      expect(first.items.map(({ date }) => date)).toEqual(['2026-03-01', '2026-02-10']);
      expect((await owner.http.post(consultations(), { date: '2026-01-20', reason: 'Cervicalgie' })).status).toBe(201);
      expect((await owner.http.post(consultations(), { date: '2026-03-02', reason: 'Cervicalgie' })).status).toBe(201);
      await eventually(async () => expect((await pageOf(consultations(), {})).total).toBe(7));
      const rest: string[] = [];
      let cursor = first.nextCursor;
      while (cursor !== null) {
        const page = await pageOf(consultations(), { limit: '2', cursor });
        rest.push(...page.items.map(({ date }) => String(date)));
        cursor = page.nextCursor;
      }
      expect(rest).toEqual(['2026-02-10', '2026-01-20', '2026-01-05', '2025-12-20']);
      const all = (await pageOf(consultations(), { limit: '200' })).items.map(({ consultationId }) => consultationId);
      expect(new Set(all).size).toBe(7);
    });

    it('access log: newest first, pages of three hold every opening once, and an opening added meanwhile is not given twice', async () => {
      const total = (await pageOf(accessLog(), {})).total;
      expect(total).toBeGreaterThanOrEqual(4);
      const first = await pageOf(accessLog(), { limit: '3' });
      expect(first.items).toHaveLength(3);
      // Reading the record adds an opening, newer than every one the cursor follows.
      expect((await owner.http.get(`/api/v1/patients/${patientId}`)).status).toBe(200);
      const pages = [first.items.map(({ at }) => at)];
      let cursor = first.nextCursor;
      while (cursor !== null) {
        const page = await pageOf(accessLog(), { limit: '3', cursor });
        pages.push(page.items.map(({ at }) => at));
        cursor = page.nextCursor;
      }
      const openings = pages.flat() as string[];
      expect(openings).toHaveLength(total);
      expect([...openings].sort().reverse()).toEqual(openings);
      expect((await pageOf(accessLog(), {})).total).toBe(total + 1);
    });

    it('a bad limit or cursor is a 400 naming it, on both', async () => {
      for (const path of [consultations(), accessLog()]) {
        await expectRefused(`${path}?limit=500`, 'limit');
        await expectRefused(`${path}?cursor=${Buffer.from('{}').toString('base64url')}`, 'cursor');
      }
    });
  });
});
