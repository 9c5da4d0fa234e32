import { Mailer } from './mailer';
import { parseRawMail } from '../../test/support/raw-mail';

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

    it('delivers each message once, in the order sent', async () => {
      for (const subjectLine of ['First', 'Second', 'Third']) await subject.mailer.send({ to: 'secretariat@example.fr', subject: subjectLine, text: 'x\n' });

      const delivered = await subject.delivered();
      expect(delivered.map((raw) => parseRawMail(raw).headers.get('subject'))).toEqual(['First', 'Second', 'Third']);
    });
  });
}
