import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it.each([
    ['too short', 'elevenchars', 'too-short'],
    ['long enough in any script', 'мой пароль тут', null],
    ['emoji count as one character each', '🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒', 'too-short'],
    ['a common one', 'Password1234', 'too-common'],
    ['one repeated character', 'aaaaaaaaaaaaaaaa', 'too-common'],
    ['the e-mail itself', 'claire@example.fr', 'same-as-email'],
    ['too long', 'x'.repeat(129), 'too-long'],
    ['a passphrase, no composition needed', 'correct horse battery staple', null],
  ])('%s', (_case, password, problem) => {
    expect(passwordProblem(password, 'Claire@Example.fr')).toBe(problem);
  });
});
