/** Nearest-rank percentile: always a value that was actually measured, never an interpolation. */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) throw new RangeError('No samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}

export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
  readonly samples: number;
}

export function summarizeLatencies(samplesMs: readonly number[]): LatencySummary {
  return { p50: percentile(samplesMs, 0.5), p99: percentile(samplesMs, 0.99), samples: samplesMs.length };
}
