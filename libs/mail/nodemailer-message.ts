import type { SendMailOptions } from 'nodemailer';
import type { MailMessage } from './mailer';

/**
 * What both mail adapters hand to nodemailer: with an HTML part, a multipart/alternative message
 * (text first, so a reader that cannot show HTML shows the text). The text is forced to quoted-printable whenever it
 * cannot go as plain 7-bit: left to choose, nodemailer takes base64 for text with more non-Latin
 * than Latin letters (an owner's name in Cyrillic, say), and then no line of the raw message,
 * not even the one carrying a temporary password, could be read as is. Quoted-printable leaves
 * short ASCII lines untouched.
 */
export function nodemailerMessage(from: string, message: MailMessage): SendMailOptions {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html === undefined ? {} : { html: message.html }),
    textEncoding: 'quoted-printable',
  };
}
