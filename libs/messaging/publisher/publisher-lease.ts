/**
 * One publisher at a time per service, however many instances run it: a lease in the read store
 * that every instance shares, and the publisher's checkpoint kept in the lease's own document so
 * that saving it is fenced by the lease (docs/adr/0009-publisher-lease.md).
 *
 * The document, one per publisher name, in `_publisher_leases`:
 *   { _id, holder, token, expiresAt, position }
 * `token` grows by one at each acquisition, never at a renewal. Every write names in its filter
 * what it read, and MongoDB, FerretDB and the in-memory store apply a filtered update to the one
 * document atomically: of two instances taking over at once one matches, the other matches
 * nothing; and a holder that lost the lease while paused (SIGSTOP, a long GC) finds its next
 * checkpoint save refused, because the token it names is no longer there.
 */
import { CheckpointStore } from '@osteo/event-sourcing';
import { DuplicateKeyError, type ReadCollection, type ReadStore } from '@osteo/read-store';

export const PUBLISHER_LEASES_COLLECTION = '_publisher_leases';

/** Where the lease reads the time: the platform's Clock fits, and tests drive it. */
export interface LeaseClock {
  now(): Date;
}

interface LeaseDocument extends Record<string, unknown> {
  readonly _id: string;
  /** The instance holding it (host/pid/random), for operators. */
  readonly holder: string;
  /** The fencing token: one more at each acquisition. */
  readonly token: number;
  /** Unix milliseconds, by the clock of the instance that last acquired or renewed it. */
  readonly expiresAt: number;
  /** The publisher's checkpoint: the last store position published and acknowledged. */
  readonly position: string | null;
}

export interface PublisherLeaseOptions {
  readonly readStore: ReadStore;
  /** The publisher's name (its checkpoint name), e.g. `publisher:records.events`. */
  readonly name: string;
  /** This instance, unique among the running ones. */
  readonly holder: string;
  readonly clock: LeaseClock;
  /** How long an acquisition or renewal holds; renew well within it (a third of it). */
  readonly leaseMs: number;
  /**
   * Where the checkpoint was kept before leases existed (the SQLite file, `_checkpoints`): the
   * first acquisition ever starts the lease's position from it, so an upgrade publishes nothing twice.
   */
  readonly previousCheckpoints?: CheckpointStore;
}

/** A checkpoint save refused: another instance took the lease over since this one acquired it. */
export class CheckpointFencedOffError extends Error {
  constructor(
    readonly publisherName: string,
    readonly token: number,
  ) {
    super(`The lease on ${publisherName} was taken over (this instance held token ${token}): checkpoint refused`);
    this.name = 'CheckpointFencedOffError';
  }
}

export class PublisherLease {
  private readonly leases: ReadCollection<LeaseDocument>;
  /** The token this instance holds, or null. */
  private heldToken: number | null = null;

  constructor(private readonly options: PublisherLeaseOptions) {
    this.leases = options.readStore.collection<LeaseDocument>(PUBLISHER_LEASES_COLLECTION);
  }

  get name(): string {
    return this.options.name;
  }

  get holder(): string {
    return this.options.holder;
  }

  /** The fencing token this instance holds, or null when it does not hold the lease. */
  get token(): number | null {
    return this.heldToken;
  }

  /**
   * Renews the lease this instance holds, or acquires it when it is free or expired. True when
   * this instance holds it afterwards. Renewing a lease that expired but was not taken over
   * succeeds: no other instance published meanwhile, since none held it.
   */
  async acquireOrRenew(): Promise<boolean> {
    const now = this.options.clock.now().getTime();
    const expiresAt = now + this.options.leaseMs;
    const { name, holder } = this.options;
    if (this.heldToken !== null) {
      const renewed = await this.leases.updateOne({ _id: name, token: this.heldToken }, { $set: { expiresAt } });
      if (renewed.matchedCount === 1) return true;
      this.heldToken = null;
    }
    const current = await this.leases.findOne({ _id: name });
    if (current === null) {
      const position = (await this.options.previousCheckpoints?.load(name)) ?? null;
      try {
        await this.leases.insertOne({ _id: name, holder, token: 1, expiresAt, position });
      } catch (error) {
        if (error instanceof DuplicateKeyError) return false;
        throw error;
      }
      this.heldToken = 1;
      return true;
    }
    if (current.expiresAt > now) return false;
    // The expiry read is part of the condition: a renewal landing in between makes this match nothing.
    const taken = await this.leases.updateOne(
      { _id: name, token: current.token, expiresAt: current.expiresAt },
      { $set: { holder, token: current.token + 1, expiresAt } },
    );
    if (taken.matchedCount !== 1) return false;
    this.heldToken = current.token + 1;
    return true;
  }

  /** Lets another instance take over at once (a clean shutdown), if this one still holds it. */
  async release(): Promise<void> {
    const token = this.heldToken;
    if (token === null) return;
    this.heldToken = null;
    await this.leases.updateOne({ _id: this.options.name, token }, { $set: { expiresAt: 0 } });
  }

  /** The lease as stored, for operators and tests. */
  async read(): Promise<{ holder: string; token: number; expiresAt: Date; position: string | null } | null> {
    const document = await this.leases.findOne({ _id: this.options.name });
    return document && { holder: document.holder, token: document.token, expiresAt: new Date(document.expiresAt), position: document.position };
  }

  /**
   * The publisher's checkpoints under this lease. `save` is refused (CheckpointFencedOffError)
   * unless the stored token is still the one this instance acquired; `load` reads the position.
   */
  checkpoints(): CheckpointStore {
    return new FencedCheckpoints(this, this.leases);
  }

  /** @internal A refused save: the lease is no longer this instance's. */
  fencedOff(token: number): CheckpointFencedOffError {
    if (this.heldToken === token) this.heldToken = null;
    return new CheckpointFencedOffError(this.options.name, token);
  }
}

class FencedCheckpoints extends CheckpointStore {
  constructor(
    private readonly lease: PublisherLease,
    private readonly leases: ReadCollection<LeaseDocument>,
  ) {
    super();
  }

  override async load(name: string): Promise<string | null> {
    this.expectName(name);
    return (await this.leases.findOne({ _id: name }))?.position ?? null;
  }

  override async save(name: string, position: string): Promise<void> {
    this.expectName(name);
    const token = this.lease.token;
    if (token === null) throw this.lease.fencedOff(-1);
    const saved = await this.leases.updateOne({ _id: name, token }, { $set: { position } });
    if (saved.matchedCount !== 1) throw this.lease.fencedOff(token);
  }

  private expectName(name: string): void {
    if (name !== this.lease.name) throw new Error(`The lease on ${this.lease.name} keeps no checkpoint named ${name}`);
  }
}
