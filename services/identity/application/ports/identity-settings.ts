export abstract class IdentitySettings {
  abstract readonly refreshTokenTtlSeconds: number;
  /** Where people reach the platform, without a trailing slash: the base of links in mail. */
  abstract readonly publicUrl: string;
}
