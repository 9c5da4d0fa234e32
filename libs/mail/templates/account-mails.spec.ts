import { renderColleagueInvitation, renderGrantNotice, renderPasswordReset, temporaryPasswordLabels } from './account-mails';
import { mailLanguages } from './mail-language';
import type { RenderedMail } from './rendered-mail';

/** Names that break a careless template: markup, entities, quotes, accents, right-to-left and CJK scripts, a slot's own syntax. */
const hostileOwner = '<img src=x onerror=alert(1)> Dr Zoë O\'Brien & "Fils" د. ليلى 王医生 {{footer}}';
const hostileCabinet = 'Cabinet <b>des Lilas</b> — 北京 & عيادة';

function expectEscaped(mail: RenderedMail): void {
  expect(mail.html).not.toContain('<img src=x');
  expect(mail.html).not.toContain('<b>des Lilas</b>');
  expect(mail.html).not.toMatch(/<!--(if|end):/);
  expect(mail.html).not.toMatch(/\{\{(?!footer\}\})[\w-]+\}\}/);
}

describe('the account mails', () => {
  describe.each(mailLanguages)('in %s', (language) => {
    it('tell a new grantee who gave what, over which practices, with the temporary password alone on its line and the login link', () => {
      const mail = renderGrantNotice(language, {
        ownerName: hostileOwner,
        role: 'secretary',
        cabinetNames: [hostileCabinet, 'Cabinet du Port'],
        loginUrl: 'https://osteo.example.fr/connexion',
        temporaryPassword: 'Abcd2345EfghJKmn7890',
      });

      expect(mail.subject).toContain(hostileOwner);
      expect(mail.text).toContain(hostileOwner);
      expect(mail.text).toContain(`${hostileCabinet}, Cabinet du Port`);
      expect(mail.text).toMatch(new RegExp(`\\n${temporaryPasswordLabels[mailLanguages.indexOf(language)]}\\nAbcd2345EfghJKmn7890\\n`));
      expect(mail.text).toContain('\nhttps://osteo.example.fr/connexion\n');
      expectEscaped(mail);
      expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt; Dr Zoë O&#39;Brien &amp; &quot;Fils&quot; د. ليلى 王医生 {{footer}}');
      expect(mail.html).toContain('Cabinet &lt;b&gt;des Lilas&lt;/b&gt; — 北京 &amp; عيادة, Cabinet du Port');
      expect(mail.html).toContain('href="https://osteo.example.fr/connexion"');
      expect(mail.html).toContain('Abcd2345EfghJKmn7890');
      expect(mail.html).toContain(`<html lang="${language}"`);
    });

    it('tell an existing account of its new access, with no password and no practice list when none is known', () => {
      const mail = renderGrantNotice(language, { ownerName: 'Dr Hugo Petit', role: 'accountant', cabinetNames: [], loginUrl: 'https://osteo.example.fr/connexion', temporaryPassword: null });

      for (const label of temporaryPasswordLabels) {
        expect(mail.text).not.toContain(label);
        expect(mail.html).not.toContain(label);
      }
      expect(mail.text).toContain('Dr Hugo Petit');
      expectEscaped(mail);
    });

    it('send the reset link alone on its line, and as the button, escaped', () => {
      const link = 'https://osteo.example.fr/mot-de-passe/reinitialiser?token=acc-1.s3cr%C3%A9t&x=<y>';
      const mail = renderPasswordReset(language, { link, validMinutes: 30 });

      expect(mail.text).toContain(`\n${link}\n`);
      expect(mail.text).toContain('30');
      expect(mail.html).toContain('href="https://osteo.example.fr/mot-de-passe/reinitialiser?token=acc-1.s3cr%C3%A9t&amp;x=&lt;y&gt;"');
      expectEscaped(mail);
    });

    it('invite a colleague by the owner and practice names, linking to the practices page', () => {
      const mail = renderColleagueInvitation(language, { ownerName: hostileOwner, cabinetName: hostileCabinet, invitationsUrl: 'https://osteo.example.fr/cabinets' });

      expect(mail.subject).toContain(hostileOwner);
      expect(mail.subject).toContain(hostileCabinet);
      expect(mail.text).toContain('\nhttps://osteo.example.fr/cabinets\n');
      expect(mail.html).toContain('href="https://osteo.example.fr/cabinets"');
      expect(mail.html).toContain('Cabinet &lt;b&gt;des Lilas&lt;/b&gt; — 北京 &amp; عيادة');
      expectEscaped(mail);
    });
  });

  it('speak French and English', () => {
    const facts = { ownerName: 'Dr Claire Martin', cabinetName: 'Cabinet des Lilas', invitationsUrl: 'https://osteo.example.fr/cabinets' };
    expect(renderColleagueInvitation('fr', facts).subject).toBe('Dr Claire Martin vous invite à rejoindre le cabinet « Cabinet des Lilas »');
    expect(renderColleagueInvitation('en', facts).subject).toBe('Dr Claire Martin invites you to join the practice “Cabinet des Lilas”');
    expect(renderPasswordReset('fr', { link: 'https://x/r', validMinutes: 30 }).subject).toBe('Réinitialisation de votre mot de passe Osteo');
    expect(renderPasswordReset('en', { link: 'https://x/r', validMinutes: 30 }).subject).toBe('Reset your Osteo platform password');
  });
});
