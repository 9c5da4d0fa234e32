import { DEFAULT_RESTART_BACKOFF, RestartBackoff, restartDelayMs } from '../../deploy/local/restart-backoff';

describe('restart backoff of `npm run start:distributed`', () => {
  it('waits 1 s after a first crash, doubles with each crash in a row, and stops at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 40].map((crashes) => restartDelayMs(crashes))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('counts the crashes of a process that dies at once, and starts afresh once it stayed up a minute', () => {
    const backoff = new RestartBackoff();
    const quickly = 5_000;
    expect([quickly, quickly, quickly, quickly].map((upForMs) => backoff.delayAfterCrash(upForMs))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoff.delayAfterCrash(DEFAULT_RESTART_BACKOFF.stableAfterMs)).toBe(1_000);
    expect(backoff.delayAfterCrash(quickly)).toBe(2_000);
  });

  it('takes its settings', () => {
    const backoff = new RestartBackoff({ firstDelayMs: 100, maxDelayMs: 250, stableAfterMs: 1_000 });
    expect([0, 0, 0, 999, 1_000].map((upForMs) => backoff.delayAfterCrash(upForMs))).toEqual([100, 200, 250, 250, 100]);
  });

  it('refuses a count that is not a positive integer', () => {
    for (const wrong of [0, -1, 1.5]) expect(() => restartDelayMs(wrong)).toThrow('crashesInARow must be a positive integer');
  });
});
