/**
 * The SubjectKeyStore port: one AES-256 key per data subject (a patient, an account), kept
 * apart from the events it protects (never in an event, never on the bus). Erasing a subject
 * deletes its key and remembers that it was erased, so no new key is ever made for it: whatever
 * is appended about it afterwards is stored erased.
 * Adapters: SQLite (a file of its own) and a collection of a ReadStore (MongoDB); both pass
 * subject-key-store.contract.ts.
 */
export abstract class SubjectKeyStore {
  /** The subject's key, made on first use; null once the subject is erased. */
  abstract keyFor(subjectId: string): Promise<Buffer | null>;
  /** The subject's key if it has one; null when none was made or it was erased. */
  abstract existingKeyFor(subjectId: string): Promise<Buffer | null>;
  /** Deletes the key for good. Erasing twice, or a subject without a key, is no error. */
  abstract erase(subjectId: string): Promise<void>;
  abstract close(): Promise<void>;
}
