/**
 * The secret access tokens are signed and verified with. Provided by the process's composition
 * (from the environment, or generated and kept under DATA_DIR in the embedded profile).
 */
export abstract class TokenSigningKey {
  abstract readonly secret: string;
}

export class StaticTokenSigningKey extends TokenSigningKey {
  constructor(readonly secret: string) {
    super();
    if (Buffer.byteLength(secret) < 32) throw new Error('The token signing secret must be at least 32 bytes long');
  }
}
