import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger, type LoggerService } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { Mailer, type MailMessage } from './mailer';
import { nodemailerMessage } from './nodemailer-message';

/**
 * Mail as RFC 5322 `.eml` files, one per message, in a directory (the embedded profile: nothing
 * to install, and any mail client opens them). nodemailer composes the message exactly as it
 * would send it; its stream transport only hands it back instead of sending it.
 */
export class OutboxDirectoryMailer extends Mailer {
  private readonly composer = createTransport({ streamTransport: true, newline: 'windows' });
  private lastMillisecond = 0;
  private sequenceInMillisecond = 0;

  constructor(
    private readonly settings: { readonly directory: string; readonly from: string },
    private readonly logger: Pick<LoggerService, 'log'> = new Logger('mailer'),
  ) {
    super();
  }

  async send(message: MailMessage): Promise<void> {
    const composed = await this.composer.sendMail(nodemailerMessage(this.settings.from, message));
    // Owner-only: the messages carry temporary passwords.
    await mkdir(this.settings.directory, { recursive: true, mode: 0o700 });
    const file = join(this.settings.directory, `${this.nextFileStem()}.eml`);
    // Written aside then renamed, so whoever watches the directory never reads half a message.
    await writeFile(`${file}.partial`, composed.message, { flag: 'wx', mode: 0o600 });
    await rename(`${file}.partial`, file);
    this.logger.log(`Mail "${message.subject}" to ${message.to} written to ${file}`);
  }

  /**
   * Names sort in the order written: the time to the millisecond (ISO-8601, file-name safe), then
   * a counter within that millisecond. The random part keeps two processes' names apart.
   */
  private nextFileStem(): string {
    const now = new Date();
    this.sequenceInMillisecond = now.getTime() === this.lastMillisecond ? this.sequenceInMillisecond + 1 : 0;
    this.lastMillisecond = now.getTime();
    return `${now.toISOString().replace(/[:.]/g, '-')}-${String(this.sequenceInMillisecond).padStart(4, '0')}-${randomBytes(4).toString('hex')}`;
  }
}
