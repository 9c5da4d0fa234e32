import { createTransport } from 'nodemailer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalMail } from '../../deploy/local/local-mail';

/** The mail catcher `npm run start:distributed` runs, over real SMTP and HTTP on loopback. */
describe('local mail catcher (deploy/local/local-mail.ts)', () => {
  it('accepts a message over SMTP, keeps it on disk, and lists it on its page and API, also after a restart', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'local-mail-'));
    let mail = await startLocalMail({ directory, smtpPort: 0, uiPort: 0 });
    try {
      expect(mail.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
      expect(mail.uiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const transport = createTransport(mail.smtpUrl);
      await transport.sendMail({
        from: 'Osteo platform <no-reply@osteo.invalid>',
        to: 'secretariat@example.fr',
        bcc: 'archive@example.fr',
        subject: 'Mot de passe <script>alert(1)</script>',
        text: 'Mot de passe temporaire\nAbcd2345EfghJKmn7890\n',
        html: '<p>Mot de passe temporaire</p><script>alert(1)</script>',
      });
      transport.close();

      await mail.stop();
      mail = await startLocalMail({ directory, smtpPort: 0, uiPort: 0 });
      const listed = await (await fetch(`${mail.uiUrl}/api/messages`)).json();
      expect(listed).toEqual([
        {
          id: expect.stringMatching(/^\d+-[0-9a-f]{8}$/),
          receivedAt: expect.any(String),
          envelope: { from: 'no-reply@osteo.invalid', to: ['secretariat@example.fr', 'archive@example.fr'] },
          subject: 'Mot de passe <script>alert(1)</script>',
          from: 'Osteo platform <no-reply@osteo.invalid>',
          to: 'secretariat@example.fr',
        },
      ]);
      const opened = await (await fetch(`${mail.uiUrl}/api/messages/${listed[0].id}`)).json();
      expect(opened.text).toBe('Mot de passe temporaire\nAbcd2345EfghJKmn7890\n');

      const page = await fetch(mail.uiUrl);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await page.text();
      expect(html).toContain('Mot de passe &#60;script&#62;alert(1)&#60;/script&#62;');
      expect(html).not.toContain('<script>');
      const rendered = await fetch(`${mail.uiUrl}/api/messages/${listed[0].id}/html`);
      expect(rendered.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
      expect((await fetch(`${mail.uiUrl}/api/messages/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    } finally {
      await mail.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('names the variable to change when its port is taken', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'local-mail-'));
    const first = await startLocalMail({ directory, smtpPort: 0, uiPort: 0 });
    try {
      const smtpPort = Number(new URL(first.smtpUrl).port);
      await expect(startLocalMail({ directory, smtpPort, uiPort: 0 })).rejects.toThrow(`Port ${smtpPort} on 127.0.0.1 is taken (another mail catcher?); set MAIL_SMTP_PORT to another port`);
    } finally {
      await first.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
