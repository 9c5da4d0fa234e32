/**
 * Projections that turn integration events into read-model documents and stay correct when an
 * envelope arrives twice or two consumers write one document at once: each document carries its
 * guard (`_revisions` per source stream, `_version` for compare-and-set). How the guards and
 * deletions play out under redelivery: docs/adr/0005-at-least-once-delivery.md.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { IntegrationEnvelope } from '@osteo/contracts';
import { DuplicateKeyError, type ReadCollection, type ReadDocument, type ReadStore } from '@osteo/read-store';
import { UnknownEventVersionError } from '../dead-letters';

/**
 * What the runner reads of a message: the type and version it dispatches on, the stream position
 * it guards with. An envelope is one; a consumer that has read an envelope already may hand its
 * own reading instead, so that `documentId` and `evolve` need not parse the envelope again.
 */
export type ProjectedMessage = Pick<IntegrationEnvelope, 'eventId' | 'type' | 'version' | 'streamId' | 'revision'>;

export interface DocumentProjection<D extends ReadDocument = ReadDocument, M extends ProjectedMessage = IntegrationEnvelope> {
  /** For logs and errors, e.g. `cabinetRosterProjection`. */
  readonly name: string;
  readonly collection: string;
  /** Event types this projection reads; other envelopes never reach `documentId` or `evolve`. */
  readonly handles: readonly string[];
  /**
   * Versions of those events `evolve` was written for; default: 1. Another version of a handled
   * type is refused with UnknownEventVersionError (dead-lettered by the bus) before it can be
   * misread into a document.
   */
  readonly understoodVersions?: readonly number[];
  /** The `_id` of the document the envelope changes; null: none. */
  documentId(message: M): string | null;
  /** Pure. Gets the document without `_version` and `_revisions`; null in: create; null out: delete. */
  evolve(document: D | null, message: M): D | null;
}

/** The fields the runner keeps next to a projection's own. */
export interface ProjectionGuard {
  readonly _id: string;
  readonly _version: number;
  readonly _revisions: Readonly<Record<string, number>>;
}

/** Compare-and-set attempts before giving up; the bus then redelivers the envelope later. */
const MAX_WRITE_ATTEMPTS = 20;
const MAX_CONFLICT_PAUSE_MS = 100;

export class ProjectionWriteConflictError extends Error {
  readonly code = 'PROJECTION.WRITE_CONFLICT';
  constructor(
    readonly projection: string,
    readonly documentId: string,
  ) {
    super(`${projection}: document ${documentId} kept changing under ${MAX_WRITE_ATTEMPTS} attempts to write it`);
    this.name = 'ProjectionWriteConflictError';
  }
}

/** Applies envelopes to every projection that handles their type. */
export class ProjectionRunner {
  constructor(
    private readonly readStore: ReadStore,
    private readonly projections: readonly DocumentProjection<ReadDocument>[],
  ) {}

  async apply(envelope: IntegrationEnvelope): Promise<void> {
    for (const projection of this.projections) {
      if (projection.handles.includes(envelope.type)) await applyDocumentProjection(this.readStore, projection, envelope);
    }
  }
}

/**
 * Applies one envelope to the one document of `projection` it changes, and answers that document
 * as it stands afterwards, with its `_id` and without its guard (null: none, or deleted). When
 * the envelope had been applied already, that is the stored document, so a caller that derives
 * more writes from it can repeat them on a redelivery without reading the document again.
 */
export async function applyDocumentProjection<D extends ReadDocument, M extends ProjectedMessage = IntegrationEnvelope>(
  readStore: ReadStore,
  projection: DocumentProjection<D, M>,
  envelope: M,
): Promise<D | null> {
  if (!projection.handles.includes(envelope.type)) return null;
  requireUnderstoodVersion(projection, envelope);
  const documentId = projection.documentId(envelope);
  if (documentId === null) return null;
  const documents = readStore.collection<D & ProjectionGuard>(projection.collection);
  const stream = revisionKey(envelope.streamId);
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    const stored = await documents.findOne({ _id: documentId });
    const current = stored && (withoutGuard(stored) as D);
    const lastApplied = stored?._revisions[stream];
    if (lastApplied !== undefined && lastApplied >= envelope.revision) return current;

    const evolved = projection.evolve(current, envelope);
    const revisions = { ...stored?._revisions, [stream]: envelope.revision };
    if (await writeIfUnchanged(documents, documentId, stored, evolved, revisions)) return evolved && { ...evolved, _id: documentId };
    // A random pause breaks the lockstep in which the same writer could lose every race.
    await sleep(Math.random() * Math.min(MAX_CONFLICT_PAUSE_MS, 2 ** attempt));
  }
  throw new ProjectionWriteConflictError(projection.name, documentId);
}

/**
 * Applies a run of envelopes, in order, to the documents of `projection` they change, and
 * answers each of those documents as it stands after the run, by `_id` (null: none, or deleted).
 * It ends where applying them one by one with applyDocumentProjection would, guards included.
 *
 * Made for runs whose envelopes mostly create their documents (one ledger per completed
 * consultation): every document the run builds from nothing is written with one `insertAbsent`,
 * with no read first. That holds only if none of them was stored already; when the insert finds
 * one that was (a redelivery, another consumer), those documents are applied envelope by
 * envelope after all, and the guards of what was just inserted make that exact. Documents the
 * run does not build from nothing (it changes or deletes them) take that path from the start.
 */
export async function applyDocumentProjectionRun<D extends ReadDocument, M extends ProjectedMessage = IntegrationEnvelope>(
  readStore: ReadStore,
  projection: DocumentProjection<D, M>,
  envelopes: readonly M[],
): Promise<Map<string, D | null>> {
  const byDocument = new Map<string, M[]>();
  for (const envelope of envelopes) {
    if (!projection.handles.includes(envelope.type)) continue;
    requireUnderstoodVersion(projection, envelope);
    const documentId = projection.documentId(envelope);
    if (documentId === null) continue;
    const ofDocument = byDocument.get(documentId);
    if (ofDocument === undefined) byDocument.set(documentId, [envelope]);
    else ofDocument.push(envelope);
  }

  const built: (D & ProjectionGuard)[] = [];
  const oneByOne: string[] = [];
  for (const [documentId, ofDocument] of byDocument) {
    const fromNothing = foldFromNothing(projection, documentId, ofDocument);
    if (fromNothing === null) oneByOne.push(documentId);
    else built.push(fromNothing);
  }
  const documents = readStore.collection<D & ProjectionGuard>(projection.collection);
  const results = new Map<string, D | null>();
  if (built.length > 0 && (await documents.insertAbsent(built)) < built.length) {
    oneByOne.push(...built.map((document) => document._id));
  } else {
    for (const document of built) results.set(document._id, withoutGuard(document) as D);
  }
  for (const documentId of oneByOne) {
    let current: D | null = null;
    for (const envelope of byDocument.get(documentId)!) current = await applyDocumentProjection(readStore, projection, envelope);
    results.set(documentId, current);
  }
  return results;
}

/**
 * The document as applyDocumentProjection would store it had it not been stored before, guard
 * included; null when the envelopes leave nothing to insert (they change or delete a document,
 * or create one and delete it).
 */
function foldFromNothing<D extends ReadDocument, M extends ProjectedMessage>(
  projection: DocumentProjection<D, M>,
  documentId: string,
  envelopes: readonly M[],
): (D & ProjectionGuard) | null {
  let document: D | null = null;
  let revisions: Record<string, number> = {};
  for (const envelope of envelopes) {
    const stream = revisionKey(envelope.streamId);
    const lastApplied = revisions[stream];
    if (lastApplied !== undefined && lastApplied >= envelope.revision) continue;
    const evolved = projection.evolve(document, envelope);
    // With its `_id`, as evolve gets a stored document; a deleted one loses its guard with it, as in writeIfUnchanged.
    document = evolved && { ...evolved, _id: documentId };
    revisions = document === null ? {} : { ...revisions, [stream]: envelope.revision };
  }
  return document && { ...document, _id: documentId, _version: 1, _revisions: revisions };
}

const FIRST_VERSIONS_ONLY: readonly number[] = [1];

function requireUnderstoodVersion<M extends ProjectedMessage>(projection: DocumentProjection<ReadDocument, M>, envelope: M): void {
  const understood = projection.understoodVersions ?? FIRST_VERSIONS_ONLY;
  if (!understood.includes(envelope.version)) throw new UnknownEventVersionError(envelope, projection.name, understood);
}

/** False when another writer changed the document since it was read. */
async function writeIfUnchanged(
  documents: ReadCollection<ReadDocument & ProjectionGuard>,
  documentId: string,
  stored: (ReadDocument & ProjectionGuard) | null,
  evolved: ReadDocument | null,
  revisions: Record<string, number>,
): Promise<boolean> {
  if (stored === null) {
    if (evolved === null) return true;
    try {
      await documents.insertOne({ ...evolved, _id: documentId, _version: 1, _revisions: revisions });
      return true;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }
  const unchanged = { _id: documentId, _version: stored._version };
  if (evolved === null) return (await documents.deleteOne(unchanged)) === 1;
  const replaced = await documents.replaceOne(unchanged, {
    ...evolved,
    _id: documentId,
    _version: stored._version + 1,
    _revisions: revisions,
  });
  return replaced.matchedCount === 1;
}

function withoutGuard({ _version, _revisions, ...document }: ReadDocument & ProjectionGuard): ReadDocument {
  return document;
}

/**
 * Stream ids become field names under `_revisions`, where MongoDB forbids `.` and a leading `$`.
 * Percent-encoding those (and `%` itself) keeps distinct stream ids distinct.
 */
export function revisionKey(streamId: string): string {
  return streamId.replace(/[%.$]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}
