/**
 * Projections that turn integration events into read-model documents and stay correct when an
 * envelope arrives twice or two consumers write one document at once: each document carries its
 * guard (`_revisions` per source stream, `_version` for compare-and-set). How the guards and
 * deletions play out under redelivery: docs/adr/0005-at-least-once-delivery.md.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
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
  /** Per projection, with `rememberWrites`: what its runs wrote (RememberedDocuments). */
  private readonly remembered = new Map<string, RememberedDocuments>();

  constructor(
    private readonly readStore: ReadStore,
    private readonly projections: readonly DocumentProjection<ReadDocument>[],
    options: { readonly rememberWrites?: boolean } = {},
  ) {
    if (options.rememberWrites) for (const { name } of projections) this.remembered.set(name, new RememberedDocuments());
  }

  async apply(envelope: IntegrationEnvelope): Promise<void> {
    for (const projection of this.projections) {
      if (projection.handles.includes(envelope.type)) await applyDocumentProjection(this.readStore, projection, envelope);
    }
  }

  /** The same as `apply` on each envelope in turn, in one write per document (applyDocumentProjectionRun). */
  async applyRun(envelopes: readonly IntegrationEnvelope[]): Promise<void> {
    for (const projection of this.projections) {
      if (envelopes.some((envelope) => projection.handles.includes(envelope.type))) {
        await applyDocumentProjectionRun(this.readStore, projection, envelopes, this.remembered.get(projection.name));
      }
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
 * It ends where applying them one by one with applyDocumentProjection would, guards included,
 * in one write per document instead of one per envelope (`_version` counts writes, so it then
 * grows by one per run, not per envelope).
 *
 * Every document the run builds from nothing (one ledger per completed consultation) is written
 * with one `insertAbsent`, with no read first. That holds only if none of them was stored
 * already; when the insert finds one that was (a redelivery, another consumer), those documents
 * take the other path after all, and the guards of what was just inserted make that exact.
 *
 * The other path, for a document the run changes or deletes: the stored document (read, or
 * recalled from `remembered` when an earlier run wrote it), the run's envelopes folded in memory
 * through `evolve` and the guards, and a compare-and-set write. The changed documents go in one
 * `replaceEach`, each guarded by the `_version` and `_revisions` it was folded from, so a recalled
 * copy that another writer has since replaced (another instance, a rebuild's swap, even one that
 * started `_version` again) matches nothing. A document whose write did not land, by a conflict
 * or a failed round trip, goes envelope by envelope through applyDocumentProjection, whose guards
 * skip what already landed.
 */
export async function applyDocumentProjectionRun<D extends ReadDocument, M extends ProjectedMessage = IntegrationEnvelope>(
  readStore: ReadStore,
  projection: DocumentProjection<D, M>,
  envelopes: readonly M[],
  remembered?: RememberedDocuments,
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
  const readFirst: string[] = [];
  for (const [documentId, ofDocument] of byDocument) {
    const fromNothing = foldGuardedRun(projection, documentId, { document: null, revisions: {} }, ofDocument);
    // A document remembered is stored: building it again would only meet it.
    if (fromNothing.document === null || remembered?.has(documentId)) readFirst.push(documentId);
    else built.push({ ...fromNothing.document, _id: documentId, _version: 1, _revisions: fromNothing.revisions });
  }
  const documents = readStore.collection<D & ProjectionGuard>(projection.collection);
  const results = new Map<string, D | null>();
  if (built.length > 0 && (await insertedAll(documents, built)) === false) {
    readFirst.push(...built.map((document) => document._id));
  } else {
    for (const document of built) {
      remembered?.remember(document);
      results.set(document._id, withoutGuard(document) as D);
    }
  }

  const oneByOne = async (documentId: string): Promise<void> => {
    remembered?.forget(documentId);
    let current: D | null = null;
    for (const envelope of byDocument.get(documentId)!) current = await applyDocumentProjection(readStore, projection, envelope);
    results.set(documentId, current);
  };
  const replacements: { readonly stored: D & ProjectionGuard; readonly written: D & ProjectionGuard }[] = [];
  // Reads one document at a time: FerretDB v1 hardly answers two at once faster than one after the other, and
  // answers `_id: { $in }` by reading the whole collection.
  for (const documentId of readFirst) {
    const recalled = remembered?.recall(documentId) as (D & ProjectionGuard) | undefined;
    let stored: (D & ProjectionGuard) | null;
    try {
      stored = recalled ?? (await documents.findOne({ _id: documentId }));
    } catch {
      await oneByOne(documentId);
      continue;
    }
    const before: GuardedDocument<D> = { document: stored && (withoutGuard(stored) as D), revisions: stored?._revisions ?? {} };
    const after = foldGuardedRun(projection, documentId, before, byDocument.get(documentId)!);
    if (after === before) {
      // Every envelope was applied already (a redelivered run): nothing to write.
      results.set(documentId, before.document);
    } else if (stored !== null && after.document !== null) {
      replacements.push({ stored, written: { ...after.document, _id: documentId, _version: stored._version + 1, _revisions: after.revisions } });
    } else if (await wroteIfUnchanged(documents, documentId, stored, after)) {
      // Made or deleted: rare within a run (most new documents are built above), so written on their own.
      remembered?.forget(documentId);
      results.set(documentId, after.document && { ...after.document, _id: documentId });
    } else {
      await oneByOne(documentId);
    }
  }
  if (replacements.length === 0) return results;

  const matched = await documents
    .replaceEach(replacements.map(({ stored, written }) => ({ filter: { _id: stored._id, _version: stored._version, _revisions: stored._revisions }, document: written })))
    .catch(() => null);
  for (const { written } of replacements) {
    if (matched === replacements.length || (await standsAsWritten(documents, written))) {
      remembered?.remember(written);
      results.set(written._id, withoutGuard(written) as D);
    } else {
      await oneByOne(written._id);
    }
  }
  return results;
}

/**
 * What the runs of one projection wrote, the documents as written, guard included, so that a
 * later run changing one of them (a patient's list, at each consultation) need not read it
 * first: on FerretDB v1 that read is a third of the document's cost. Only a hint: the write that
 * follows is guarded by what was recalled, and a document someone else has replaced since is
 * read again. The most recently used are kept, up to `capacity`, so memory stays bounded (a
 * patient's list is about 8 KB).
 */
export class RememberedDocuments {
  private readonly documents = new Map<string, ReadDocument & ProjectionGuard>();

  constructor(private readonly capacity = 2_000) {}

  has(documentId: string): boolean {
    return this.documents.has(documentId);
  }

  recall(documentId: string): (ReadDocument & ProjectionGuard) | undefined {
    const document = this.documents.get(documentId);
    if (document !== undefined) this.keep(document);
    return document;
  }

  remember(document: ReadDocument & ProjectionGuard): void {
    this.keep(document);
    // A Map iterates in insertion order, and keep() re-inserts: the first key is the least recently used.
    if (this.documents.size > this.capacity) this.documents.delete(this.documents.keys().next().value!);
  }

  forget(documentId: string): void {
    this.documents.delete(documentId);
  }

  private keep(document: ReadDocument & ProjectionGuard): void {
    this.documents.delete(document._id);
    this.documents.set(document._id, document);
  }
}

/**
 * Whether the documents built from nothing were all inserted. False when one was stored already,
 * and when the store reports a duplicate it can no longer find: another instance inserted it and
 * then deleted it (a later run of the same stream) between the insert and the store's check.
 * Either way the read-first path below settles each document from what is stored.
 */
async function insertedAll<D extends ReadDocument>(documents: ReadCollection<D>, built: readonly D[]): Promise<boolean> {
  try {
    return (await documents.insertAbsent(built)) === built.length;
  } catch (error) {
    if (error instanceof DuplicateKeyError) return false;
    throw error;
  }
}

/**
 * After a `replaceEach` short of its count (or failed): whether this replacement is the one
 * stored. Another writer's document with the same `_version` and `_revisions` folds the same
 * envelopes, so it counts as written; anything else, or a failed read, is not.
 */
async function standsAsWritten(documents: ReadCollection<ReadDocument & ProjectionGuard>, written: ReadDocument & ProjectionGuard): Promise<boolean> {
  try {
    const stored = await documents.findOne({ _id: written._id });
    return stored !== null && stored._version === written._version && isDeepStrictEqual(stored._revisions, written._revisions);
  } catch {
    return false;
  }
}

/**
 * writeIfUnchanged, a failed round trip counted as a conflict: the one-by-one path's guards make
 * either exact. A deletion is guarded by the `_revisions` it was folded from too, as the run's
 * replacements are, since that copy may have been recalled.
 */
async function wroteIfUnchanged<D extends ReadDocument>(
  documents: ReadCollection<D & ProjectionGuard>,
  documentId: string,
  stored: (D & ProjectionGuard) | null,
  after: GuardedDocument<D>,
): Promise<boolean> {
  try {
    if (stored !== null && after.document === null) return (await documents.deleteOne({ _id: documentId, _version: stored._version, _revisions: stored._revisions })) === 1;
    return await writeIfUnchanged(documents, documentId, stored, after.document, after.revisions);
  } catch {
    return false;
  }
}

/**
 * A document as applyDocumentProjection leaves it, without its `_version`: null when there is
 * none (never made, or deleted, which drops its guard too), and the revisions its guard holds.
 */
export interface GuardedDocument<D extends ReadDocument> {
  readonly document: D | null;
  readonly revisions: Readonly<Record<string, number>>;
}

/**
 * One envelope applied to a document in memory exactly as applyDocumentProjection applies it to
 * a stored one: `folded` itself when the guard skips it (at or below its stream's revision).
 * ProjectionFold (rebuilds) and the runs above fold with it.
 */
export function foldGuarded<D extends ReadDocument, M extends ProjectedMessage>(
  projection: DocumentProjection<D, M>,
  documentId: string,
  folded: GuardedDocument<D>,
  envelope: M,
): GuardedDocument<D> {
  const stream = revisionKey(envelope.streamId);
  const lastApplied = folded.revisions[stream];
  if (lastApplied !== undefined && lastApplied >= envelope.revision) return folded;
  const evolved = projection.evolve(folded.document, envelope);
  // With its `_id`, as evolve gets a stored document; a deleted one loses its guard with it, as in writeIfUnchanged.
  if (evolved === null) return { document: null, revisions: {} };
  return { document: { ...evolved, _id: documentId }, revisions: { ...folded.revisions, [stream]: envelope.revision } };
}

function foldGuardedRun<D extends ReadDocument, M extends ProjectedMessage>(
  projection: DocumentProjection<D, M>,
  documentId: string,
  from: GuardedDocument<D>,
  envelopes: readonly M[],
): GuardedDocument<D> {
  return envelopes.reduce((folded, envelope) => foldGuarded(projection, documentId, folded, envelope), from);
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
