import type { IntegrationEnvelope } from '@osteo/contracts';
import type { ReadDocument } from '@osteo/read-store';
import { type DocumentProjection, foldGuarded, type GuardedDocument, type ProjectionGuard } from './document-projection';

/**
 * One projection's documents folded in memory, guards included, exactly as the ProjectionRunner
 * would have left them in a read store after applying the same envelopes: the same skip of an
 * envelope at or below its stream's revision, the same `_version` count of writes, the same
 * deletion of a document with its guard. A rebuild folds the whole history this way, since a
 * read and a write per event through the store would take far too long, then writes each
 * document once; the live feed then applies its later envelopes on top, guards and all.
 */
export class ProjectionFold<D extends ReadDocument = ReadDocument> {
  private readonly documents = new Map<string, D & ProjectionGuard>();

  constructor(private readonly projection: DocumentProjection<D>) {}

  get size(): number {
    return this.documents.size;
  }

  apply(envelope: IntegrationEnvelope): void {
    if (!this.projection.handles.includes(envelope.type)) return;
    const documentId = this.projection.documentId(envelope);
    if (documentId === null) return;
    const stored = this.documents.get(documentId);
    const before: GuardedDocument<D> = { document: stored ? withoutGuard(stored) : null, revisions: stored?._revisions ?? {} };
    const after = foldGuarded(this.projection, documentId, before, envelope);
    if (after === before) return;
    if (after.document === null) {
      this.documents.delete(documentId);
      return;
    }
    // One write per envelope, as the runner counts them.
    this.documents.set(documentId, { ...after.document, _id: documentId, _version: (stored?._version ?? 0) + 1, _revisions: after.revisions });
  }

  /**
   * Hands the documents out in batches and forgets each batch as it goes, so the fold and the
   * copy the store makes of a batch are never both held for every document at once.
   */
  *drain(batchSize: number): Generator<(D & ProjectionGuard)[]> {
    let batch: (D & ProjectionGuard)[] = [];
    for (const [documentId, document] of this.documents) {
      batch.push(document);
      this.documents.delete(documentId);
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
}

function withoutGuard<D extends ReadDocument>({ _version, _revisions, ...document }: D & ProjectionGuard): D {
  return document as unknown as D;
}
