/**
 * The run's request budget, one mechanism for every strategy: at most `concurrency` requests in
 * flight, and request starts spaced by the rate (a start waits out any pause, then its turn, and
 * looks again after every wait, so a throttle that arrives meanwhile holds it too). A 429 pauses
 * every worker, not only the one that got it, and slows the rate, which then recovers step by step.
 * The Redis limiter (redis-limiter.ts) keeps the same interface with the budget on Redis.
 *
 * Hand-written rather than bottleneck: bottleneck has no "hold every start" pause, so it needed
 * this gate beside it anyway, and its timers cost throughput (measured 676 -> 132 requests/s, and
 * ~5 ms per start with a rate) for spacing the gate already does.
 */
import { abortableSleep } from '../sleep.js';
import { inFlightCap } from './in-flight-cap.js';
import { spacingMs, windowMs, type Rate } from './rate.js';
import { createStartWindow, type Stamp } from './start-window.js';

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
  const window = options.rate && createStartWindow(options.rate.count, windowMs(options.rate));
  let pausedUntil = 0;
  let counted = 0;
  let lastStart = 0;
  let successes = 0;

  const gate = async (): Promise<Stamp | undefined> => {
    for (;;) {
      const now = Date.now();
      const at = Math.max(pausedUntil, lastStart + spacing, window ? window.earliest() : 0);
      if (at <= now) {
        // Timers fire late: counting from the planned start, not the actual one, keeps the rate
        // from drifting down; the start window keeps the catching up inside the count.
        lastStart = now - at < spacing ? at : now;
        return window?.started(now);
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
  const cap = inFlightCap(options.concurrency);

  return {
    schedule: (task) =>
      cap(async () => {
        options.signal?.throwIfAborted();
        const stamp = await gate();
        if (!window || !stamp || counted++ >= options.concurrency) return task();
        // The run's first requests also open the client's connections (the first one sets the
        // HTTP client up as well): they reached the server up to ~55 ms after their start, which
        // ate the jitter margin. They count from their answers instead; later ones reuse sockets.
        try {
          return await task();
        } finally {
          window.restamp(stamp, Date.now());
        }
      }),
    throttled(ms) {
      pause(ms);
      successes = 0;
      if (baseSpacing > 0) spacing = Math.min(spacing * SLOWDOWN, baseSpacing * 10);
    },
    pause,
    succeeded() {
      if (spacing <= baseSpacing || ++successes < SUCCESSES_PER_STEP) return;
      successes = 0;
      spacing = Math.max(baseSpacing, spacing * RECOVERY_STEP);
    },
    stats,
    stop: async () => {},
  };
}
