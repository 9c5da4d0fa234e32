import type { Period } from './period';

export type ExportFormat = 'csv' | 'pdf';

/**
 * The file name a download is saved under: the one the API gives in Content-Disposition
 * (`filename*=UTF-8''…` preferred over `filename="…"`), else `grand-livre-<from>-<to>.<ext>`.
 * Any path in it is dropped: a name, never a place.
 */
export function fileNameFromContentDisposition(header: string | null | undefined, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  let name: string | undefined;
  if (extended) {
    try {
      name = decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
    } catch {
      name = undefined;
    }
  }
  if (name === undefined) {
    const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
    const bare = /filename\s*=\s*([^;"\s]+)/i.exec(header);
    name = quoted ? quoted[1].replace(/\\(.)/g, '$1') : bare?.[1];
  }
  const safe = name
    ?.split(/[/\\]/)
    .pop()
    ?.split('')
    .filter((character) => character >= ' ')
    .join('')
    .trim();
  return safe && safe !== '.' && safe !== '..' ? safe : fallback;
}

export function fallbackExportName(format: ExportFormat, period: Period): string {
  return `grand-livre-${period.from}-${period.to}.${format}`;
}
