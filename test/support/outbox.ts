import { temporaryPasswordLabels } from '@osteo/mail';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The `.eml` messages the embedded profile wrote to DATA_DIR/outbox, oldest first. */
export function outboxMessages(dataDir: string): string[] {
  const outbox = join(dataDir, 'outbox');
  if (!existsSync(outbox)) return [];
  return readdirSync(outbox)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => readFileSync(join(outbox, name), 'utf8'));
}

/** The temporary password: the line right after its label, in the mail's language (ARCHITECTURE.md). */
export function temporaryPasswordIn(message: string): string | null {
  const lines = message.split(/\r?\n/);
  const label = lines.findIndex((line) => temporaryPasswordLabels.includes(line.trim()));
  return label >= 0 ? (lines[label + 1]?.trim() ?? null) : null;
}

export function recipientOf(message: string): string | null {
  return /^To:\s*(?:.*<)?([^<>\s]+@[^<>\s]+)>?\s*$/im.exec(message)?.[1]?.toLowerCase() ?? null;
}
