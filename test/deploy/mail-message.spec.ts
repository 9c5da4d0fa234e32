import { createTransport } from 'nodemailer';
import { decodeWords, readMailMessage } from '../../deploy/local/mail-message';

/** The raw message nodemailer writes for these options, as the platform's mailer sends it. */
async function composed(options: Parameters<ReturnType<typeof createTransport>['sendMail']>[0]): Promise<Buffer> {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return (await transport.sendMail(options)).message as Buffer;
}

describe('reading a received message for the local mail UI', () => {
  it('decodes the subject, addresses and both bodies of a multipart/alternative message with accents', async () => {
    const text = 'Bonjour Sarah,\n\nMot de passe temporaire\nAbcd2345EfghJKmn7890\n\nÀ bientôt, l’équipe — ' + 'é'.repeat(120);
    const raw = await composed({
      from: 'Plateforme ostéo <no-reply@osteo.invalid>',
      to: 'Sarah Secrétariat <secretariat@example.fr>',
      subject: 'Votre accès à « Cabinet A » — mot de passe temporaire',
      text,
      html: '<p>Bonjour <strong>Sarah</strong>, à bientôt</p>',
    });
    expect(readMailMessage(raw)).toEqual({
      subject: 'Votre accès à « Cabinet A » — mot de passe temporaire',
      from: 'Plateforme ostéo <no-reply@osteo.invalid>',
      to: 'Sarah Secrétariat <secretariat@example.fr>',
      date: expect.any(String),
      text,
      html: '<p>Bonjour <strong>Sarah</strong>, à bientôt</p>',
    });
  });

  it('finds the bodies inside multipart/mixed and leaves attachments out', async () => {
    const raw = await composed({
      from: 'a@example.fr',
      to: 'b@example.fr',
      subject: 'Relevé',
      text: 'Voir la pièce jointe.',
      attachments: [{ filename: 'releve.txt', content: 'not the body', contentType: 'text/plain' }],
    });
    expect(readMailMessage(raw)).toMatchObject({ subject: 'Relevé', text: 'Voir la pièce jointe.', html: null });
  });

  it('reads a plain single-part message with no MIME headers at all', () => {
    expect(readMailMessage(Buffer.from('From: a@example.fr\r\nTo: b@example.fr\r\nSubject: hello\r\n\r\nline one\r\nline two\r\n'))).toEqual({
      subject: 'hello',
      from: 'a@example.fr',
      to: 'b@example.fr',
      date: null,
      text: 'line one\nline two\n',
      html: null,
    });
  });

  it('decodes encoded words in other charsets, and joins adjacent ones', () => {
    expect(decodeWords('=?ISO-8859-1?Q?R=E9sum=E9?= =?UTF-8?B?IGTigJlhY3Rpdml0w6k=?=')).toBe('Résumé d’activité');
  });
});
