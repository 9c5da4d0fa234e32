import { randomBytes } from 'node:crypto';
import { DuplicateKeyError, type ReadCollection, type ReadStore } from '@osteo/read-store';
import { KEY_BYTES } from './field-cipher';
import { SubjectKeyStore } from './subject-key-store';

/** The collection's name: not a read model, so no rebuild ever drops or replaces it. */
export const SUBJECT_KEYS_COLLECTION = 'personal_data_keys';

type SubjectKeyDocument = { _id: string; key: string | null; erasedAt?: string };

/**
 * Keys in a collection of the service's MongoDB database (the distributed profile): every
 * instance of the service reads the same keys, which a file on one instance's disk would not
 * give. The key is stored base64, `null` once erased.
 */
export class ReadStoreSubjectKeyStore extends SubjectKeyStore {
  private readonly keys: ReadCollection<SubjectKeyDocument>;

  constructor(readStore: ReadStore) {
    super();
    this.keys = readStore.collection<SubjectKeyDocument>(SUBJECT_KEYS_COLLECTION);
  }

  override async keyFor(subjectId: string): Promise<Buffer | null> {
    const stored = await this.keys.findOne({ _id: subjectId });
    if (stored) return keyOf(stored);
    try {
      await this.keys.insertOne({ _id: subjectId, key: randomBytes(KEY_BYTES).toString('base64') });
    } catch (error) {
      // Another instance made the first key meanwhile: read theirs.
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
    return this.existingKeyFor(subjectId);
  }

  override async existingKeyFor(subjectId: string): Promise<Buffer | null> {
    const stored = await this.keys.findOne({ _id: subjectId });
    return stored ? keyOf(stored) : null;
  }

  override async erase(subjectId: string): Promise<void> {
    await this.keys.updateOne({ _id: subjectId }, { $set: { key: null, erasedAt: new Date().toISOString() } }, { upsert: true });
  }

  /** The read store belongs to the service, which closes it. */
  override async close(): Promise<void> {}
}

const keyOf = (document: SubjectKeyDocument): Buffer | null => (document.key === null ? null : Buffer.from(document.key, 'base64'));
