/**
 * An IANA time zone (`Europe/Paris`, `America/Martinique`) as the runtime's `Intl` knows it,
 * spelt canonically (`europe/paris` → `Europe/Paris`, `America/Indiana/Indianapolis` →
 * `America/Indianapolis`), so that one zone is stored one way; null for anything else. Offsets
 * such as `+01:00`, which newer runtimes accept, are not zones: they ignore daylight saving time.
 */
export function ianaTimeZone(candidate: string): string | null {
  if (!/^[A-Za-z]/.test(candidate) || candidate.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: candidate }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
