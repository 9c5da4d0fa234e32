import { mailLanguages, passwordResetMail } from './password-reset-mails';

describe('password reset mail', () => {
  const link = 'https://cabinet.example.fr/mot-de-passe/reinitialiser?token=acc.secret';

  it.each(mailLanguages)('in %s: a subject, the link alone on its line and as the button, and how long it works', (language) => {
    const mail = passwordResetMail('claire@example.fr', link, 30, language);
    expect(mail.to).toBe('claire@example.fr');
    expect(mail.text.split('\n')).toContain(link);
    expect(mail.text).toContain('30 minutes');
    expect(mail.html).toContain(`href="${link}"`);
  });

  it('speaks French and English', () => {
    expect(passwordResetMail('a@example.fr', link, 30, 'fr').subject).toBe('Réinitialisation de votre mot de passe Osteo');
    expect(passwordResetMail('a@example.fr', link, 30, 'en').subject).toBe('Reset your Osteo platform password');
  });
});
