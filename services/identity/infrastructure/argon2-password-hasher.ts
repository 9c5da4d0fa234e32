import * as argon2 from 'argon2';
import { PasswordHasher } from '../application/ports';

/**
 * argon2id with OWASP's recommended memory cost (19 MiB, 2 passes). Tests may lower the cost
 * through the constructor; production never does.
 */
export class Argon2PasswordHasher extends PasswordHasher {
  constructor(private readonly cost: { memoryCost: number; timeCost: number } = { memoryCost: 19456, timeCost: 2 }) {
    super();
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, memoryCost: this.cost.memoryCost, timeCost: this.cost.timeCost, parallelism: 1 });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      // A malformed stored hash must read as "no match", never as a 500 that hints at it.
      return false;
    }
  }
}
