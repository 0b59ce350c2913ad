/**
 * The run's request budget. Bottleneck spaces request starts (`minTime`) so no sliding window
 * ever exceeds the rate, and caps requests in flight. A 429 pauses every worker, not only the one
 * that got it. Bottleneck's ~1 ms timer steps cost throughput, so with no rate set it stays off
 * the request path and a plain in-flight cap is used instead.
 */
import Bottleneck from 'bottleneck';
import { spacingMs, type Rate } from './rate.js';

export interface LimiterOptions {
  rate?: Rate;
  concurrency: number;
}

export interface LimiterStats {
  /** Time spent paused by 429s / Retry-After, in ms. */
  waitedMs: number;
  throttled: number;
}

export interface Limiter {
  schedule<T>(task: () => Promise<T>): Promise<T>;
  /** Holds every request start until `ms` from now (a 429's Retry-After). */
  pause(ms: number): void;
  readonly stats: LimiterStats;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createLimiter(options: LimiterOptions): Limiter {
  const stats: LimiterStats = { waitedMs: 0, throttled: 0 };
  let pausedUntil = 0;
  const waitIfPaused = async () => {
    for (let wait = pausedUntil - Date.now(); wait > 0; wait = pausedUntil - Date.now()) await sleep(wait);
  };
  const run = <T>(task: () => Promise<T>) => async () => {
    await waitIfPaused();
    return task();
  };
  const pause = (ms: number) => {
    const until = Date.now() + ms;
    stats.throttled++;
    if (until > pausedUntil) {
      stats.waitedMs += until - Math.max(pausedUntil, Date.now());
      pausedUntil = until;
    }
  };

  if (!options.rate) {
    const queue: Array<() => void> = [];
    let active = 0;
    const release = () => {
      active--;
      queue.shift()?.();
    };
    return {
      async schedule(task) {
        if (active >= options.concurrency) await new Promise<void>((resolve) => queue.push(resolve));
        active++;
        try {
          return await run(task)();
        } finally {
          release();
        }
      },
      pause,
      stats,
      stop: async () => {},
    };
  }

  const bottleneck = new Bottleneck({ maxConcurrent: options.concurrency, minTime: spacingMs(options.rate) });
  return {
    schedule: (task) => bottleneck.schedule(run(task)),
    pause,
    stats,
    stop: () => bottleneck.stop({ dropWaitingJobs: true }),
  };
}
