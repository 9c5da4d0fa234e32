export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  /** Plain text, lines separated by `\n`. */
  readonly text: string;
}

/** Sends e-mail: through SMTP, or as `.eml` files in an outbox directory (the embedded profile). */
export abstract class Mailer {
  /** Resolves once the message is handed over: accepted by the SMTP server, or written. */
  abstract send(message: MailMessage): Promise<void>;
}
