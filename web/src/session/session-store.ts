/*
 * The browser session. The access token lives in this object only (never in localStorage or
 * sessionStorage); the refresh token is an HttpOnly cookie the script never sees, sent by the
 * browser to /api/v1/auth only, and only with the custom header below (a cross-site page cannot
 * set it: the CSRF guard). Tabs of one browser share the cookie, so they also share refreshes:
 * a Web Lock serialises them (two tabs presenting the same refresh token would look like a
 * stolen token and end the session), and a BroadcastChannel tells the other tabs about logins
 * and logouts.
 */
import { ApiError, apiErrorFrom } from '../api/api-error';

export const REFRESH_TRANSPORT_HEADER = 'X-Refresh-Token-Transport';

export interface AccessGrant {
  readonly ownerId: string;
  readonly role: 'owner' | 'colleague' | 'secretary' | 'substitute' | 'accountant';
  readonly cabinetIds: readonly string[];
}

interface TokenAnswer {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly mustChangePassword: boolean;
  readonly mustEnrolTwoFactor?: boolean;
}

/** The password of an account with two-factor sign-in was right: its code comes next. */
interface TwoFactorChallengeAnswer {
  readonly twoFactorRequired: true;
  readonly challengeToken: string;
}

/** What a right password leads to: signed in, or the second step of a two-factor login. */
export type LoginOutcome = { readonly status: 'signed-in' } | { readonly status: 'two-factor'; readonly challengeToken: string };

/** The second factor: the app's 6-digit code, or a recovery code. */
export type SecondFactor = { readonly code: string } | { readonly recoveryCode: string };

export type SessionState =
  | { readonly status: 'unknown' }
  | { readonly status: 'anonymous' }
  | {
      readonly status: 'authenticated';
      readonly accessToken: string;
      readonly mustChangePassword: boolean;
      /** An owner this account works for requires two-factor sign-in: enrol before anything else. */
      readonly mustEnrolTwoFactor: boolean;
    };

type Listener = (state: SessionState) => void;
type TabMessage = { readonly type: 'logged-in' } | { readonly type: 'logged-out' };

/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_SECONDS = 60;

export class SessionStore {
  private state: SessionState = { status: 'unknown' };
  private readonly listeners = new Set<Listener>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<boolean> | undefined;
  private readonly channel: BroadcastChannel | undefined;

  constructor(private readonly fetchImpl: typeof fetch = (...args) => fetch(...args)) {
    this.channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('osteo-session');
    this.channel?.addEventListener('message', (event: MessageEvent<TabMessage>) => {
      if (event.data.type === 'logged-out') this.becomeAnonymous();
      else if (event.data.type === 'logged-in' && this.state.status !== 'authenticated') void this.refresh();
    });
  }

  get current(): SessionState {
    return this.state;
  }

  get accessToken(): string | undefined {
    return this.state.status === 'authenticated' ? this.state.accessToken : undefined;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * At start: a cookie from an earlier visit (or another tab) may still hold a session. The API
   * sets a readable hint cookie (no secret) beside the HttpOnly one; without it there is nothing
   * to refresh, and no refused request to make.
   */
  async restore(): Promise<void> {
    if (!hasSessionHint() || !(await this.refresh())) this.becomeAnonymous();
  }

  /** Logs in; the API's refusal (wrong password, throttled) is thrown as an ApiError. */
  async logIn(email: string, password: string): Promise<LoginOutcome> {
    const answer = await this.authRequest<TokenAnswer | TwoFactorChallengeAnswer>('/api/v1/auth/login', { email, password });
    if ('twoFactorRequired' in answer) return { status: 'two-factor', challengeToken: answer.challengeToken };
    this.signedIn(answer);
    return { status: 'signed-in' };
  }

  /** The second step of a two-factor login; a wrong or used code is thrown as an ApiError. */
  async completeTwoFactorLogIn(challengeToken: string, secondFactor: SecondFactor): Promise<void> {
    this.signedIn(await this.authRequest<TokenAnswer>('/api/v1/auth/login/two-factor', { challengeToken, ...secondFactor }));
  }

  /** After a password change the old session ends: log in again with the new password. */
  async renewAfterPasswordChange(email: string, newPassword: string): Promise<void> {
    await this.logIn(email, newPassword);
  }

  /**
   * A new access token from the cookie; false when there is no session any more. Concurrent
   * callers in this tab share one request; other tabs wait for the lock and then use the cookie
   * this refresh left.
   */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.withTabLock(async () => {
      try {
        this.accept(await this.authRequest('/api/v1/auth/refresh', {}));
        return true;
      } catch (error) {
        if (isAnswered(error)) this.becomeAnonymous();
        return false;
      }
    }).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  async logOut(): Promise<void> {
    const token = this.accessToken;
    try {
      if (token) {
        await this.fetchImpl('/api/v1/auth/logout', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, [REFRESH_TRANSPORT_HEADER]: 'cookie', 'content-type': 'application/json' },
          body: '{}',
          credentials: 'same-origin',
        });
      }
    } finally {
      this.becomeAnonymous();
      this.channel?.postMessage({ type: 'logged-out' } satisfies TabMessage);
    }
  }

  /**
   * Two-factor sign-in was just enrolled: the access token in hand still says "enrol first",
   * a refreshed one does not.
   */
  async renewAfterTwoFactorEnrolment(): Promise<void> {
    await this.refresh();
  }

  /** The display name was just chosen: the access token in hand still says "choose a name first". */
  async renewAfterDisplayNameChoice(): Promise<void> {
    await this.refresh();
  }

  /** The password was changed through the API: the flag clears at once. */
  markPasswordChanged(): void {
    if (this.state.status === 'authenticated') this.setState({ ...this.state, mustChangePassword: false });
  }

  private signedIn(answer: TokenAnswer): void {
    this.accept(answer);
    this.channel?.postMessage({ type: 'logged-in' } satisfies TabMessage);
  }

  private accept(answer: TokenAnswer): void {
    this.setState({
      status: 'authenticated',
      accessToken: answer.accessToken,
      mustChangePassword: answer.mustChangePassword,
      mustEnrolTwoFactor: answer.mustEnrolTwoFactor === true,
    });
    clearTimeout(this.refreshTimer);
    const delaySeconds = Math.max(5, answer.expiresIn - REFRESH_MARGIN_SECONDS);
    this.refreshTimer = setTimeout(() => void this.refresh(), delaySeconds * 1000);
  }

  private becomeAnonymous(): void {
    clearTimeout(this.refreshTimer);
    if (this.state.status !== 'anonymous') this.setState({ status: 'anonymous' });
  }

  private setState(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  private async authRequest<Answer = TokenAnswer>(path: string, body: object): Promise<Answer> {
    let response: Response;
    try {
      response = await this.fetchImpl(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [REFRESH_TRANSPORT_HEADER]: 'cookie' },
        body: JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(0, 'network', 'network');
    }
    const answer: unknown = await response.json().catch(() => ({}));
    if (!response.ok) throw apiErrorFrom(response.status, answer);
    return answer as Answer;
  }

  private withTabLock<T>(work: () => Promise<T>): Promise<T> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    return locks ? (locks.request('osteo-session-refresh', work) as Promise<T>) : work();
  }
}

function hasSessionHint(): boolean {
  return typeof document !== 'undefined' && document.cookie.split(';').some((pair) => pair.trim() === 'osteo_session=1');
}

function isAnswered(error: unknown): boolean {
  return error instanceof ApiError && !error.isNetworkFailure;
}
