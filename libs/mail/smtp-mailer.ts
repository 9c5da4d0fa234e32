import { Logger, type LoggerService } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { Mailer, type MailMessage } from './mailer';
import { nodemailerMessage } from './nodemailer-message';

/**
 * Mail through an SMTP server (the distributed profile). One connection per message: mail is
 * rare here (a grant, a password), so a pool would only hold idle connections open.
 */
export class SmtpMailer extends Mailer {
  private readonly transport: ReturnType<typeof createTransport>;

  constructor(
    private readonly settings: { readonly url: string; readonly from: string },
    private readonly logger: Pick<LoggerService, 'log'> = new Logger('mailer'),
  ) {
    super();
    this.transport = createTransport(settings.url);
  }

  async send(message: MailMessage): Promise<void> {
    const sent = await this.transport.sendMail(nodemailerMessage(this.settings.from, message));
    this.logger.log(`Mail "${message.subject}" to ${message.to} accepted by the SMTP server as ${sent.messageId}`);
  }
}
