/**
 * E-mail addresses are unique case-insensitively (PRODUCT.md). The whole address is lower-cased:
 * providers treat local parts case-insensitively in cabinet, and two accounts differing only by
 * case would be a support and security trap.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
