import { passwordProblem } from '../../domain/password-policy';
import { TEMPORARY_PASSWORD_ALPHABET, TEMPORARY_PASSWORD_LENGTH, newTemporaryPassword } from './temporary-password';

describe('temporary passwords', () => {
  const drawn = Array.from({ length: 500 }, newTemporaryPassword);

  it('are 20 characters from an alphabet without look-alikes', () => {
    expect(TEMPORARY_PASSWORD_LENGTH).toBeGreaterThanOrEqual(16);
    expect(TEMPORARY_PASSWORD_ALPHABET).not.toMatch(/[0O1Iil]/);
    for (const password of drawn) expect(password).toMatch(new RegExp(`^[${TEMPORARY_PASSWORD_ALPHABET}]{${TEMPORARY_PASSWORD_LENGTH}}$`));
  });

  it('never repeat, and use the whole alphabet', () => {
    expect(new Set(drawn).size).toBe(drawn.length);
    expect(new Set(drawn.join('')).size).toBe(TEMPORARY_PASSWORD_ALPHABET.length);
  });

  it('pass the password policy the holder will be held to', () => {
    for (const password of drawn) expect(passwordProblem(password)).toBeNull();
  });
});
