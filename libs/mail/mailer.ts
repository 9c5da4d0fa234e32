export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  /** Plain text, lines separated by `\n`: the part every mail has, and all a text-only reader sees. */
  readonly text: string;
  /** The same message as HTML (libs/mail/templates): sent with the text as multipart/alternative. */
  readonly html?: string;
}

/** Sends e-mail: through SMTP, or as `.eml` files in an outbox directory (the embedded profile). */
export abstract class Mailer {
  /** Resolves once the message is handed over: accepted by the SMTP server, or written. */
  abstract send(message: MailMessage): Promise<void>;
}
