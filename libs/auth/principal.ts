/** Who is calling, as proven by a verified access token. */
export interface Principal {
  readonly accountId: string;
  /** `main`: an osteopath's own account (may open cabinets, delegate); `specific`: a delegated one. */
  readonly kind: 'main' | 'specific';
  /** True while the account still holds a temporary password. */
  readonly mustChangePassword: boolean;
  /**
   * True while an owner the account works for requires two-factor sign-in and the account has
   * not enrolled (absent: false): only enrolment routes answer until then.
   */
  readonly mustEnrolTwoFactor?: boolean;
  /**
   * True while a provisioned account has not chosen the name it appears by (absent: false):
   * only /me, the name itself, two-factor, the password and logout answer until then.
   */
  readonly mustChooseDisplayName?: boolean;
}

/** The claims our access tokens carry; `sub` is the account id. */
export interface AccessTokenClaims {
  readonly sub: string;
  readonly mcp: boolean;
  /** Account kind; it never changes for an account. */
  readonly knd: 'main' | 'specific';
  /** Must enrol in two-factor sign-in first; absent when not. */
  readonly tfe?: boolean;
  /** Must choose a display name first; absent when not. */
  readonly dnr?: boolean;
  /** The login session the token was issued for: ending the session ends the token (EndedSessions). */
  readonly sid: string;
  /** Seconds, to the millisecond (a NumericDate may have a fraction, RFC 7519 section 2). */
  readonly iat: number;
  readonly exp: number;
}

export const ACCESS_TOKEN_ISSUER = 'osteo-identity';
export const ACCESS_TOKEN_AUDIENCE = 'osteo-platform';
/** Pinned: tokens signed with any other algorithm (or `none`) are refused. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';
