import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger, type LoggerService } from '@nestjs/common';
import { SmsSender, type SmsMessage } from './sms-sender';
import { assertE164 } from './sms-payload';

/** What an outbox file holds: the message as it would have gone. */
export interface OutboxSms {
  readonly reference: string;
  readonly to: string;
  readonly text: string;
}

/** A reference names a file: letters, digits, `.`, `_`, `-`, not starting with a dot. */
const FILE_SAFE_REFERENCE = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/**
 * SMS as JSON files, one per message, in a directory (the embedded profile: no aggregator to
 * sign up with). The file is named by the message's reference, so the same message written twice
 * (a retry after a crash) is still one file.
 */
export class OutboxDirectorySmsSender extends SmsSender {
  constructor(
    private readonly settings: { readonly directory: string },
    private readonly logger: Pick<LoggerService, 'log'> = new Logger('sms'),
  ) {
    super();
  }

  async send(message: SmsMessage): Promise<void> {
    assertE164(message.to);
    if (!FILE_SAFE_REFERENCE.test(message.reference)) throw new Error(`An SMS reference names its outbox file: ${JSON.stringify(message.reference)} cannot`);
    const content: OutboxSms = { reference: message.reference, to: message.to, text: message.text };
    // Owner-only: patients' numbers.
    await mkdir(this.settings.directory, { recursive: true, mode: 0o700 });
    const file = join(this.settings.directory, `${message.reference}.json`);
    // Written aside then renamed over: a reader never sees half a message, and two writers of the
    // same message each leave a whole file. The dot hides the partial file from `*.json`.
    const partial = join(this.settings.directory, `.${message.reference}.${randomBytes(4).toString('hex')}.partial`);
    try {
      await writeFile(partial, `${JSON.stringify(content, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    this.logger.log(`SMS ${message.reference} written to ${file}`);
  }
}
