/**
 * A provider's request throttle as the sandbox server enforces it: O(1) per request, so the
 * limiter itself never shows up in a benchmark.
 */
import type { EmulatorRateLimit } from './types.js';

export interface RateWindow {
  /** Counts a request made at `now` (ms): 0 when it may go, else ms until a slot frees up. */
  take(now: number): number;
}

export function createRateWindow(limit: EmulatorRateLimit): RateWindow {
  if (!Number.isFinite(limit.limit)) return { take: () => 0 };
  return limit.window === 'fixed' ? fixedWindow(limit.limit, limit.windowMs) : slidingWindow(limit.limit, limit.windowMs);
}

/** Remembers the times of the last `limit` accepted requests in a ring; rejected ones do not count. */
function slidingWindow(limit: number, windowMs: number): RateWindow {
  const times: number[] = [];
  let oldest = 0;
  return {
    take(now) {
      if (limit <= 0) return windowMs;
      if (times.length < limit) {
        times.push(now);
        return 0;
      }
      const wait = times[oldest] + windowMs - now;
      if (wait > 0) return wait;
      times[oldest] = now;
      oldest = (oldest + 1) % limit;
      return 0;
    },
  };
}

/** A counter that resets when its window, opened by the first request, has passed. */
function fixedWindow(limit: number, windowMs: number): RateWindow {
  let opened = -Infinity;
  let count = 0;
  return {
    take(now) {
      if (now - opened >= windowMs) {
        opened = now;
        count = 0;
      }
      if (count >= limit) return opened + windowMs - now;
      count++;
      return 0;
    },
  };
}
