/** RFC 6238 time-based codes, as authenticator apps compute them (SHA-1, 6 digits, 30 s). */
export abstract class OneTimePasswords {
  /** A new random secret, Base32 as apps expect it. */
  abstract newSecret(): string;
  /** The `otpauth://totp/…` URI an app reads from the QR code. */
  abstract provisioningUri(secret: string, accountLabel: string): string;
  /**
   * The time step the code matches at `now`, one step of clock drift allowed either way; null
   * when it matches none. Replays are the caller's to refuse (the account remembers the last step).
   */
  abstract matchingTimeStep(secret: string, code: string, now: Date): Promise<number | null>;
}
