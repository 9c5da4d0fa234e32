import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import type { IntegrationEnvelope } from '@osteo/contracts';
import { InMemoryReadStore, type ReadDocument, ReadStore } from '@osteo/read-store';
import { ObservedReadStore } from '@osteo/read-store/observed-read-store';
import {
  cabinetHistory,
  cabinetRosterProjection,
  publicEnvelopesOf,
} from '../test-support/cabinet-roster';
import { UnknownEventVersionError } from '../dead-letters';
import { applyDocumentProjection, applyDocumentProjectionRun, type DocumentProjection, ProjectionRunner, revisionKey } from './document-projection';

const history = cabinetHistory(6, 12);
const envelopes = publicEnvelopesOf(history);

async function rostersAfter(deliveries: readonly IntegrationEnvelope[]): Promise<unknown[]> {
  const readStore = new InMemoryReadStore();
  const runner = new ProjectionRunner(readStore, [cabinetRosterProjection]);
  for (const envelope of deliveries) await runner.apply(envelope);
  return rosters(readStore);
}

function rosters(readStore: ReadStore): Promise<unknown[]> {
  return readStore.collection(cabinetRosterProjection.collection).find({}, { sort: { _id: 1 } });
}

describe('ProjectionRunner', () => {
  describe('given a projection fed at least once', () => {
    let singlePass: unknown[];

    beforeAll(async () => {
      singlePass = await rostersAfter(envelopes);
    });

    it('builds one document per open cabinet and deletes the closed ones', () => {
      expect(singlePass.map((roster) => (roster as { _id: string })._id)).toEqual(
        ['cabinet-0', 'cabinet-1', 'cabinet-3', 'cabinet-4'],
      );
    });

    it('when every envelope arrives twice in a row, then the documents are those of a single pass', async () => {
      expect(await rostersAfter(envelopes.flatMap((envelope) => [envelope, envelope]))).toEqual(singlePass);
    });

    it('when the whole history is replayed, then the documents are those of a single pass', async () => {
      expect(await rostersAfter([...envelopes, ...envelopes])).toEqual(singlePass);
    });
  });

  describe('applyDocumentProjection', () => {
    it('answers the document as the envelope left it, and the stored one when the envelope comes again', async () => {
      const readStore = new InMemoryReadStore();
      const [first] = envelopes;
      const documentId = cabinetRosterProjection.documentId(first);

      const applied = await applyDocumentProjection(readStore, cabinetRosterProjection, first);
      const redelivered = await applyDocumentProjection(readStore, cabinetRosterProjection, first);

      const stored = await readStore.collection(cabinetRosterProjection.collection).findOne({ _id: documentId });
      expect(applied).toEqual({ ...cabinetRosterProjection.evolve(null, first), _id: documentId });
      expect(redelivered).toEqual(applied);
      expect(stored).toMatchObject(applied as ReadDocument);
    });

    it('refuses a version of a handled event it was not written for, writing nothing, and ignores unhandled types of any version', async () => {
      const readStore = new InMemoryReadStore();
      const fromTheFuture = { ...envelopes[0], version: 2 };

      await expect(applyDocumentProjection(readStore, cabinetRosterProjection, fromTheFuture)).rejects.toBeInstanceOf(UnknownEventVersionError);
      expect(await rosters(readStore)).toEqual([]);
      expect(await applyDocumentProjection(readStore, cabinetRosterProjection, { ...fromTheFuture, type: 'SomethingElseHappened' })).toBeNull();
      expect(await applyDocumentProjection(readStore, { ...cabinetRosterProjection, understoodVersions: [1, 2] }, fromTheFuture)).not.toBeNull();
    });

    it('answers null for an envelope the projection does not handle, and writes nothing', async () => {
      const readStore = new InMemoryReadStore();
      const unhandled = { ...envelopes[0], type: 'SomethingElseHappened' };

      expect(await applyDocumentProjection(readStore, cabinetRosterProjection, unhandled)).toBeNull();
      expect(await rosters(readStore)).toEqual([]);
    });
  });

  describe('applyDocumentProjectionRun', () => {
    /** What the single pass stored, guards included but for `_version`, a compare-and-set token that counts writes. */
    const storedWithoutVersions = async (readStore: ReadStore) =>
      (await rosters(readStore)).map((stored) => {
        const { _version, ...document } = stored as ReadDocument & { _version: number };
        return document;
      });

    it('ends where applying the envelopes one by one ends, however they are cut into runs and whichever runs come again', async () => {
      const oneByOne = new InMemoryReadStore();
      for (const envelope of envelopes) await applyDocumentProjection(oneByOne, cabinetRosterProjection, envelope);
      const expected = await storedWithoutVersions(oneByOne);

      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.integer({ min: 1, max: envelopes.length - 1 }), { maxLength: 12 }),
          fc.array(fc.boolean(), { minLength: 13, maxLength: 13 }),
          async (cuts, delivered) => {
            const bounds = [0, ...[...cuts].sort((a, b) => a - b), envelopes.length];
            const runs = bounds.slice(1).map((end, index) => envelopes.slice(bounds[index], end));
            const readStore = new InMemoryReadStore();
            for (const [index, run] of runs.entries()) {
              const answered = await applyDocumentProjectionRun(readStore, cabinetRosterProjection, run);
              // Redelivered as a run: the run's documents exist now, so each is read, folded (every envelope skipped by its guard) and left as it is.
              const again = delivered[index] ? await applyDocumentProjectionRun(readStore, cabinetRosterProjection, run) : answered;
              for (const [documentId, document] of again) {
                const stored = await readStore.collection(cabinetRosterProjection.collection).findOne({ _id: documentId });
                expect(document).toEqual(stored && { ...stored, _version: undefined, _revisions: undefined, _id: documentId });
              }
              expect(again).toEqual(answered);
            }
            expect(await storedWithoutVersions(readStore)).toEqual(expected);
          },
        ),
        { numRuns: 60 },
      );
    });

    it('writes the documents a run builds from nothing with one insert and no read', async () => {
      const readStore = new ObservedReadStore();
      const openings = envelopes.filter((envelope) => envelope.type === 'CabinetOpened');

      const answered = await applyDocumentProjectionRun(readStore, cabinetRosterProjection, openings);

      expect(readStore.operations).toEqual([`${cabinetRosterProjection.collection}.insertAbsent`]);
      expect([...answered.keys()]).toEqual(openings.map((envelope) => envelope.streamId));
      expect(await rosters(readStore)).toHaveLength(openings.length);
    });

    it('refuses a run holding a version it was not written for, writing nothing', async () => {
      const readStore = new InMemoryReadStore();

      await expect(applyDocumentProjectionRun(readStore, cabinetRosterProjection, [envelopes[0]!, { ...envelopes[1]!, version: 2 }])).rejects.toBeInstanceOf(UnknownEventVersionError);
      expect(await rosters(readStore)).toEqual([]);
    });
  });

  describe('given two consumers writing the same document at the same time', () => {
    /** One document per cabinet, fed by the streams of all its colleagues. */
    const colleaguesPerCabinet: DocumentProjection<{ cabinetId: string; joined: number }> = {
      name: 'colleaguesPerCabinetProjection',
      collection: 'colleagues_per_cabinet',
      handles: ['ColleagueJoined'],
      documentId: (envelope) => String(envelope.data.cabinetId),
      evolve: (counter, envelope) => ({
        cabinetId: String(envelope.data.cabinetId),
        joined: (counter?.joined ?? 0) + 1,
      }),
    };
    const joinedFromColleagueStreams = (consumer: string): IntegrationEnvelope[] =>
      Array.from({ length: 25 }, (_, index) => ({
        eventId: `${consumer}-${index}`,
        type: 'ColleagueJoined',
        version: 1,
        streamId: `colleague-${consumer}-${index}`,
        revision: 0,
        occurredAt: '2025-01-01T09:00:00.000Z',
        actorId: null,
        correlationId: null,
        causationId: null,
        data: { cabinetId: 'cabinet-1' },
      }));

    it('when both apply their envelopes, then no update is lost', async () => {
      const readStore = new ObservedReadStore();
      // Reads take a varying few milliseconds, so concurrent read-modify-write cycles overlap.
      readStore.after = async (operation) => {
        if (operation.endsWith('.findOne')) await sleep(Math.random() * 3);
      };
      const consume = async (consumer: string): Promise<void> => {
        const runner = new ProjectionRunner(readStore, [colleaguesPerCabinet]);
        for (const envelope of joinedFromColleagueStreams(consumer)) await runner.apply(envelope);
      };

      await Promise.all([consume('a'), consume('b')]);

      const counter = await readStore.collection(colleaguesPerCabinet.collection).findOne({ _id: 'cabinet-1' });
      expect(counter).toMatchObject({ joined: 50, _version: 50 });
    });

    it('when both apply their envelopes in runs, each run folded into one write, then no update is lost', async () => {
      const readStore = new ObservedReadStore();
      readStore.after = async (operation) => {
        if (operation.endsWith('.findOne')) await sleep(Math.random() * 3);
      };
      const consume = async (consumer: string): Promise<void> => {
        const envelopes = joinedFromColleagueStreams(consumer);
        for (let from = 0; from < envelopes.length; from += 5) await applyDocumentProjectionRun(readStore, colleaguesPerCabinet, envelopes.slice(from, from + 5));
      };

      await Promise.all([consume('a'), consume('b')]);

      const counter = await readStore.collection(colleaguesPerCabinet.collection).findOne({ _id: 'cabinet-1' });
      expect(counter).toMatchObject({ joined: 50 });
      // A run that lost the race went envelope by envelope, one write each; the others wrote once.
      expect((counter as { _version: number })._version).toBeLessThan(50);
    });
  });

  it('keeps distinct stream ids distinct once made safe as field names', () => {
    const streamIds = ['cabinet.1', 'cabinet%2E1', '$cabinet', 'cabinet-1'];
    const keys = streamIds.map(revisionKey);

    expect(new Set(keys).size).toBe(streamIds.length);
    expect(keys.some((key) => key.includes('.') || key.startsWith('$'))).toBe(false);
  });
});
