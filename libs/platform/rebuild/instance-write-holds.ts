/**
 * The rebuild's writer hold across the instances of a service (docs/adr/0002-rebuild-gate.md,
 * "Several instances"). Three collections of the service's read store:
 *
 * - `_write_gate_members`: `{ _id: instance, seenAt }`, written by every instance each period: who
 *   may have live writers;
 * - `_write_holds`: `{ _id: collection, holder, generation, expiresAt }`, one per held collection,
 *   written by the instance whose rebuild holds it, and renewed each period while it does;
 * - `_write_hold_acks`: `{ _id: '<collection>/<instance>', generation }`: this instance has stopped
 *   its new live writes to the collection and has none left in flight, for that hold.
 *
 * The rebuilding instance writes the hold, then waits until every member seen within
 * `memberTimeoutMs` has acknowledged its generation, then holds its own writers and swaps. Each
 * instance reads the holds each period, and for a hold of another instance holds its own gate
 * (which waits for the writes in flight), acknowledges, and keeps holding until the hold is gone
 * or expired. An instance reads the holds once before its live writers start.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MessagingLogger, ProjectionWriteGate, WriteHoldAcrossInstances } from '@osteo/messaging';
import { DuplicateKeyError, type ReadCollection, type ReadStore } from '@osteo/read-store';

export const WRITE_HOLDS_COLLECTION = '_write_holds';
const ACKS_COLLECTION = '_write_hold_acks';
const MEMBERS_COLLECTION = '_write_gate_members';

interface HoldDocument extends Record<string, unknown> {
  readonly _id: string;
  readonly holder: string;
  readonly generation: string;
  /** Unix ms: past it, the holder is taken for dead and the hold for released. */
  readonly expiresAt: number;
}

interface AckDocument extends Record<string, unknown> {
  readonly _id: string;
  readonly collection: string;
  readonly instance: string;
  readonly generation: string;
}

interface MemberDocument extends Record<string, unknown> {
  readonly _id: string;
  readonly seenAt: number;
}

export interface InstanceWriteHoldsOptions {
  readonly readStore: ReadStore;
  readonly gate: ProjectionWriteGate;
  /** This instance, unique among the running ones. */
  readonly instance: string;
  readonly clock: { now(): Date };
  /** How often an instance says it is alive, renews its holds and reads the others'. */
  readonly periodMs: number;
  /** An instance not seen for this long is not waited for, and its hold counts as released. */
  readonly memberTimeoutMs: number;
  /** How long a rebuild waits for the other instances to hold their writers before giving up. */
  readonly acknowledgeTimeoutMs: number;
  readonly logger: MessagingLogger;
}

interface Following {
  readonly generation: string;
  readonly release: () => void;
  readonly ended: Promise<void>;
}

export class InstanceWriteHolds implements WriteHoldAcrossInstances {
  private readonly holds: ReadCollection<HoldDocument>;
  private readonly acks: ReadCollection<AckDocument>;
  private readonly members: ReadCollection<MemberDocument>;
  /** Holds of other instances this one keeps, by collection. */
  private readonly following = new Map<string, Following>();
  /** This instance's own holds, by collection: their generation, renewed each period. */
  private readonly own = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();

  constructor(private readonly options: InstanceWriteHoldsOptions) {
    this.holds = options.readStore.collection<HoldDocument>(WRITE_HOLDS_COLLECTION);
    this.acks = options.readStore.collection<AckDocument>(ACKS_COLLECTION);
    this.members = options.readStore.collection<MemberDocument>(MEMBERS_COLLECTION);
  }

  /** Joins (and reads the holds in force) before the live writers start, then each period. */
  async start(): Promise<void> {
    await this.tick();
    const schedule = (): void => {
      this.timer = setTimeout(() => {
        void this.tick()
          .catch((error: unknown) => this.options.logger.log('warn', 'Reading the rebuild holds of the other instances failed; trying again next period', { error }))
          .finally(schedule);
      }, this.options.periodMs);
      this.timer.unref();
    };
    schedule();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const following of this.following.values()) following.release();
    await this.members.deleteOne({ _id: this.options.instance }).catch(() => undefined);
  }

  /** One period: say this instance is alive, renew its holds, follow the others'. Serial. */
  tick(): Promise<void> {
    this.ticking = this.ticking.catch(() => undefined).then(() => this.oneTick());
    return this.ticking;
  }

  async holdEverywhere<T>(collection: string, holdHere: () => Promise<T>): Promise<T> {
    const generation = randomUUID();
    await this.writeHold(collection, generation);
    this.own.set(collection, generation);
    try {
      await this.untilAcknowledged(collection, generation);
      return await holdHere();
    } finally {
      this.own.delete(collection);
      await this.holds.deleteOne({ _id: collection, generation });
    }
  }

  private async oneTick(): Promise<void> {
    const now = this.options.clock.now().getTime();
    const { instance, memberTimeoutMs } = this.options;
    await this.members.updateOne({ _id: instance }, { $set: { seenAt: now } }, { upsert: true });
    for (const [collection, generation] of this.own) {
      await this.holds.updateOne({ _id: collection, generation }, { $set: { expiresAt: now + memberTimeoutMs } });
    }
    const inForce = (await this.holds.find({})).filter((hold) => hold.holder !== instance && hold.expiresAt > now);
    for (const [collection, following] of this.following) {
      if (!inForce.some((hold) => hold._id === collection && hold.generation === following.generation)) await this.unfollow(collection);
    }
    for (const hold of inForce) {
      if (!this.following.has(hold._id)) this.follow(hold);
    }
  }

  /** Holds this instance's writers of the collection until the other instance's hold ends, acknowledging once they are drained. */
  private follow(hold: HoldDocument): void {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const ended = this.options.gate
      .holdHere(hold._id, async () => {
        await this.acks.updateOne(
          { _id: `${hold._id}/${this.options.instance}` },
          { $set: { collection: hold._id, instance: this.options.instance, generation: hold.generation } },
          { upsert: true },
        );
        await released;
      })
      .catch((error: unknown) => this.options.logger.log('warn', 'Holding this instance\'s writers for another instance\'s rebuild failed', { collection: hold._id, error }));
    this.following.set(hold._id, { generation: hold.generation, release, ended });
  }

  private async unfollow(collection: string): Promise<void> {
    const following = this.following.get(collection);
    if (following === undefined) return;
    this.following.delete(collection);
    following.release();
    await following.ended;
  }

  /** A hold of another instance past its expiry (its holder died) gives way; a live one refuses. */
  private async writeHold(collection: string, generation: string): Promise<void> {
    const now = this.options.clock.now().getTime();
    const hold: HoldDocument = { _id: collection, holder: this.options.instance, generation, expiresAt: now + this.options.memberTimeoutMs };
    try {
      await this.holds.insertOne(hold);
      return;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
    const current = await this.holds.findOne({ _id: collection });
    if (current !== null && current.expiresAt > now) throw new Error(`The live writes to ${collection} are already held by ${current.holder}`);
    const { matchedCount } = await this.holds.updateOne({ _id: collection, generation: current?.generation }, { $set: { holder: hold.holder, generation, expiresAt: hold.expiresAt } });
    if (matchedCount !== 1) throw new Error(`The live writes to ${collection} were held by another instance meanwhile`);
  }

  /** Until every instance seen lately has held its writers for this hold. */
  private async untilAcknowledged(collection: string, generation: string): Promise<void> {
    const { instance, memberTimeoutMs, acknowledgeTimeoutMs, periodMs } = this.options;
    const startedAt = this.options.clock.now().getTime();
    for (;;) {
      const now = this.options.clock.now().getTime();
      const members = (await this.members.find({ seenAt: { $gte: now - memberTimeoutMs } })).map((member) => member._id).filter((member) => member !== instance);
      const acknowledged = new Set((await this.acks.find({ collection, generation })).map((ack) => ack.instance));
      const waitingFor = members.filter((member) => !acknowledged.has(member));
      if (waitingFor.length === 0) return;
      if (now - startedAt > acknowledgeTimeoutMs) {
        throw new Error(`Instances ${waitingFor.join(', ')} did not hold their live writes to ${collection} within ${acknowledgeTimeoutMs} ms`);
      }
      await sleep(Math.max(10, Math.floor(periodMs / 4)));
    }
  }
}
