/**
 * The run's request budget. Bottleneck caps requests in flight and spaces request starts
 * (`minTime`), so no sliding window exceeds the rate. A 429 pauses every worker, not only the one
 * that got it, and slows the rate, which then recovers step by step. Bottleneck's ~1 ms timer
 * steps cost throughput (measured 676 → 132 requests/s), so with no rate set it stays off the
 * request path and a plain in-flight cap is used instead.
 */
import Bottleneck from 'bottleneck';
import { spacingMs, type Rate } from './rate.js';

export interface LimiterOptions {
  rate?: Rate;
  concurrency: number;
  /** Aborting it ends every wait at once (Ctrl-C during a long pause or a slow rate). */
  signal?: AbortSignal;
}

export interface LimiterStats {
  /** Time every worker spent paused by 429s, Retry-After or an exhausted quota header, in ms. */
  waitedMs: number;
  pauses: number;
}

export interface Limiter {
  schedule<T>(task: () => Promise<T>): Promise<T>;
  /** A throttle signal: hold every request start for `ms`, and slow the rate. */
  throttled(ms: number): void;
  /** The server says the budget is spent until `ms` from now: hold every start, without slowing. */
  pause(ms: number): void;
  /** A request went through: lets a slowed rate recover. */
  succeeded(): void;
  readonly stats: LimiterStats;
  stop(): Promise<void>;
}

/** After a 429 the spacing grows by this factor; each run of successes takes back a tenth. */
export const SLOWDOWN = 1.5;
export const RECOVERY_STEP = 0.9;
export const SUCCESSES_PER_STEP = 20;


export function createLimiter(options: LimiterOptions): Limiter {
  const stats: LimiterStats = { waitedMs: 0, pauses: 0 };
  const sleep = (ms: number) => abortableSleep(ms, options.signal);
  const baseSpacing = options.rate ? spacingMs(options.rate) : 0;
  let spacing = baseSpacing;
  let pausedUntil = 0;
  let lastStart = 0;
  let successes = 0;

  /**
   * Runs right before a request leaves: waits out a pause, then for its turn in the spacing,
   * looking again after every wait, so a throttle that arrives meanwhile holds it too.
   */
  const gate = async () => {
    for (;;) {
      const now = Date.now();
      const at = Math.max(pausedUntil, lastStart + spacing);
      if (at <= now) {
        // Timers fire late: counting from the planned start, not the actual one, keeps the rate from drifting down.
        lastStart = now - at < spacing ? at : now;
        return;
      }
      await sleep(at - now);
    }
  };
  const pause = (ms: number) => {
    const until = Date.now() + ms;
    stats.pauses++;
    if (until > pausedUntil) {
      stats.waitedMs += until - Math.max(pausedUntil, Date.now());
      pausedUntil = until;
    }
  };

  const bottleneck = options.rate ? new Bottleneck({ maxConcurrent: options.concurrency, minTime: baseSpacing }) : undefined;
  // Queued jobs are dropped on abort, so nothing waits for a turn that will never matter.
  options.signal?.addEventListener('abort', () => void bottleneck?.stop({ dropWaitingJobs: true }).catch(() => {}), { once: true });
  const setSpacing = (value: number) => {
    spacing = value;
    bottleneck?.updateSettings({ minTime: value });
  };
  const cap = inFlightCap(options.concurrency);

  return {
    schedule: (task) =>
      bottleneck
        ? bottleneck.schedule(async () => {
            await gate();
            return task();
          })
        : cap(async () => {
            await gate();
            return task();
          }),
    throttled(ms) {
      pause(ms);
      successes = 0;
      if (baseSpacing > 0) setSpacing(Math.min(spacing * SLOWDOWN, baseSpacing * 10));
    },
    pause,
    succeeded() {
      if (spacing <= baseSpacing || ++successes < SUCCESSES_PER_STEP) return;
      successes = 0;
      setSpacing(Math.max(baseSpacing, spacing * RECOVERY_STEP));
    },
    stats,
    stop: async () => {
      if (bottleneck && !options.signal?.aborted) await bottleneck.stop({ dropWaitingJobs: true });
    },
  };
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** At most `limit` tasks at once, the rest queued in order. */
export function inFlightCap(limit: number) {
  const queue: Array<() => void> = [];
  let active = 0;
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot straight to the next in line, so no newcomer can jump in between.
    if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const next = queue.shift();
      if (next) next();
      else active--;
    }
  };
}
