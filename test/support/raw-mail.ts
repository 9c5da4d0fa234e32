import { temporaryPasswordLabels } from '@osteo/mail';

/** A raw RFC 5322 message as a reader sees it: unfolded header fields (names lower-cased) and the body. */
export interface RawMail {
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
}

export function parseRawMail(raw: string): RawMail {
  const headerEnd = raw.indexOf('\r\n\r\n');
  if (headerEnd < 0) throw new Error('Not an RFC 5322 message: no empty line after the header');
  const fields = raw
    .slice(0, headerEnd)
    .replace(/\r\n(?=[ \t])/g, '')
    .split('\r\n')
    .map((field): [string, string] => {
      const colon = field.indexOf(':');
      return [field.slice(0, colon).toLowerCase(), field.slice(colon + 1).trim()];
    });
  return { headers: new Map(fields), body: raw.slice(headerEnd + 4) };
}

/** The line after the label (in whichever language the mail is), read from the raw message as a person opening it would. */
export function temporaryPasswordIn(raw: string): string {
  const match = new RegExp(`\\r\\n(?:${temporaryPasswordLabels.join('|')})\\r\\n([^\\r\\n]+)\\r\\n`).exec(raw);
  if (!match) throw new Error(`No temporary password after "${temporaryPasswordLabels.join('" or "')}" in:\n${raw}`);
  return match[1];
}

/** A header as a mail client shows it: RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`), as nodemailer writes a non-ASCII subject, decoded. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_word, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

/** A body as a mail client shows it (quoted-printable or base64 decoded, LF line ends). */
export function decodeBody(body: string, transferEncoding: string | undefined): string {
  const encoding = transferEncoding?.toLowerCase();
  const decoded = encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  return decoded.replace(/\r\n/g, '\n');
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}

/**
 * The text and HTML parts of a message as a mail client shows them: a multipart/alternative
 * message's two parts, or a single-part message's body as its text (html null).
 */
export function mailPartsOf(raw: string): { readonly text: string; readonly html: string | null } {
  const { headers, body } = parseRawMail(raw);
  const boundary = /multipart\/alternative;\s*boundary="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1];
  if (boundary === undefined) return { text: decodeBody(body, headers.get('content-transfer-encoding')), html: null };
  const parts = body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => parseRawMail(part.replace(/^\r\n/, '')));
  const decoded = (type: string): string | null => {
    const part = parts.find((candidate) => (candidate.headers.get('content-type') ?? '').startsWith(type));
    return part ? decodeBody(part.body.replace(/\r\n$/, ''), part.headers.get('content-transfer-encoding')) : null;
  };
  const text = decoded('text/plain');
  if (text === null) throw new Error(`No text/plain part in:\n${raw}`);
  return { text, html: decoded('text/html') };
}
