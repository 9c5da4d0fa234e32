import { createHash, randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/l/i: a code read off paper is typed without doubt. 31 symbols. */
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** Ten fresh codes such as `k7d2-9xqm-3fpa` (12 symbols, about 59 bits each), shown once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from({ length: GROUPS }, () => Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')).join('-'),
  );
}

/**
 * A code as stored and compared: case, spaces and dashes do not matter. SHA-256 rather than
 * argon2: each code is ~59 random bits, not a human choice, so no dictionary shortens a search
 * and a stolen hash costs 2^58 guesses on average; it is single-use, and online guesses are
 * throttled like passwords. A slow hash would only slow down the legitimate check.
 */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(normalizedRecoveryCode(code)).digest('hex');
}

function normalizedRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

