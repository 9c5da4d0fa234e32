export abstract class IdentitySettings {
  abstract readonly refreshTokenTtlSeconds: number;
}
