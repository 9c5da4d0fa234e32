/**
 * Cents as French decimal euros, from integers only (no `cents / 100` float): 123456 → "1234,56",
 * or "1 234,56" with `grouped` (a no-break space between thousands, as printed in France).
 */
export function euros(cents: number, options: { readonly grouped?: boolean } = {}): string {
  const magnitude = Math.abs(cents);
  const whole = String((magnitude - (magnitude % 100)) / 100);
  const fraction = String(magnitude % 100).padStart(2, '0');
  const shownWhole = options.grouped ? whole.replace(/\B(?=(\d{3})+$)/g, '\u00a0') : whole;
  return `${cents < 0 ? '-' : ''}${shownWhole},${fraction}`;
}
