/**
 * Records per second over a recent window, and the ETA it implies. A window, not the average since
 * the start: after a long 429 wait the rate (and so the ETA) reflects how fast pages arrive now.
 */

export interface RateMeter {
  /** Records seen so far at `atMs` (any monotonic clock); returns records/s over the window. */
  sample(atMs: number, records: number): number;
}

interface Sample {
  atMs: number;
  records: number;
}

/** @param windowMs how far back the rate looks. @default 5000 */
export function createRateMeter(windowMs = 5_000): RateMeter {
  const samples: Sample[] = [];
  return {
    sample(atMs, records) {
      samples.push({ atMs, records });
      // Keep one sample at or before the window's start as the baseline, so sparse samples (the plain
      // line every 10 s) still measure the whole interval.
      while (samples.length > 2 && samples[1].atMs <= atMs - windowMs) samples.shift();
      const first = samples[0];
      const elapsedMs = atMs - first.atMs;
      return elapsedMs > 0 ? ((records - first.records) * 1000) / elapsedMs : 0;
    },
  };
}

/** Seconds until `total`, or undefined while the rate is unknown (zero). */
export function etaSeconds(records: number, total: number, rate: number): number | undefined {
  if (records >= total) return 0;
  return rate > 0 ? (total - records) / rate : undefined;
}
