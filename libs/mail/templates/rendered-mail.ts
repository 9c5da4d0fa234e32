/** A mail as the templates make it: what MailMessage needs but the recipient. */
export interface RenderedMail {
  readonly subject: string;
  /** Plain text, lines separated by `\n`, ending with one. */
  readonly text: string;
  readonly html: string;
}

/** The plain-text part: paragraphs separated by a blank line. */
export function plainText(...paragraphs: readonly (string | null)[]): string {
  return `${paragraphs.filter((paragraph): paragraph is string => paragraph !== null).join('\n\n')}\n`;
}

/** The footer after the conventional signature separator ("-- "), which mail clients recognise. */
export function signedOff(footer: string): string {
  return `-- \n${footer}`;
}

/** A postal address typed over several lines, on one line (a plain-text fact line, an SMS). */
export function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ', ');
}
