import { createHash, randomBytes } from 'node:crypto';

/**
 * A password-reset token is `<accountId>.<secret>`: the secret is 256 random bits, and only its
 * SHA-256 is stored (on the account's stream). The account id says which stream to check.
 */
export interface ParsedPasswordResetToken {
  readonly accountId: string;
  readonly secretHash: string;
}

const passwordResetTokenPattern = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

export function newPasswordResetToken(accountId: string): { token: string; secretHash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${accountId}.${secret}`, secretHash: hashOfSecret(secret) };
}

/** Null for anything that cannot be a token this service issued. */
export function parsePasswordResetToken(token: string): ParsedPasswordResetToken | null {
  const match = passwordResetTokenPattern.exec(token);
  return match ? { accountId: match[1], secretHash: hashOfSecret(match[2]) } : null;
}

function hashOfSecret(secret: string): string {
  // 256 random bits need no slow hash: nobody can guess the secret from its SHA-256.
  return createHash('sha256').update(secret).digest('hex');
}
