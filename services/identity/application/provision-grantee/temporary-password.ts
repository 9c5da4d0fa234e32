import { randomInt } from 'node:crypto';

/** Letters and digits nobody misreads when copying from a mail: no 0/O/o, no 1/I/i/l. */
export const TEMPORARY_PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';

/** 20 characters drawn from 55: about 115 bits, far beyond guessing, throttled or not. */
export const TEMPORARY_PASSWORD_LENGTH = 20;

/** A new temporary password; `randomInt` draws without modulo bias from the system's CSPRNG. */
export function newTemporaryPassword(): string {
  return Array.from({ length: TEMPORARY_PASSWORD_LENGTH }, () => TEMPORARY_PASSWORD_ALPHABET[randomInt(TEMPORARY_PASSWORD_ALPHABET.length)]).join('');
}
