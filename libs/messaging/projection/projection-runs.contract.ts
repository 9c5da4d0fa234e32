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
            async (cuts, deliveredTwice, replayed) => {
              await readStore.dropAll();
              const runner = new ProjectionRunner(readStore, projections);
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
        const instance = async (): Promise<void> => {
          const runner = new ProjectionRunner(racing, projections);
          for (const run of runs) await runner.applyRun(run);
        };

        // Settled, not Promise.all: a failing instance must not leave its twin writing into the next test.
        for (const outcome of await Promise.allSettled([instance(), instance()])) if (outcome.status === 'rejected') throw outcome.reason;

        expect(await documentsOf(readStore, projections)).toEqual(oneByOne);
      });

      it('when a run changes documents already stored, then each is read once and written once', async () => {
        await readStore.dropAll();
        const observed = new ObservedReadStore(readStore);
        const runner = new ProjectionRunner(observed, projections);
        const half = Math.ceil(envelopes.length / 2);
        await runner.applyRun(envelopes.slice(0, half));

        const operations = await observed.operationsOf(() => runner.applyRun(envelopes.slice(half)));

        for (const projection of projections) {
          const changed = new Set(envelopes.slice(half).filter((envelope) => projection.handles.includes(envelope.type)).map((envelope) => projection.documentId(envelope)));
          const ofCollection = operations.filter((operation) => operation.startsWith(`${projection.collection}.`));
          const reads = ofCollection.filter((operation) => operation.endsWith('.findOne')).length;
          const writes = ofCollection.filter((operation) => /\.(insertOne|replaceOne|deleteOne)$/.test(operation)).length;
          expect(reads).toBeLessThanOrEqual(changed.size);
          expect(writes).toBeLessThanOrEqual(changed.size);
        }
        expect(await documentsOf(readStore, projections)).toEqual(oneByOne);
      });
    });
  });
}
