import { inflateSync } from 'node:zlib';

/**
 * The text a PDF made by pdfkit with embedded fonts shows, enough for a test to read what is
 * printed without a PDF library: each font's ToUnicode map is read, then the glyph ids of every
 * text-showing operator decoded with the font in force (pdfkit writes `/Fn size Tf`, then
 * `1 0 0 1 x y Tm` and `[<hex> kerning <hex>] TJ`). Runs on one baseline are joined, one line
 * of text per baseline. Right-to-left runs come out in drawing order (reversed).
 */
export function textOfPdf(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const objects = new Map<number, { dictionary: string; stream?: string }>();
  for (const match of source.matchAll(/(\d+) 0 obj\s*(<<[\s\S]*?>>)\s*(stream\r?\n)?/g)) {
    const length = /\/Length (\d+)/.exec(match[2]);
    let stream: string | undefined;
    if (match[3] !== undefined && length) {
      const start = match.index + match[0].length;
      const raw = Buffer.from(source.slice(start, start + Number(length[1])), 'latin1');
      stream = (/\/FlateDecode/.test(match[2]) ? inflateSync(raw) : raw).toString('latin1');
    }
    objects.set(Number(match[1]), { dictionary: match[2], stream });
  }
  const toUnicodeOf = (fontObject: number): Map<number, string> => {
    const reference = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontObject)?.dictionary ?? '');
    const cmap = new Map<number, string>();
    const text = reference ? (objects.get(Number(reference[1]))?.stream ?? '') : '';
    const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
    for (const [, first, last, targets] of text.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
      const list = [...targets.matchAll(/<([0-9a-f]+)>/gi)].map(([, hex]) => utf16(hex));
      for (let code = parseInt(first, 16); code <= parseInt(last, 16); code++) cmap.set(code, list[code - parseInt(first, 16)]);
    }
    return cmap;
  };
  const fontsByName = new Map<string, Map<number, string>>();
  for (const { dictionary } of objects.values()) {
    const fonts = /\/Font <<([^>]*)>>/.exec(dictionary);
    for (const [, name, object] of fonts ? fonts[1].matchAll(/\/(\w+) (\d+) 0 R/g) : []) if (!fontsByName.has(name)) fontsByName.set(name, toUnicodeOf(Number(object)));
  }
  const shown: string[] = [];
  for (const { stream } of objects.values()) {
    if (stream === undefined || !/\bTJ\b/.test(stream)) continue;
    let cmap = new Map<number, string>();
    let line = '';
    let lastY: string | null = null;
    for (const [, font, y, operands] of stream.matchAll(/\/(\w+) [\d.]+ Tf|1 0 0 -?1 [\d.]+ ([\d.]+) Tm|\[([^\]]*)\] TJ/g)) {
      if (font !== undefined) cmap = fontsByName.get(font) ?? new Map();
      else if (y !== undefined) {
        if (lastY !== null && y !== lastY) {
          shown.push(line);
          line = '';
        }
        lastY = y;
      } else {
        for (const [, hex] of operands.matchAll(/<([0-9a-f]*)>/gi)) for (let at = 0; at < hex.length; at += 4) line += cmap.get(parseInt(hex.slice(at, at + 4), 16)) ?? '?';
      }
    }
    shown.push(line);
  }
  return shown.join('\n');
}
