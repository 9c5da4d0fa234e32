/**
 * The one contract every ReadStore adapter passes (ARCHITECTURE.md "Ports and their adapters").
 * Each test gets a store of its own from `open` and drops it afterwards.
 */
import {
  DuplicateKeyError,
  type Filter,
  type FindOptions,
  type ReadCollection,
  type ReadStore,
} from './read-store';
import { findPage, type KeysetOrder } from './page';

type Consultation = {
  _id: string;
  practitionerId: string;
  startsAt: string;
  fee: number;
  address: { city: string; postcode?: string };
  tags: string[];
  status?: string;
  createdAt?: string;
};

function consultation(id: string, overrides: Partial<Consultation> = {}): Consultation {
  return {
    _id: id,
    practitionerId: 'practitioner-1',
    startsAt: '2025-03-10T09:00:00.000Z',
    fee: 60,
    address: { city: 'Lyon' },
    tags: [],
    ...overrides,
  };
}

async function expectDuplicateKey(write: Promise<unknown>, collection: string): Promise<void> {
  const error = await write.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(DuplicateKeyError);
  expect(error).toMatchObject({ code: 'READ_STORE.DUPLICATE_KEY', collection });
}

export function describeReadStoreContract(name: string, open: () => Promise<ReadStore>): void {
  describe(`${name} (ReadStore contract)`, () => {
    let store: ReadStore;
    let consultations: ReadCollection<Consultation>;

    beforeEach(async () => {
      store = await open();
      consultations = store.collection<Consultation>('consultations');
    });

    afterEach(async () => {
      await store.dropAll();
      await store.close();
    });

    const stored = (id: string) => consultations.findOne({ _id: id });
    const idsFound = async (filter: Filter, options: FindOptions = { sort: { _id: 1 } }) =>
      (await consultations.find(filter, options)).map((document) => document._id);

    describe('insertOne and findOne', () => {
      it('finds an inserted document as it was stored, with its own _id', async () => {
        await consultations.insertOne(consultation('c-1', { status: 'planned' }));

        expect(await consultations.findOne({ status: 'planned' })).toEqual(
          consultation('c-1', { status: 'planned' }),
        );
      });

      it('answers null when nothing matches', async () => {
        await consultations.insertOne(consultation('c-1'));

        expect(await stored('c-2')).toBeNull();
      });

      it('returns a document stored without _id without one, however it was written', async () => {
        const notes = store.collection('notes');

        await notes.insertOne({ author: 'a', text: 'inserted' });
        await notes.updateOne({ author: 'b' }, { $set: { text: 'upserted' } }, { upsert: true });
        await notes.replaceOne({ author: 'c' }, { author: 'c', text: 'replaced' }, { upsert: true });

        expect(await notes.findOne({ author: 'a' })).toEqual({ author: 'a', text: 'inserted' });
        expect(await notes.find({}, { sort: { author: 1 } })).toEqual([
          { author: 'a', text: 'inserted' },
          { author: 'b', text: 'upserted' },
          { author: 'c', text: 'replaced' },
        ]);
      });
    });

    describe('insertAbsent', () => {
      it('inserts the documents not stored yet, leaves the stored ones untouched, and says how many it inserted', async () => {
        await consultations.insertOne(consultation('c-2', { fee: 60 }));

        const inserted = await consultations.insertAbsent([
          consultation('c-1'),
          consultation('c-2', { fee: 99 }),
          consultation('c-3'),
        ]);

        expect(inserted).toBe(2);
        expect(await idsFound({})).toEqual(['c-1', 'c-2', 'c-3']);
        expect(await stored('c-2')).toEqual(consultation('c-2', { fee: 60 }));
      });

      it('changes nothing when every document is there, as after a redelivery', async () => {
        const lines = [consultation('c-1'), consultation('c-2')];
        await consultations.insertAbsent(lines);

        expect(await consultations.insertAbsent(lines)).toBe(0);
        expect(await consultations.countDocuments({})).toBe(2);
      });

      it('inserts nothing for an empty list', async () => {
        expect(await consultations.insertAbsent([])).toBe(0);
      });

      it('reports a collision with another unique index, having written the other documents', async () => {
        await consultations.createIndex({ keys: { practitionerId: 1, startsAt: 1 }, unique: true });
        await consultations.insertOne(consultation('c-1', { startsAt: '2025-03-10T09:00:00.000Z' }));

        await expectDuplicateKey(
          consultations.insertAbsent([
            consultation('c-2', { startsAt: '2025-03-10T09:00:00.000Z' }),
            consultation('c-3', { startsAt: '2025-03-10T10:00:00.000Z' }),
          ]),
          'consultations',
        );
        expect(await idsFound({})).toEqual(['c-1', 'c-3']);
      });

      it('refuses a document without _id, writing nothing', async () => {
        const notes = store.collection('notes');

        await expect(notes.insertAbsent([{ _id: 'n-1', text: 'a' }, { text: 'b' }])).rejects.toThrow(/document 1 has no _id/);
        expect(await notes.countDocuments({})).toBe(0);
      });
    });

    describe('updateOne with upsert', () => {
      it('inserts from the filter equalities, the update and $setOnInsert', async () => {
        const result = await consultations.updateOne(
          {
            _id: 'c-1',
            practitionerId: 'practitioner-1',
            fee: { $eq: 60 },
            startsAt: { $gt: '2025' },
          },
          {
            $set: { status: 'planned', 'address.city': 'Lyon' },
            $setOnInsert: { createdAt: '2025-03-01T08:00:00.000Z' },
            $inc: { 'stats.reschedules': 0 },
            $push: { tags: 'first-visit' },
          },
          { upsert: true },
        );

        expect(result).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
        expect(await stored('c-1')).toEqual({
          _id: 'c-1',
          practitionerId: 'practitioner-1',
          fee: 60,
          status: 'planned',
          address: { city: 'Lyon' },
          createdAt: '2025-03-01T08:00:00.000Z',
          stats: { reschedules: 0 },
          tags: ['first-visit'],
        });
      });

      it('updates the match and leaves $setOnInsert fields alone', async () => {
        await consultations.updateOne(
          { _id: 'c-1' },
          { $set: { status: 'planned' }, $setOnInsert: { createdAt: '2025-03-01T08:00:00.000Z' } },
          { upsert: true },
        );

        const result = await consultations.updateOne(
          { _id: 'c-1' },
          { $set: { status: 'done' }, $setOnInsert: { createdAt: '2025-03-02T08:00:00.000Z' } },
          { upsert: true },
        );

        expect(result).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
        expect(await stored('c-1')).toEqual({
          _id: 'c-1',
          status: 'done',
          createdAt: '2025-03-01T08:00:00.000Z',
        });
      });

      it('seeds nested equalities as subdocuments', async () => {
        await consultations.updateOne(
          { _id: 'c-1', 'address.city': 'Lyon' },
          { $set: { 'address.postcode': '69001' } },
          { upsert: true },
        );

        expect(await stored('c-1')).toEqual({
          _id: 'c-1',
          address: { city: 'Lyon', postcode: '69001' },
        });
      });

      it('without upsert, neither matches nor inserts anything', async () => {
        const result = await consultations.updateOne({ _id: 'c-1' }, { $set: { status: 'done' } });

        expect(result).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0 });
        expect(await consultations.countDocuments({})).toBe(0);
      });
    });

    describe('findPage (keyset pages, docs/adr/0008-pagination.md)', () => {
      // Sorted by fee descending, then start, then id: ties on the first fields are the hard part.
      const order: KeysetOrder = [['fee', -1], ['startsAt', 1], ['_id', 1]];
      const allPages = async (filter: Filter, limit: number): Promise<string[][]> => {
        const pages: string[][] = [];
        let cursor: string | undefined;
        do {
          const page = await findPage(consultations, filter, order, { limit, ...(cursor !== undefined && { cursor }) });
          pages.push(page.items.map((document) => document._id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor !== undefined);
        return pages;
      };

      beforeEach(async () => {
        for (const [id, fee, startsAt] of [
          ['c-1', 60, '2025-03-10T09:00:00.000Z'],
          ['c-2', 60, '2025-03-10T09:00:00.000Z'],
          ['c-3', 60, '2025-03-09T09:00:00.000Z'],
          ['c-4', 80, '2025-03-12T09:00:00.000Z'],
          ['c-5', 50, '2025-03-01T09:00:00.000Z'],
          ['c-6', 60, '2025-03-11T09:00:00.000Z'],
        ] as const) {
          await consultations.insertOne(consultation(id, { fee, startsAt }));
        }
        await consultations.updateOne({ _id: 'c-6' }, { $set: { practitionerId: 'practitioner-2' } });
      });

      it('given pages of two, then every matching document comes once, in order, and the last page has no cursor', async () => {
        expect(await allPages({ practitionerId: 'practitioner-1' }, 2)).toEqual([['c-4', 'c-3'], ['c-1', 'c-2'], ['c-5']]);
      });

      it('given a page read, when documents are added before and after its cursor, then the next page starts right after it and repeats the first page\'s total', async () => {
        const first = await findPage(consultations, {}, order, { limit: 3 });
        expect(first.items.map((document) => document._id)).toEqual(['c-4', 'c-3', 'c-1']);
        expect(first.total).toBe(6);
        await consultations.insertOne(consultation('c-0', { fee: 90 }));
        await consultations.insertOne(consultation('c-7', { fee: 60, startsAt: '2025-03-10T09:00:00.000Z' }));
        const next = await findPage(consultations, {}, order, { limit: 3, cursor: first.nextCursor! });
        expect(next.items.map((document) => document._id)).toEqual(['c-2', 'c-7', 'c-6']);
        // Counted once, on the first page: the cursor carries it (a count scans on FerretDB).
        expect(next.total).toBe(6);
        expect((await findPage(consultations, {}, order, { limit: 3 })).total).toBe(8);
      });

      it('given a cursor that no page gave, then it is refused naming cursor', async () => {
        const wellFormed = (cursor: unknown) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
        for (const cursor of ['not-base64-json', wellFormed({ a: 1 }), wellFormed([1, 2]), wellFormed({ after: [60, '2025-03-10T09:00:00.000Z', 'c-1'], total: -1 }), wellFormed({ after: [60, '2025-03-10T09:00:00.000Z', 'c-1'] }), wellFormed({ after: [60], total: 3 })]) {
          await expect(findPage(consultations, {}, order, { limit: 2, cursor })).rejects.toMatchObject({ kind: 'invalid', code: 'REQUEST.INVALID', message: expect.stringMatching(/^cursor/) });
        }
      });
    });

    describe('find', () => {
      beforeEach(async () => {
        await consultations.insertOne(
          consultation('c-1', { fee: 50, startsAt: '2025-03-10T09:00:00.000Z' }),
        );
        await consultations.insertOne(
          consultation('c-2', {
            fee: 60,
            startsAt: '2025-03-11T14:30:00.000Z',
            address: { city: 'Paris' },
          }),
        );
        await consultations.insertOne(
          consultation('c-3', {
            fee: 70,
            startsAt: '2025-04-01T08:00:00.000Z',
            practitionerId: 'practitioner-2',
            status: 'cancelled',
            tags: ['home-visit', 'urgent'],
          }),
        );
        await consultations.insertOne(
          consultation('c-4', {
            fee: 60,
            startsAt: '2025-02-20T17:00:00.000Z',
            address: { city: 'Nantes' },
          }),
        );
      });

      it('filters by equality, explicit $eq and a nested field', async () => {
        expect(await idsFound({ practitionerId: 'practitioner-2' })).toEqual(['c-3']);
        expect(await idsFound({ fee: { $eq: 60 } })).toEqual(['c-2', 'c-4']);
        expect(await idsFound({ 'address.city': 'Lyon' })).toEqual(['c-1', 'c-3']);
      });

      it('filters numbers and ISO date strings by range', async () => {
        expect(await idsFound({ fee: { $gt: 50, $lt: 70 } })).toEqual(['c-2', 'c-4']);
        expect(
          await idsFound({
            startsAt: { $gte: '2025-03-01T00:00:00.000Z', $lt: '2025-04-01T00:00:00.000Z' },
          }),
        ).toEqual(['c-1', 'c-2']);
      });

      it('filters with $in, $or and on array elements', async () => {
        expect(await idsFound({ 'address.city': { $in: ['Paris', 'Nantes'] } })).toEqual([
          'c-2',
          'c-4',
        ]);
        expect(await idsFound({ $or: [{ fee: 50 }, { status: 'cancelled' }] })).toEqual([
          'c-1',
          'c-3',
        ]);
        expect(await idsFound({ tags: 'urgent' })).toEqual(['c-3']);
      });

      it('filters with $ne, $nin, $exists and $regex', async () => {
        expect(await idsFound({ status: { $ne: 'cancelled' } })).toEqual(['c-1', 'c-2', 'c-4']);
        expect(await idsFound({ fee: { $nin: [50, 60] } })).toEqual(['c-3']);
        expect(await idsFound({ status: { $exists: true } })).toEqual(['c-3']);
        expect(await idsFound({ 'address.city': { $regex: '^N' } })).toEqual(['c-4']);
      });

      it('sorts by several keys, each ascending or descending', async () => {
        expect(await idsFound({}, { sort: { fee: -1, startsAt: 1 } })).toEqual([
          'c-3',
          'c-4',
          'c-2',
          'c-1',
        ]);
        expect(await idsFound({}, { sort: { 'address.city': 1, startsAt: -1 } })).toEqual([
          'c-3',
          'c-1',
          'c-4',
          'c-2',
        ]);
      });

      it('skips and limits after sorting; a limit of 0 means no limit', async () => {
        const byStart = { startsAt: 1 } as const;
        expect(await idsFound({}, { sort: byStart, skip: 1, limit: 2 })).toEqual(['c-1', 'c-2']);
        expect(await idsFound({}, { sort: byStart, skip: 3 })).toEqual(['c-3']);
        expect(await idsFound({}, { limit: 0 })).toHaveLength(4);
      });

      it('counts the matching documents', async () => {
        expect(await consultations.countDocuments({})).toBe(4);
        expect(await consultations.countDocuments({ 'address.city': 'Lyon' })).toBe(2);
        expect(await consultations.countDocuments({ fee: { $gt: 100 } })).toBe(0);
      });
    });

    describe('update operators', () => {
      beforeEach(async () => {
        await consultations.insertOne(
          consultation('c-1', { status: 'planned', tags: ['first-visit', 'urgent'] }),
        );
      });

      it('$set sets top-level and nested fields', async () => {
        const result = await consultations.updateOne(
          { _id: 'c-1' },
          { $set: { status: 'done', 'address.postcode': '69001' } },
        );

        expect(result).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
        expect(await stored('c-1')).toMatchObject({
          status: 'done',
          address: { city: 'Lyon', postcode: '69001' },
        });
      });

      it('$inc adds to a number and starts a missing one from zero', async () => {
        await consultations.updateOne({ _id: 'c-1' }, { $inc: { fee: 5, 'stats.reschedules': 1 } });

        expect(await stored('c-1')).toMatchObject({ fee: 65, stats: { reschedules: 1 } });
      });

      it('$push appends to an array and creates a missing one', async () => {
        await consultations.updateOne(
          { _id: 'c-1' },
          { $push: { tags: 'home-visit', notes: { by: 'p-1' } } },
        );

        expect(await stored('c-1')).toMatchObject({
          tags: ['first-visit', 'urgent', 'home-visit'],
          notes: [{ by: 'p-1' }],
        });
      });

      it('$pull removes every element equal to a value or to a whole subdocument', async () => {
        const payments = [
          { id: 'p-1', amount: 30 },
          { id: 'p-2', amount: 30 },
        ];
        await consultations.updateOne(
          { _id: 'c-1' },
          { $set: { tags: ['urgent', 'first-visit', 'urgent'], payments } },
        );

        await consultations.updateOne(
          { _id: 'c-1' },
          { $pull: { tags: 'urgent', payments: { id: 'p-1', amount: 30 } } },
        );

        expect(await stored('c-1')).toMatchObject({
          tags: ['first-visit'],
          payments: [{ id: 'p-2', amount: 30 }],
        });
      });

      it('rejects a $pull condition, which FerretDB v1 would silently ignore', async () => {
        await expect(
          consultations.updateOne({ _id: 'c-1' }, { $pull: { tags: { $in: ['urgent'] } } }),
        ).rejects.toThrow(/\$pull/);
        expect(await stored('c-1')).toMatchObject({ tags: ['first-visit', 'urgent'] });
      });

      it('$unset removes top-level and nested fields', async () => {
        await consultations.updateOne(
          { _id: 'c-1' },
          { $unset: { status: '', 'address.city': '' } },
        );

        expect(await stored('c-1')).toEqual({
          ...consultation('c-1', { tags: ['first-visit', 'urgent'] }),
          address: {},
        });
      });

      it('counts a match that changes nothing as matched, not modified', async () => {
        const result = await consultations.updateOne(
          { _id: 'c-1' },
          { $set: { status: 'planned' }, $unset: { absent: '' } },
        );

        expect(result).toEqual({ matchedCount: 1, modifiedCount: 0, upsertedCount: 0 });
      });

      it('refuses to change _id', async () => {
        await expect(
          consultations.updateOne({ _id: 'c-1' }, { $set: { _id: 'c-9' } }),
        ).rejects.toThrow(/_id/);
        expect(await stored('c-1')).not.toBeNull();
      });
    });

    describe('updateMany', () => {
      it('updates every match and counts the ones it changed', async () => {
        await consultations.insertOne(consultation('c-1', { status: 'planned' }));
        await consultations.insertOne(consultation('c-2', { status: 'done' }));
        await consultations.insertOne(
          consultation('c-3', { status: 'planned', practitionerId: 'practitioner-2' }),
        );

        const result = await consultations.updateMany(
          { practitionerId: 'practitioner-1' },
          { $set: { status: 'done' } },
        );

        expect(result).toEqual({ matchedCount: 2, modifiedCount: 1, upsertedCount: 0 });
        expect(await idsFound({ status: 'done' })).toEqual(['c-1', 'c-2']);
      });
    });

    describe('replaceOne', () => {
      it('replaces the whole document and keeps its _id when the replacement has none', async () => {
        await consultations.insertOne(consultation('c-1', { status: 'planned', tags: ['urgent'] }));
        const { _id: _kept, ...replacement } = consultation('c-1', { fee: 80 });

        const result = await store
          .collection('consultations')
          .replaceOne({ _id: 'c-1' }, replacement);

        expect(result).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
        expect(await stored('c-1')).toEqual(consultation('c-1', { fee: 80 }));
      });

      it('counts an identical replacement as matched, not modified', async () => {
        await consultations.insertOne(consultation('c-1'));

        const result = await consultations.replaceOne({ _id: 'c-1' }, consultation('c-1'));

        expect(result).toEqual({ matchedCount: 1, modifiedCount: 0, upsertedCount: 0 });
      });

      it('with upsert, inserts the replacement under the filter _id and nothing else of it', async () => {
        const { _id: _fromFilter, ...replacement } = consultation('c-1');

        const result = await store
          .collection('consultations')
          .replaceOne({ _id: 'c-1', status: 'planned' }, replacement, { upsert: true });

        expect(result).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
        expect(await stored('c-1')).toEqual(consultation('c-1'));
      });

      it('without upsert, inserts nothing', async () => {
        const result = await consultations.replaceOne({ _id: 'c-1' }, consultation('c-1'));

        expect(result).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0 });
        expect(await consultations.countDocuments({})).toBe(0);
      });

      it('refuses a replacement with another _id', async () => {
        await consultations.insertOne(consultation('c-1'));

        await expect(
          consultations.replaceOne({ _id: 'c-1' }, consultation('c-2')),
        ).rejects.toThrow(/_id/);
        expect(await idsFound({})).toEqual(['c-1']);
      });
    });

    describe('replaceEach', () => {
      it('replaces each document its filter matches, embedded-document equality included, writes nothing for the others, and answers how many matched', async () => {
        for (const id of ['c-1', 'c-2', 'c-3']) await consultations.insertOne(consultation(id));

        const matched = await consultations.replaceEach([
          { filter: { _id: 'c-1', fee: 60 }, document: consultation('c-1', { fee: 70 }) },
          { filter: { _id: 'c-2', address: { city: 'Lyon' } }, document: consultation('c-2', { fee: 80 }) },
          { filter: { _id: 'c-3', address: { city: 'Paris' } }, document: consultation('c-3', { fee: 90 }) },
          { filter: { _id: 'c-4' }, document: consultation('c-4') },
        ]);

        expect(matched).toBe(2);
        expect((await consultations.find({}, { sort: { _id: 1 } })).map(({ _id, fee }) => [_id, fee])).toEqual([
          ['c-1', 70],
          ['c-2', 80],
          ['c-3', 60],
        ]);
      });

      it('writes more documents in one call than FerretDB v1 takes in one command (99)', async () => {
        const ids = Array.from({ length: 150 }, (_, index) => `c-${String(index).padStart(3, '0')}`);
        await consultations.insertAbsent(ids.map((id) => consultation(id)));

        const matched = await consultations.replaceEach(ids.map((id) => ({ filter: { _id: id, fee: 60 }, document: consultation(id, { fee: 61 }) })));

        expect(matched).toBe(150);
        expect(await consultations.countDocuments({ fee: 61 })).toBe(150);
      });

      it('answers 0 for no replacement', async () => {
        expect(await consultations.replaceEach([])).toBe(0);
      });
    });

    describe('deleteOne and deleteMany', () => {
      beforeEach(async () => {
        await consultations.insertOne(consultation('c-1', { status: 'cancelled' }));
        await consultations.insertOne(consultation('c-2', { status: 'cancelled' }));
        await consultations.insertOne(consultation('c-3', { status: 'done' }));
      });

      it('deleteOne removes a single match and says how many it removed', async () => {
        expect(await consultations.deleteOne({ status: 'cancelled' })).toBe(1);
        expect(await consultations.deleteOne({ status: 'unknown' })).toBe(0);
        expect(await consultations.countDocuments({ status: 'cancelled' })).toBe(1);
      });

      it('deleteMany removes every match and says how many it removed', async () => {
        expect(await consultations.deleteMany({ status: 'cancelled' })).toBe(2);
        expect(await idsFound({})).toEqual(['c-3']);
      });

      it('frees the _id of a deleted document', async () => {
        await consultations.deleteOne({ _id: 'c-1' });

        await consultations.insertOne(consultation('c-1', { status: 'planned' }));
        expect(await stored('c-1')).toMatchObject({ status: 'planned' });
      });
    });

    describe('indexes', () => {
      const nineOClock = '2025-03-10T09:00:00.000Z';
      const tenOClock = '2025-03-10T10:00:00.000Z';

      beforeEach(async () => {
        await consultations.createIndex({ keys: { practitionerId: 1, startsAt: 1 }, unique: true });
        await consultations.insertOne(consultation('c-1', { startsAt: nineOClock }));
        await consultations.insertOne(consultation('c-2', { startsAt: tenOClock }));
      });

      it('rejects an insert that collides with a unique index and keeps what is stored', async () => {
        await expectDuplicateKey(
          consultations.insertOne(consultation('c-3', { startsAt: nineOClock, fee: 99 })),
          'consultations',
        );
        expect(await idsFound({})).toEqual(['c-1', 'c-2']);
        expect(await stored('c-1')).toEqual(consultation('c-1', { startsAt: nineOClock }));
      });

      it('accepts a document that shares only part of a compound unique key', async () => {
        await consultations.insertOne(
          consultation('c-3', { practitionerId: 'practitioner-2', startsAt: nineOClock }),
        );

        expect(await consultations.countDocuments({})).toBe(3);
      });

      it('always keeps _id unique', async () => {
        await expectDuplicateKey(
          consultations.insertOne(consultation('c-1', { startsAt: '2025-05-01T09:00:00.000Z' })),
          'consultations',
        );
      });

      it('rejects an update that would collide and leaves the document as it was', async () => {
        await expectDuplicateKey(
          consultations.updateOne({ _id: 'c-2' }, { $set: { startsAt: nineOClock, fee: 99 } }),
          'consultations',
        );
        expect(await stored('c-2')).toEqual(consultation('c-2', { startsAt: tenOClock }));
      });

      it('rejects an upsert that would insert a colliding document', async () => {
        await expectDuplicateKey(
          consultations.updateOne(
            { _id: 'c-3' },
            { $set: { practitionerId: 'practitioner-1', startsAt: nineOClock } },
            { upsert: true },
          ),
          'consultations',
        );
        expect(await stored('c-3')).toBeNull();
      });

      it('rejects a replacement that would collide', async () => {
        await expectDuplicateKey(
          consultations.replaceOne({ _id: 'c-2' }, consultation('c-2', { startsAt: nineOClock })),
          'consultations',
        );
        expect(await stored('c-2')).toEqual(consultation('c-2', { startsAt: tenOClock }));
      });

      it('refuses to build a unique index over documents that already collide', async () => {
        await expectDuplicateKey(
          consultations.createIndex({ keys: { fee: 1 }, unique: true }),
          'consultations',
        );

        await consultations.insertOne(consultation('c-3', { startsAt: '2025-05-01T09:00:00.000Z' }));
        expect(await consultations.countDocuments({ fee: 60 })).toBe(3);
      });

      it('lets a plain index hold duplicates', async () => {
        await consultations.createIndex({ keys: { fee: 1 }, name: 'by_fee' });

        await consultations.insertOne(consultation('c-3', { startsAt: '2025-05-01T09:00:00.000Z' }));
        expect(await consultations.countDocuments({ fee: 60 })).toBe(3);
      });

      it('creates the same index twice without complaint, and keeps enforcing it', async () => {
        await consultations.createIndex({ keys: { practitionerId: 1, startsAt: 1 }, unique: true });

        await expectDuplicateKey(
          consultations.insertOne(consultation('c-3', { startsAt: nineOClock })),
          'consultations',
        );
      });
    });

    describe('listing indexes', () => {
      it('lists every index created, plain or unique, with its name, and never the _id index', async () => {
        await consultations.createIndex({ keys: { practitionerId: 1, startsAt: -1 } });
        await consultations.createIndex({ keys: { fee: 1 }, unique: true, name: 'one_per_fee' });
        await consultations.createIndex({ keys: { fee: 1 }, unique: true, name: 'one_per_fee' });

        const listed = await consultations.indexes();

        expect([...listed].sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual([
          { name: 'one_per_fee', keys: { fee: 1 }, unique: true },
          { name: 'practitionerId_1_startsAt_-1', keys: { practitionerId: 1, startsAt: -1 }, unique: false },
        ]);
        expect(Object.keys(listed.find((index) => index.name === 'practitionerId_1_startsAt_-1')!.keys)).toEqual(['practitionerId', 'startsAt']);
      });

      it('lists nothing for a collection never written', async () => {
        expect(await store.collection('never_written').indexes()).toEqual([]);
      });
    });

    describe('renameCollection', () => {
      const rebuilt = () => store.collection<Consultation>('consultations_rebuilt');

      it('puts the source, documents and indexes, in the place of the target, whose own are gone', async () => {
        await consultations.createIndex({ keys: { status: 1 }, name: 'old_status' });
        await consultations.insertOne(consultation('c-old'));
        await rebuilt().createIndex({ keys: { practitionerId: 1, startsAt: 1 }, unique: true });
        await rebuilt().insertOne(consultation('c-1'));
        await rebuilt().insertOne(consultation('c-2', { startsAt: '2025-03-10T10:00:00.000Z' }));

        await store.renameCollection('consultations_rebuilt', 'consultations');

        expect(await idsFound({})).toEqual(['c-1', 'c-2']);
        expect((await consultations.indexes()).map((index) => index.name)).toEqual(['practitionerId_1_startsAt_1']);
        await expectDuplicateKey(consultations.insertOne(consultation('c-3')), 'consultations');
      });

      it('leaves the source empty, its name free for a new collection', async () => {
        await rebuilt().insertOne(consultation('c-1'));

        await store.renameCollection('consultations_rebuilt', 'consultations');

        expect(await rebuilt().countDocuments({})).toBe(0);
        expect(await rebuilt().indexes()).toEqual([]);
        await rebuilt().insertOne(consultation('c-1'));
        expect(await rebuilt().countDocuments({})).toBe(1);
      });

      it('works by name: a handle on the target taken before the rename reads and writes the new collection', async () => {
        const handleTakenBefore = store.collection<Consultation>('consultations');
        await handleTakenBefore.insertOne(consultation('c-old'));
        await rebuilt().insertOne(consultation('c-1'));

        await store.renameCollection('consultations_rebuilt', 'consultations');
        await handleTakenBefore.insertOne(consultation('c-2'));

        expect((await handleTakenBefore.find({}, { sort: { _id: 1 } })).map((document) => document._id)).toEqual(['c-1', 'c-2']);
      });

      it('renames onto a name that holds nothing yet', async () => {
        await rebuilt().insertOne(consultation('c-1'));

        await store.renameCollection('consultations_rebuilt', 'consultations');

        expect(await idsFound({})).toEqual(['c-1']);
      });

      it('counts a source never written as empty: the target ends empty', async () => {
        await consultations.insertOne(consultation('c-old'));

        await store.renameCollection('consultations_rebuilt', 'consultations');

        expect(await consultations.countDocuments({})).toBe(0);
      });

      it('refuses to rename a collection to itself, and keeps it', async () => {
        await consultations.insertOne(consultation('c-1'));

        await expect(store.renameCollection('consultations', 'consultations')).rejects.toThrow(/itself/);
        expect(await idsFound({})).toEqual(['c-1']);
      });
    });

    describe('dropCollection', () => {
      it('drops one collection with its indexes and leaves the others', async () => {
        const invoices = store.collection('invoices');
        await invoices.createIndex({ keys: { number: 1 }, unique: true });
        await invoices.insertOne({ _id: 'i-1', number: 'F-001' });
        await consultations.insertOne(consultation('c-1'));

        await store.dropCollection('invoices');

        expect(await invoices.countDocuments({})).toBe(0);
        expect(await invoices.indexes()).toEqual([]);
        await invoices.insertOne({ _id: 'i-2', number: 'F-001' });
        await invoices.insertOne({ _id: 'i-3', number: 'F-001' });
        expect(await idsFound({})).toEqual(['c-1']);
      });

      it('drops a collection that does not exist without complaint', async () => {
        await expect(store.dropCollection('never_written')).resolves.toBeUndefined();
      });
    });

    describe('isolation of stored state', () => {
      it('stores a copy of what was inserted or set', async () => {
        const inserted = consultation('c-1');
        await consultations.insertOne(inserted);
        const address = { city: 'Paris' };
        await consultations.updateOne({ _id: 'c-1' }, { $set: { address } });

        inserted.tags.push('mutated');
        address.city = 'Mutated';

        expect(await stored('c-1')).toEqual(consultation('c-1', { address: { city: 'Paris' } }));
      });

      it('returns copies: changing a result does not change the store', async () => {
        await consultations.insertOne(consultation('c-1'));

        const found = await stored('c-1');
        const [listed] = await consultations.find({});
        found?.tags.push('mutated');
        listed.address.city = 'Mutated';

        expect(await stored('c-1')).toEqual(consultation('c-1'));
      });
    });

    describe('dropAll', () => {
      it('empties every collection and drops their indexes; handles keep working', async () => {
        const invoices = store.collection('invoices');
        await invoices.createIndex({ keys: { number: 1 }, unique: true });
        await invoices.insertOne({ _id: 'i-1', number: 'F-001' });
        await consultations.insertOne(consultation('c-1'));

        await store.dropAll();

        expect(await consultations.countDocuments({})).toBe(0);
        expect(await invoices.countDocuments({})).toBe(0);
        await invoices.insertOne({ _id: 'i-1', number: 'F-001' });
        await invoices.insertOne({ _id: 'i-2', number: 'F-001' });
        expect(await store.collection('invoices').countDocuments({ number: 'F-001' })).toBe(2);
      });
    });
  });
}
