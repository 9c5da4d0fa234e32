import { LoginThrottle } from '../application/ports';

interface Window {
  failures: number;
  startedAt: number;
}

export interface LoginThrottleLimits {
  /** Failed attempts allowed per e-mail address within a window. */
  readonly perEmail: number;
  /** Failed attempts allowed per client address within a window (password spraying). */
  readonly perClientAddress: number;
  readonly windowSeconds: number;
}

export const defaultLoginThrottleLimits: LoginThrottleLimits = { perEmail: 5, perClientAddress: 30, windowSeconds: 15 * 60 };

/**
 * Fixed windows kept in this process's memory. With several identity instances each counts on
 * its own, so the effective limit is multiplied by the number of instances: acceptable for
 * slowing guessing down, and a shared store can replace this adapter behind the same port.
 */
export class InMemoryLoginThrottle extends LoginThrottle {
  private readonly byEmail = new Map<string, Window>();
  private readonly byAddress = new Map<string, Window>();

  constructor(
    private readonly limits: LoginThrottleLimits = defaultLoginThrottleLimits,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  retryAfterSeconds(email: string, clientAddress: string): number | null {
    const waits = [
      this.waitFor(this.byEmail, email, this.limits.perEmail),
      this.waitFor(this.byAddress, clientAddress, this.limits.perClientAddress),
    ].filter((wait): wait is number => wait !== null);
    return waits.length ? Math.max(...waits) : null;
  }

  recordFailure(email: string, clientAddress: string): void {
    this.count(this.byEmail, email);
    this.count(this.byAddress, clientAddress);
  }

  recordSuccess(email: string): void {
    this.byEmail.delete(email);
  }

  private waitFor(windows: Map<string, Window>, key: string, limit: number): number | null {
    const window = this.current(windows, key);
    if (!window || window.failures < limit) return null;
    return Math.max(1, Math.ceil((window.startedAt + this.limits.windowSeconds * 1000 - this.now()) / 1000));
  }

  private count(windows: Map<string, Window>, key: string): void {
    const window = this.current(windows, key);
    if (window) window.failures += 1;
    else windows.set(key, { failures: 1, startedAt: this.now() });
  }

  private current(windows: Map<string, Window>, key: string): Window | undefined {
    const window = windows.get(key);
    if (window && this.now() - window.startedAt >= this.limits.windowSeconds * 1000) {
      windows.delete(key);
      return undefined;
    }
    return window;
  }
}
