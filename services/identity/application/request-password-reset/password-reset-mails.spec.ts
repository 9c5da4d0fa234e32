import { mailLanguages, passwordResetMail, passwordResetMailCatalog } from './password-reset-mails';

describe('password reset mail', () => {
  const link = 'https://cabinet.example.fr/mot-de-passe/reinitialiser?token=acc.secret';

  it.each(mailLanguages)('in %s: a subject, the link alone on its line, and how long it works', (language) => {
    const mail = passwordResetMail('claire@example.fr', link, 30, language);
    expect(mail.to).toBe('claire@example.fr');
    expect(mail.subject).toBe(passwordResetMailCatalog[language].subject);
    expect(mail.text.split('\n')).toContain(link);
    expect(mail.text).toContain('30 minutes');
  });

  it('speaks French by default in the catalog, English too', () => {
    expect(passwordResetMail('a@example.fr', link, 30, 'fr').subject).toBe('Réinitialisation de votre mot de passe Osteo');
    expect(passwordResetMail('a@example.fr', link, 30, 'en').subject).toBe('Reset your Osteo platform password');
  });
});
