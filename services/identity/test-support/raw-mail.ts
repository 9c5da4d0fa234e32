import { TEMPORARY_PASSWORD_LABEL } from '../application/provision-grantee/grantee-mails';

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

/** The line after the label, read from the raw message as a person opening it would. */
export function temporaryPasswordIn(raw: string): string {
  const match = new RegExp(`\\r\\n${TEMPORARY_PASSWORD_LABEL}\\r\\n([^\\r\\n]+)\\r\\n`).exec(raw);
  if (!match) throw new Error(`No temporary password after "${TEMPORARY_PASSWORD_LABEL}" in:\n${raw}`);
  return match[1];
}
