import { Mailer } from './mailer';
import { mailPartsOf, parseRawMail } from '../../test/support/raw-mail';

export interface MailerUnderTest {
  readonly mailer: Mailer;
  /** Raw RFC 5322 messages delivered so far, oldest first. */
  delivered(): Promise<readonly string[]>;
  stop(): Promise<void>;
}

const sender = 'Osteo platform <no-reply@osteo.test>';

/**
 * What every Mailer adapter promises, checked on what actually comes out of it: a message a
 * mail client reads, whose short ASCII lines (a temporary password's) read as is in the raw text.
 */
export function mailerContract(adapter: string, start: (from: string) => Promise<MailerUnderTest>): void {
  describe(`Mailer contract: ${adapter}`, () => {
    let subject: MailerUnderTest;

    beforeEach(async () => {
      subject = await start(sender);
    });

    afterEach(() => subject.stop());

    it('delivers an RFC 5322 message with sender, recipient, subject, date, message id and the plain text', async () => {
      await subject.mailer.send({ to: 'secretariat@example.fr', subject: 'Your access', text: 'Hello,\n\nWelcome.\n' });

      const [raw] = await subject.delivered();
      const { headers, body } = parseRawMail(raw);
      expect(headers.get('from')).toBe(sender);
      expect(headers.get('to')).toBe('secretariat@example.fr');
      expect(headers.get('subject')).toBe('Your access');
      expect(Date.parse(headers.get('date') ?? '')).not.toBeNaN();
      expect(headers.get('message-id')).toMatch(/^<[^<>@\s]+@osteo\.test>$/);
      expect(headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(body).toBe('Hello,\r\n\r\nWelcome.\r\n');
    });

    it('keeps a short ASCII line readable as is, even in a text that is mostly Cyrillic', async () => {
      const text = 'Доктор Ёлкина Эльвира дала вам доступ секретаря на платформе.\n\nTemporary password:\nAbcd2345EfghJKmn7890\n';
      await subject.mailer.send({ to: 'secretariat@example.fr', subject: 'Доступ', text });

      const [raw] = await subject.delivered();
      expect(parseRawMail(raw).headers.get('content-transfer-encoding')).toBe('quoted-printable');
      expect(raw).toContain('\r\nTemporary password:\r\nAbcd2345EfghJKmn7890\r\n');
    });

    it('sends a message with an HTML part as multipart/alternative: the text first, then the HTML, each readable whole', async () => {
      const html = '<!doctype html><html lang="fr"><body><p>Bonjour Zoë &amp; د. ليلى 王医生,</p><p>Mot de passe temporaire :<br>Abcd2345EfghJKmn7890</p></body></html>';
      const text = 'Bonjour Zoë & د. ليلى 王医生,\n\nMot de passe temporaire :\nAbcd2345EfghJKmn7890\n';
      await subject.mailer.send({ to: 'secretariat@example.fr', subject: 'Votre accès', text, html });

      const [raw] = await subject.delivered();
      const { headers, body } = parseRawMail(raw);
      expect(headers.get('content-type')).toMatch(/^multipart\/alternative; boundary="?[^"]+"?$/);
      const contentTypes = [...body.matchAll(/^Content-Type: ([^;\r\n]+)/gim)].map((match) => match[1]);
      expect(contentTypes).toEqual(['text/plain', 'text/html']);
      expect(mailPartsOf(raw)).toEqual({ text, html });
      expect(raw).toContain('\r\nAbcd2345EfghJKmn7890\r\n');
    });

    it('delivers each message once, in the order sent', async () => {
      for (const subjectLine of ['First', 'Second', 'Third']) await subject.mailer.send({ to: 'secretariat@example.fr', subject: subjectLine, text: 'x\n' });

      const delivered = await subject.delivered();
      expect(delivered.map((raw) => parseRawMail(raw).headers.get('subject'))).toEqual(['First', 'Second', 'Third']);
    });
  });
}
