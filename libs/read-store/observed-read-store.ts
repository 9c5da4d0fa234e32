/**
 * For tests: a ReadStore in front of another (in memory by default) that records every collection
 * operation as `collection.operation`, and lets a test interfere with them: `before` may fail an
 * operation, `after` may hold its answer back (a slow network, a race). How many round trips a
 * write takes is then something a test can assert.
 */
import { InMemoryReadStore } from './in-memory/in-memory-read-store';
import { type ReadCollection, type ReadDocument, ReadStore } from './read-store';

export class ObservedReadStore extends ReadStore {
  readonly operations: string[] = [];
  before: (operation: string) => void = () => undefined;
  after: (operation: string) => Promise<void> = async () => undefined;

  constructor(private readonly inner: ReadStore = new InMemoryReadStore()) {
    super();
  }

  override collection<T extends ReadDocument = ReadDocument>(name: string): ReadCollection<T> {
    const inner = this.inner.collection<T>(name);
    return new Proxy(inner, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const operation = `${name}.${String(property)}`;
          this.operations.push(operation);
          this.before(operation);
          const answer: unknown = await (value as (...callArgs: unknown[]) => Promise<unknown>).apply(target, args);
          await this.after(operation);
          return answer;
        };
      },
    });
  }

  override renameCollection(from: string, to: string): Promise<void> {
    return this.inner.renameCollection(from, to);
  }

  override dropCollection(name: string): Promise<void> {
    return this.inner.dropCollection(name);
  }

  override dropAll(): Promise<void> {
    return this.inner.dropAll();
  }

  override close(): Promise<void> {
    return this.inner.close();
  }

  /** The operations `work` made, and only those. */
  async operationsOf(work: () => Promise<unknown>): Promise<string[]> {
    const from = this.operations.length;
    await work();
    return this.operations.slice(from);
  }
}
