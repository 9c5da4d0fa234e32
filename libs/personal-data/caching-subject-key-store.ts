import { SubjectKeyStore } from './subject-key-store';

export interface KeyCacheOptions {
  /** How long a key read stays in memory: long enough for a burst of events of one subject. */
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  /** Milliseconds; a test passes its own clock. */
  readonly now?: () => number;
}

const DEFAULT_TTL_MS = 60_000;
const DEFAULT_MAX_ENTRIES = 10_000;

type CachedKey = { readonly key: Buffer | null; readonly until: number };

/**
 * Keeps the keys it read for a short time, so appending or replaying many events of one subject
 * (a ledger's consultations, a rebuild) costs one key-store read per subject, not per event.
 * Erasing through it forgets the key at once in this process; another process may still hold
 * it for up to `ttlMs` (what it could read with it, it could read a moment before).
 * A subject without a key yet is not cached by `existingKeyFor`: its first key may come any time.
 */
export class CachingSubjectKeyStore extends SubjectKeyStore {
  private readonly cache = new Map<string, CachedKey>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly inner: SubjectKeyStore,
    options: KeyCacheOptions = {},
  ) {
    super();
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.now = options.now ?? Date.now;
  }

  override async keyFor(subjectId: string): Promise<Buffer | null> {
    const cached = this.cached(subjectId);
    if (cached !== undefined) return cached;
    return this.remember(subjectId, await this.inner.keyFor(subjectId));
  }

  override async existingKeyFor(subjectId: string): Promise<Buffer | null> {
    const cached = this.cached(subjectId);
    if (cached !== undefined) return cached;
    const key = await this.inner.existingKeyFor(subjectId);
    return key === null ? null : this.remember(subjectId, key);
  }

  override async erase(subjectId: string): Promise<void> {
    this.cache.delete(subjectId);
    await this.inner.erase(subjectId);
    this.cache.delete(subjectId);
  }

  override close(): Promise<void> {
    this.cache.clear();
    return this.inner.close();
  }

  private cached(subjectId: string): Buffer | null | undefined {
    const entry = this.cache.get(subjectId);
    if (entry === undefined) return undefined;
    if (entry.until > this.now()) return entry.key;
    this.cache.delete(subjectId);
    return undefined;
  }

  private remember(subjectId: string, key: Buffer | null): Buffer | null {
    // A Map iterates in insertion order: the first entry is the oldest.
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(subjectId, { key, until: this.now() + this.ttlMs });
    return key;
  }
}
