/**
 * When `npm run start:distributed` starts a crashed process again: at once would spin on a
 * process that dies at start (a bad configuration, a port taken), so each crash in a row doubles
 * the wait, up to a cap; a process that stayed up a while counts as healthy again.
 */

export interface RestartBackoffSettings {
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** A process that ran this long before dying starts its count of crashes afresh. */
  readonly stableAfterMs: number;
}

export const DEFAULT_RESTART_BACKOFF: RestartBackoffSettings = { firstDelayMs: 1_000, maxDelayMs: 30_000, stableAfterMs: 60_000 };

/** The wait before the restart that follows the `crashesInARow`-th crash in a row (1 for the first): 1 s, 2 s, 4 s … capped. */
export function restartDelayMs(crashesInARow: number, settings: RestartBackoffSettings = DEFAULT_RESTART_BACKOFF): number {
  if (!Number.isInteger(crashesInARow) || crashesInARow < 1) throw new Error(`crashesInARow must be a positive integer (got ${crashesInARow})`);
  // 2^30 ms is past any sensible cap; the exponent stops there so the number stays finite.
  return Math.min(settings.maxDelayMs, settings.firstDelayMs * 2 ** Math.min(crashesInARow - 1, 30));
}

/** The count of crashes in a row of one process. */
export class RestartBackoff {
  private crashesInARow = 0;

  constructor(private readonly settings: RestartBackoffSettings = DEFAULT_RESTART_BACKOFF) {}

  /** The process died after running `upForMs`: the wait before starting it again. */
  delayAfterCrash(upForMs: number): number {
    if (upForMs >= this.settings.stableAfterMs) this.crashesInARow = 0;
    this.crashesInARow += 1;
    return restartDelayMs(this.crashesInARow, this.settings);
  }
}
