export interface IssuedAccessToken {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
}

/** Signs short-lived access tokens that every service verifies on its own. */
export abstract class AccessTokenIssuer {
  abstract issue(subject: {
    readonly accountId: string;
    readonly kind: 'main' | 'specific';
    readonly mustChangePassword: boolean;
    readonly mustEnrolTwoFactor: boolean;
    /** A provisioned account that has not named itself yet (ACCOUNT.DISPLAY_NAME_REQUIRED elsewhere). */
    readonly mustChooseDisplayName: boolean;
    /** The login session the token belongs to: ending it ends the token in every service. */
    readonly sessionId: string;
    /** To the millisecond: a token issued just after a password change must not pass for one issued before it. */
    readonly issuedAt: Date;
  }): Promise<IssuedAccessToken>;
}
