import { availableParallelism } from 'node:os';
import * as argon2 from 'argon2';
import { PasswordHasher } from '../application/ports';

/**
 * argon2id with OWASP's recommended memory cost (19 MiB, 2 passes). Tests may lower the cost
 * through the constructor; production never does.
 *
 * At most one hash per core but one runs at a time: libuv's four threads would otherwise take
 * every core during a burst of logins or registrations, and every other request of the process
 * (the event loop) would wait behind them (docs/benchmarks.md, (h)).
 */
export class Argon2PasswordHasher extends PasswordHasher {
  private readonly slots: HashSlots;

  constructor(
    private readonly cost: { memoryCost: number; timeCost: number } = { memoryCost: 19456, timeCost: 2 },
    concurrentHashes = Math.max(1, availableParallelism() - 1),
  ) {
    super();
    this.slots = new HashSlots(concurrentHashes);
  }

  hash(password: string): Promise<string> {
    return this.slots.run(() => argon2.hash(password, { type: argon2.argon2id, memoryCost: this.cost.memoryCost, timeCost: this.cost.timeCost, parallelism: 1 }));
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await this.slots.run(() => argon2.verify(hash, password));
    } catch {
      // A malformed stored hash must read as "no match", never as a 500 that hints at it.
      return false;
    }
  }
}

/** A first-come, first-served limit on how many hashes run at once. */
export class HashSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
