import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import { AddressInfo, Server as NetServer } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { readMailMessage } from './mail-message';

/**
 * The mail catcher of `npm run start:distributed`, as Mailpit is docker-compose's: an SMTP server
 * that accepts every message (no authentication, no relaying) and a web page listing them, both on
 * 127.0.0.1 only. Messages are kept as `.eml` files with the envelope beside them, so they outlive
 * a restart. smtp-server is a development dependency: this runs from a full `npm ci`, never in the
 * production image.
 */

export interface LocalMailOptions {
  /** Where the messages are kept: `<id>.eml` and `<id>.json` (arrival time and envelope). */
  readonly directory: string;
  /** 0: a port the system picks. */
  readonly smtpPort: number;
  readonly uiPort: number;
}

export interface LocalMail {
  /** `smtp://127.0.0.1:<port>`, as SMTP_URL takes it. */
  readonly smtpUrl: string;
  /** The page listing the messages; `/api/messages` lists them as JSON. */
  readonly uiUrl: string;
  stop(): Promise<void>;
}

export interface StoredMailSummary {
  readonly id: string;
  readonly receivedAt: string;
  readonly envelope: { readonly from: string | null; readonly to: readonly string[] };
  readonly subject: string;
  readonly from: string;
  readonly to: string;
}

const LOOPBACK = '127.0.0.1';
const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export async function startLocalMail(options: LocalMailOptions): Promise<LocalMail> {
  mkdirSync(options.directory, { recursive: true });
  const smtp = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: offered STARTTLS, nodemailer would upgrade, then refuse a self-signed certificate.
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) return done(Object.assign(new Error('Message too large'), { responseCode: 552 }));
        const mailFrom = session.envelope.mailFrom;
        storeMessage(options.directory, Buffer.concat(chunks), {
          from: mailFrom ? mailFrom.address : null,
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
        });
        done();
      });
    },
  });
  await listen(smtp.server, options.smtpPort, 'MAIL_SMTP_PORT', smtp);
  // smtp-server re-emits its sockets' errors; unheard, one would end the whole supervisor.
  smtp.on('error', (error: Error) => console.error(`local mail: ${error.message}`));
  const ui = createServer((request, response) => serveUi(options.directory, request, response));
  try {
    await listen(ui, options.uiPort, 'MAIL_UI_PORT');
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw error;
  }
  return {
    smtpUrl: `smtp://${LOOPBACK}:${(smtp.server.address() as AddressInfo).port}`,
    uiUrl: `http://${LOOPBACK}:${(ui.address() as AddressInfo).port}`,
    stop: async () => {
      ui.closeAllConnections();
      await Promise.all([new Promise<void>((resolve) => smtp.close(() => resolve())), new Promise<void>((resolve) => ui.close(() => resolve()))]);
    },
  };
}

/** `errors`: where the server's errors are heard (smtp-server re-emits its net server's on itself). */
function listen(server: NetServer, port: number, variable: string, errors: EventEmitter = server): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(new Error(error.code === 'EADDRINUSE' ? `Port ${port} on ${LOOPBACK} is taken (another mail catcher?); set ${variable} to another port` : error.message));
    };
    const onListening = () => {
      errors.off('error', onError);
      resolve();
    };
    errors.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, LOOPBACK);
  });
}

function storeMessage(directory: string, raw: Buffer, envelope: StoredMailSummary['envelope']): void {
  const receivedAt = new Date();
  // Sortable by arrival; the random part keeps two in the same millisecond apart.
  const id = `${receivedAt.getTime()}-${randomBytes(4).toString('hex')}`;
  writeFileSync(join(directory, `${id}.eml`), raw);
  writeFileSync(join(directory, `${id}.json`), `${JSON.stringify({ receivedAt: receivedAt.toISOString(), envelope })}\n`);
}

const MESSAGE_ID = /^[0-9]+-[0-9a-f]{8}$/;

/** Newest first. */
export function storedMessages(directory: string): StoredMailSummary[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json') && MESSAGE_ID.test(file.slice(0, -5)))
    .sort()
    .reverse()
    .map((file) => summaryOf(directory, file.slice(0, -5)));
}

function summaryOf(directory: string, id: string): StoredMailSummary {
  const { receivedAt, envelope } = JSON.parse(readFileSync(join(directory, `${id}.json`), 'utf8')) as Pick<StoredMailSummary, 'receivedAt' | 'envelope'>;
  const { subject, from, to } = readMailMessage(readFileSync(join(directory, `${id}.eml`)));
  return { id, receivedAt, envelope, subject, from, to };
}

function serveUi(directory: string, request: IncomingMessage, response: ServerResponse): void {
  const path = new URL(request.url ?? '/', 'http://local').pathname;
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
  if (path === '/') return send(response, 200, 'text/html; charset=utf-8', listPage(storedMessages(directory)));
  if (path === '/api/messages') return send(response, 200, 'application/json', JSON.stringify(storedMessages(directory)));
  const match = /^\/api\/messages\/([^/]+)(\/raw|\/html)?$/.exec(path);
  if (!match || !MESSAGE_ID.test(match[1]) || !existsSync(join(directory, `${match[1]}.eml`))) return send(response, 404, 'text/plain; charset=utf-8', 'No such message\n');
  const [, id, view] = match;
  const raw = readFileSync(join(directory, `${id}.eml`));
  if (view === '/raw') return send(response, 200, 'text/plain; charset=utf-8', raw);
  const message = readMailMessage(raw);
  // The HTML body as the recipient's client would render it, sandboxed: no script, no request out.
  if (view === '/html') return send(response, 200, 'text/html; charset=utf-8', message.html ?? '', "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
  return send(response, 200, 'application/json', JSON.stringify({ ...summaryOf(directory, id), date: message.date, text: message.text, html: message.html }));
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, policy = "default-src 'none'; style-src 'unsafe-inline'"): void {
  response.writeHead(status, { 'content-type': type, 'content-security-policy': policy, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
  response.end(body);
}

function listPage(messages: readonly StoredMailSummary[]): string {
  const rows = messages.map(
    (message) =>
      `<tr><td>${escapeHtml(message.receivedAt)}</td><td>${escapeHtml(message.envelope.to.join(', '))}</td><td>${escapeHtml(message.subject)}</td>` +
      `<td><a href="/api/messages/${message.id}/html">HTML</a> · <a href="/api/messages/${message.id}">text</a> · <a href="/api/messages/${message.id}/raw">raw</a></td></tr>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Local mail (${messages.length})</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border-bottom:1px solid #ccc;padding:.3em .8em;text-align:left}</style></head>
<body><h1>Local mail: ${messages.length} message${messages.length === 1 ? '' : 's'}, newest first</h1>
<p>Every message the distributed platform sent through SMTP on this machine; nothing is delivered further. Reload to see new ones.</p>
<table><thead><tr><th>Received</th><th>To</th><th>Subject</th><th>Open</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
