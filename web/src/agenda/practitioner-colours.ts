/**
 * One colour per practitioner, dark enough for white event text (WCAG AA, 4.5:1 at least), and
 * far enough apart to tell neighbours in the week apart. The legend names each one: the colour
 * is never the only way to know whose appointment it is.
 */
export const practitionerPalette: readonly string[] = [
  '#0b7285', // cyan
  '#5f3dc4', // violet
  '#a61e4d', // raspberry
  '#1864ab', // blue
  '#2b6a2f', // green
  '#9c3d00', // rust
  '#862e9c', // grape
  '#364fc7', // indigo
  '#6b5900', // olive
  '#495057', // slate
];

/** For appointments of someone who no longer practises in the cabinet. */
export const unknownPractitionerColour = '#343a40';

/** The colour of each practitioner, by their place in the cabinet's list (stable from one week to the next). */
export function practitionerColours(accountIds: readonly string[]): ReadonlyMap<string, string> {
  return new Map(accountIds.map((accountId, index) => [accountId, practitionerPalette[index % practitionerPalette.length]]));
}

/** WCAG 2 contrast ratio between two `#rrggbb` colours. */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a);
  return (lighter + 0.05) / (darker + 0.05);
}

function relativeLuminance(hex: string): number {
  const channels = [1, 3, 5].map((index) => Number.parseInt(hex.slice(index, index + 2), 16) / 255);
  const [red, green, blue] = channels.map((value) => (value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4));
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}
