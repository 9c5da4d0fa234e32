/**
 * Password rules in the spirit of NIST SP 800-63B: length matters, composition rules do not.
 * At least 12 characters (counted as Unicode code points, so any script works), at most 128,
 * not a well-known password, and not the e-mail address itself.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** The passwords that lead every breach corpus, padded to the minimum length by users. */
const commonPasswords = new Set([
  '123456789012', '1234567890123', '12345678901234', '111111111111', '000000000000',
  'passwordpassword', 'password1234', 'password12345', 'password123456', 'qwertyuiopas',
  'qwerty123456', 'azertyuiopqs', 'azerty123456', 'motdepasse123', 'motdepasse1234',
  'iloveyou1234', 'adminadmin123', 'administrator', 'letmein12345', 'welcome12345',
  'abcdefghijkl', 'abc123456789', 'osteopathie1', 'osteopathe123', 'changeme1234',
]);

export type PasswordProblem = 'too-short' | 'too-long' | 'too-common' | 'same-as-email';

export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too-short';
  if (length > PASSWORD_MAX_LENGTH) return 'too-long';
  const folded = password.toLowerCase();
  if (commonPasswords.has(folded) || /^(.)\1+$/u.test(password)) return 'too-common';
  if (email && folded === email.trim().toLowerCase()) return 'same-as-email';
  return null;
}

export const passwordProblemMessages: Readonly<Record<PasswordProblem, string>> = {
  'too-short': `password must be at least ${PASSWORD_MIN_LENGTH} characters long`,
  'too-long': `password must be at most ${PASSWORD_MAX_LENGTH} characters long`,
  'too-common': 'password is too common; choose a longer or less predictable one',
  'same-as-email': 'password must not be the e-mail address',
};
