export interface IssuedAccessToken {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
}

/** Signs short-lived access tokens that every service verifies on its own. */
export abstract class AccessTokenIssuer {
  abstract issue(subject: { readonly accountId: string; readonly kind: 'main' | 'specific'; readonly mustChangePassword: boolean }): Promise<IssuedAccessToken>;
}
