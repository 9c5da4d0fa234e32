import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** RCPT TO addresses of the SMTP envelope. */
  readonly recipients: readonly string[];
  /** The message as transmitted (RFC 5322, CRLF line ends). */
  readonly raw: string;
}

export interface RecordingSmtpServer {
  /** `smtp://127.0.0.1:<port>`, as SMTP_URL takes it. */
  readonly url: string;
  /** Every message accepted, in order of arrival. */
  readonly received: readonly ReceivedMail[];
  stop(): Promise<void>;
}

/** A real SMTP server on a random loopback port, without authentication, that keeps what it is sent. */
export async function startRecordingSmtpServer(): Promise<RecordingSmtpServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: offered STARTTLS, nodemailer would upgrade, then refuse the self-signed certificate.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ recipients: session.envelope.rcptTo.map((recipient) => recipient.address), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
