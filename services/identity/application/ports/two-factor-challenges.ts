/** What a challenge stands for: the password of this account was right, under this password version. */
export interface TwoFactorChallengeSubject {
  readonly accountId: string;
  readonly passwordVersion: number;
}

export interface IssuedTwoFactorChallenge {
  readonly challengeToken: string;
  readonly expiresInSeconds: number;
}

/**
 * The proof, between the two steps of a two-factor login, that the first one passed: signed,
 * short-lived and good for nothing else (never accepted as an access token, and an access token
 * is never accepted as a challenge).
 */
export abstract class TwoFactorChallenges {
  abstract issue(subject: TwoFactorChallengeSubject): Promise<IssuedTwoFactorChallenge>;
  /** The subject of a challenge this service issued and that has not expired; null otherwise. */
  abstract verify(challengeToken: string): Promise<TwoFactorChallengeSubject | null>;
}
