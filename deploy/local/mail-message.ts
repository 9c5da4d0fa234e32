import { TextDecoder } from 'node:util';

/**
 * A received message as a mail client shows it, for the local mail UI (local-mail.ts): the
 * decoded subject and addresses, and the text and HTML bodies, from the raw RFC 5322 message.
 * Enough MIME for what the platform's mailer (nodemailer) and most clients send: nested
 * multiparts, quoted-printable and base64, RFC 2047 encoded words, any charset TextDecoder knows.
 */

export interface MailMessage {
  readonly subject: string;
  readonly from: string;
  readonly to: string;
  readonly date: string | null;
  readonly text: string | null;
  readonly html: string | null;
}

interface MimeEntity {
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
}

export function readMailMessage(raw: Buffer): MailMessage {
  const entity = parseEntity(raw);
  const header = (name: string) => decodeWords(entity.headers.get(name) ?? '');
  const bodies = { text: null as string | null, html: null as string | null };
  collectBodies(entity, bodies);
  return { subject: header('subject'), from: header('from'), to: header('to'), date: entity.headers.get('date') ?? null, ...bodies };
}

function parseEntity(raw: Buffer): MimeEntity {
  const text = raw.toString('latin1'); // byte for byte, so offsets are byte offsets
  const separator = /\r?\n\r?\n/.exec(text);
  const headEnd = separator ? separator.index : text.length;
  const bodyStart = separator ? separator.index + separator[0].length : text.length;
  const headers = new Map<string, string>();
  for (const field of text.slice(0, headEnd).replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = field.indexOf(':');
    // The first occurrence wins, as for Subject or Content-Type; only Received repeats, unread here.
    if (colon > 0 && !headers.has(field.slice(0, colon).trim().toLowerCase())) {
      headers.set(field.slice(0, colon).trim().toLowerCase(), Buffer.from(field.slice(colon + 1).trim(), 'latin1').toString('utf8'));
    }
  }
  return { headers, body: raw.subarray(bodyStart) };
}

function contentType(entity: MimeEntity): { type: string; parameters: Map<string, string> } {
  const [type = 'text/plain', ...rest] = (entity.headers.get('content-type') ?? 'text/plain').split(';');
  const parameters = new Map<string, string>();
  for (const parameter of rest) {
    const equals = parameter.indexOf('=');
    if (equals > 0) parameters.set(parameter.slice(0, equals).trim().toLowerCase(), parameter.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  return { type: type.trim().toLowerCase(), parameters };
}

/** The first text/plain and the first text/html that are not attachments, depth first. */
function collectBodies(entity: MimeEntity, bodies: { text: string | null; html: string | null }): void {
  const { type, parameters } = contentType(entity);
  const boundary = parameters.get('boundary');
  if (type.startsWith('multipart/') && boundary) {
    for (const part of splitMultipart(entity.body, boundary)) collectBodies(parseEntity(part), bodies);
    return;
  }
  if (/^attachment/i.test(entity.headers.get('content-disposition') ?? '')) return;
  const key = type === 'text/plain' ? 'text' : type === 'text/html' ? 'html' : null;
  if (key && bodies[key] === null) bodies[key] = decodeText(transferDecode(entity.body, entity.headers.get('content-transfer-encoding')), parameters.get('charset'));
}

function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const text = body.toString('latin1');
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(--)?[ \\t]*(?:\\r?\\n|$)`, 'g');
  const parts: Buffer[] = [];
  let partStart: number | null = null;
  for (const match of text.matchAll(delimiter)) {
    if (partStart !== null) parts.push(body.subarray(partStart, match.index));
    if (match[1] === '--') break;
    partStart = match.index + match[0].length;
  }
  return parts;
}

function transferDecode(body: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.toString('latin1').replace(/\s+/g, ''), 'base64');
    case 'quoted-printable':
      return decodeQuotedPrintable(body.toString('latin1'));
    default:
      return body;
  }
}

function decodeQuotedPrintable(text: string): Buffer {
  const unwrapped = text.replace(/[ \t]*=\r?\n/g, '');
  const bytes: number[] = [];
  for (let index = 0; index < unwrapped.length; index += 1) {
    const hex = unwrapped[index] === '=' ? unwrapped.slice(index + 1, index + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(unwrapped.charCodeAt(index) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function decodeText(bytes: Buffer, charset = 'utf-8'): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    decoder = new TextDecoder('utf-8'); // a charset TextDecoder does not know: UTF-8 is the likeliest
  }
  return decoder.decode(bytes).replace(/\r\n/g, '\n');
}

/** RFC 2047: `=?UTF-8?Q?Mot_de_passe_temporaire?=`, `=?UTF-8?B?…?=`; spaces between two words are dropped. */
export function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_word, charset: string, encoding: string, text: string) =>
      decodeText(encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQuotedPrintable(text.replace(/_/g, ' ')), charset.replace(/\*.*$/, '')),
    );
}
