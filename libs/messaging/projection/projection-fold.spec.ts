import { InMemoryReadStore } from '@osteo/read-store';
import { cabinetHistory, cabinetRosterProjection, publicEnvelopesOf } from '../test-support/cabinet-roster';
import { ProjectionRunner } from './document-projection';
import { ProjectionFold } from './projection-fold';

const envelopes = publicEnvelopesOf(cabinetHistory(9, 14));

async function documentsLeftByRunner(deliveries: typeof envelopes): Promise<unknown[]> {
  const readStore = new InMemoryReadStore();
  const runner = new ProjectionRunner(readStore, [cabinetRosterProjection]);
  for (const envelope of deliveries) await runner.apply(envelope);
  return readStore.collection(cabinetRosterProjection.collection).find({}, { sort: { _id: 1 } });
}

function documentsFolded(deliveries: typeof envelopes, batchSize = 4): unknown[] {
  const fold = new ProjectionFold(cabinetRosterProjection);
  for (const envelope of deliveries) fold.apply(envelope);
  return [...fold.drain(batchSize)].flat().sort((a, b) => a._id.localeCompare(b._id));
}

describe('ProjectionFold', () => {
  it('given a history, when folded, then it holds the documents the runner writes, guards and version included', async () => {
    const folded = documentsFolded(envelopes);

    expect(folded).toEqual(await documentsLeftByRunner(envelopes));
    // Some cabinets were closed: deletions were folded too.
    expect(folded.length).toBe(6);
  });

  it('given every envelope twice in a row, when folded, then it holds what a single pass leaves', () => {
    expect(documentsFolded(envelopes.flatMap((envelope) => [envelope, envelope]))).toEqual(documentsFolded(envelopes));
  });

  it('given an envelope of a type the projection does not handle, then it changes nothing', () => {
    const fold = new ProjectionFold(cabinetRosterProjection);
    fold.apply({ ...envelopes[0]!, type: 'CabinetNotesEdited' });

    expect(fold.size).toBe(0);
  });

  it('drains in batches of the given size and forgets what it handed out', () => {
    const fold = new ProjectionFold(cabinetRosterProjection);
    for (const envelope of envelopes) fold.apply(envelope);

    const batches = [...fold.drain(4)];

    expect(batches.map((batch) => batch.length)).toEqual([4, 2]);
    expect(fold.size).toBe(0);
  });
});
