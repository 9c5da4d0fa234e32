/**
 * What applying envelopes in runs promises, over each ReadStore adapter: the in-memory one
 * (projection-runs.spec.ts) and MongoDB's over FerretDB (projection-runs.int-spec.ts), for the
 * cabinet roster here and for the projections of a service that feeds them in runs
 * (patient-records' private read models). Runs cut anywhere, some delivered twice, the whole
 * history replayed: the documents are those of one-by-one application, guards included.
 */
import fc from 'fast-check';
import type { IntegrationEnvelope } from '@osteo/contracts';
import type { ReadDocument, ReadStore } from '@osteo/read-store';
import { ObservedReadStore } from '@osteo/read-store/observed-read-store';
import { applyDocumentProjection, type DocumentProjection, ProjectionRunner } from './document-projection';

export interface ProjectionRunsCase {
  readonly projections: readonly DocumentProjection<ReadDocument>[];
  /** A history in commit order, each stream's revisions counted from 0. */
  readonly envelopes: readonly IntegrationEnvelope[];
}

export interface ProjectionRunsOptions {
  /** Histories cut and replayed per property; FerretDB's round trips make each one cost. */
  readonly numRuns: number;
  /** Cuts per history at most. */
  readonly maxCuts: number;
}

/** Every document of the case's collections, `_version` left out: a compare-and-set token that counts writes, one per run. */
async function documentsOf(readStore: ReadStore, projections: ProjectionRunsCase['projections']): Promise<Record<string, ReadDocument[]>> {
  const documents: Record<string, ReadDocument[]> = {};
  for (const { collection } of projections) {
    const stored = await readStore.collection(collection).find({}, { sort: { _id: 1 } });
    documents[collection] = stored.map(({ _version, ...document }) => document);
  }
  return documents;
}

export function describeProjectionRuns(name: string, openReadStore: () => Promise<ReadStore>, cases: Record<string, () => ProjectionRunsCase>, options: ProjectionRunsOptions): void {
  describe(`projection runs over ${name}`, () => {
    let readStore: ReadStore;

    beforeAll(async () => {
      readStore = await openReadStore();
    });

    afterAll(async () => {
      await readStore.dropAll();
      await readStore.close();
    });

    describe.each(Object.keys(cases))('given %s', (caseName) => {
      const { projections, envelopes } = cases[caseName]!();
      let oneByOne: Record<string, ReadDocument[]>;

      beforeAll(async () => {
        await readStore.dropAll();
        for (const envelope of envelopes) {
          for (const projection of projections) await applyDocumentProjection(readStore, projection, envelope);
        }
        oneByOne = await documentsOf(readStore, projections);
      });

      it('when cut into runs anywhere, some delivered twice and the whole history replayed, then the documents are those of one-by-one application', async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.uniqueArray(fc.integer({ min: 1, max: envelopes.length - 1 }), { maxLength: options.maxCuts }),
            fc.array(fc.boolean(), { minLength: options.maxCuts + 1, maxLength: options.maxCuts + 1 }),
            fc.boolean(),
            fc.boolean(),
            async (cuts, deliveredTwice, replayed, rememberWrites) => {
              await readStore.dropAll();
              const runner = new ProjectionRunner(readStore, projections, { rememberWrites });
              const bounds = [0, ...[...cuts].sort((a, b) => a - b), envelopes.length];
              const runs = bounds.slice(1).map((end, index) => envelopes.slice(bounds[index], end));
              for (const [index, run] of runs.entries()) {
                await runner.applyRun(run);
                if (deliveredTwice[index]) await runner.applyRun(run);
              }
              if (replayed) for (const run of runs) await runner.applyRun(run);
              expect(await documentsOf(readStore, projections)).toEqual(oneByOne);
            },
          ),
          { numRuns: options.numRuns },
        );
      });

      it('when two instances apply the same runs at once, their writes conflicting, then the documents are those of one-by-one application', async () => {
        await readStore.dropAll();
        // Reads held back a varying moment, so the two read-fold-write cycles on a document overlap and conflict.
        const racing = new ObservedReadStore(readStore);
        racing.after = async (operation) => {
          if (operation.endsWith('.findOne')) await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
        };
        const half = Math.ceil(envelopes.length / 2);
        const runs = [envelopes.slice(0, half), envelopes.slice(half)];
        // Each remembers what it wrote, as StoreFedReadModels' runners do, and so recalls documents its twin has replaced since.
        const instance = async (): Promise<void> => {
          const runner = new ProjectionRunner(racing, projections, { rememberWrites: true });
          for (const run of runs) await runner.applyRun(run);
        };

        // Settled, not Promise.all: a failing instance must not leave its twin writing into the next test.
        for (const outcome of await Promise.allSettled([instance(), instance()])) if (outcome.status === 'rejected') throw outcome.reason;

        expect(await documentsOf(readStore, projections)).toEqual(oneByOne);
      });

      it.each([
        ['another runner wrote them', false],
        ['its previous run wrote them', true],
      ])('when a run changes documents already stored (%s), then each is read once at most, the changed ones replaced together', async (_, sameRunner) => {
        await readStore.dropAll();
        const observed = new ObservedReadStore(readStore);
        const half = Math.ceil(envelopes.length / 2);
        const runner = new ProjectionRunner(observed, projections, { rememberWrites: true });
        await (sameRunner ? runner : new ProjectionRunner(observed, projections)).applyRun(envelopes.slice(0, half));
        const storedBefore = await documentsOf(readStore, projections);

        const operations = await observed.operationsOf(() => runner.applyRun(envelopes.slice(half)));

        for (const projection of projections) {
          const changed = new Set(envelopes.slice(half).filter((envelope) => projection.handles.includes(envelope.type)).map((envelope) => projection.documentId(envelope)));
          const wasStored = new Set(storedBefore[projection.collection]!.map((document) => document._id));
          // Remembered, a document the previous run wrote is not read again.
          const mayRead = sameRunner ? [...changed].filter((documentId) => !wasStored.has(documentId)).length : changed.size;
          const ofCollection = operations.filter((operation) => operation.startsWith(`${projection.collection}.`));
          const count = (pattern: RegExp) => ofCollection.filter((operation) => pattern.test(operation)).length;
          expect(count(/\.findOne$/)).toBeLessThanOrEqual(mayRead);
          expect(count(/\.(insertOne|replaceOne|deleteOne)$/)).toBeLessThanOrEqual(changed.size);
          expect(count(/\.replaceEach$/)).toBeLessThanOrEqual(1);
        }
        expect(await documentsOf(readStore, projections)).toEqual(oneByOne);
      });

      it('when a run changes documents a remembering runner wrote, and a rebuild has since put later ones of the same _version in their place, then it writes none of them back', async () => {
        await readStore.dropAll();
        const third = Math.ceil(envelopes.length / 3);
        const runner = new ProjectionRunner(readStore, projections, { rememberWrites: true });
        await runner.applyRun(envelopes.slice(0, third));
        // The rebuild's documents: the whole history, each built in one write, as the runner's first run built its own.
        await readStore.dropAll();
        await new ProjectionRunner(readStore, projections).applyRun(envelopes);
        const rebuilt = await documentsOf(readStore, projections);

        await runner.applyRun(envelopes.slice(third, 2 * third));

        expect(await documentsOf(readStore, projections)).toEqual(rebuilt);
        await runner.applyRun(envelopes.slice(2 * third));
        expect(await documentsOf(readStore, projections)).toEqual(oneByOne);
      });
    });
  });
}
