/**
 * The run's request budget on Redis, shared by every process with the same budget key: the same
 * Limiter the in-process one is, so the strategies and the page fetcher do not know which runs.
 *
 * Why not bottleneck's clustering (`datastore: 'ioredis'`): measured on Debian's Redis 7.0.15,
 * after the keys were flushed mid-run 150 of the 166 jobs scheduled afterwards were rejected with
 * `ERR SETTINGS_KEY_NOT_FOUND` and the other 16 never settled — its recovery compares the message
 * with `SETTINGS_KEY_NOT_FOUND` exactly, and Redis 7 prefixes `ERR` (bottleneck #205, #219; PR
 * #215 unmerged). Instead a short GCRA script (gcra-script.ts) runs atomically on Redis: no
 * slots are held, so a killed process leaves nothing counted, and a lost key rebuilds itself.
 * rate-limiter-flexible was not needed, and its fixed windows allow 2× bursts at their edges.
 * Measured (bench item 7, a shared 2-core machine, load 2–7): three processes on one 5,000/min
 * budget reach 0.98–1.00 of the ceiling together (one alone: 0.99–1.00), no 429; a start costs
 * 0.15–0.22 ms more than in-process without a rate (bottleneck with a rate: ~5 ms).
 *
 * Locally: the in-flight cap, and one worker at a time asking Redis for a start (the others queue
 * behind it), so each process makes one Redis call per request and none spin. While Redis cannot
 * be reached, starts wait and retry; after `lostTimeoutMs` without an answer the export fails.
 */
import { failure } from '../errors.js';
import { GCRA_SCRIPT } from './gcra-script.js';
import { abortableSleep, inFlightCap, RECOVERY_STEP, SLOWDOWN, SUCCESSES_PER_STEP, type Limiter, type LimiterOptions, type LimiterStats } from './limiter.js';
import { spacingMs } from './rate.js';
import { RedisDown, type RedisLink } from './redis-connection.js';

export interface RedisLimiterOptions extends LimiterOptions {
  link: RedisLink;
  key: string;
  /** How long starts wait for a lost Redis before the export fails. */
  lostTimeoutMs: number;
  /** The limiter URL as it may be printed (no password). */
  shown: string;
}

/** A 429 slows the shared rate to at most a tenth, as in-process. */
const MAX_FACTOR = 10;
/**
 * A start that comes late (timers fire late, three processes race for each slot) keeps its planned
 * slot by up to this much, so the rate does not drift down. Any window of the rate then holds
 * `count` starts spanning at least perMs + 50 − 20 ms: 30 ms of spacing's 50 ms margin remain for
 * arrivals bunching up on the way to the server.
 */
const CATCH_UP_MS = 20;
/** How often a start retries while Redis is unreachable. */
const RETRY_MS = 250;

export function createRedisLimiter(options: RedisLimiterOptions): Limiter {
  const { link, key, signal } = options;
  const stats: LimiterStats = { waitedMs: 0, pauses: 0 };
  const base = options.rate ? spacingMs(options.rate) : 0;
  const ttl = Math.max(2 * (options.rate?.perMs ?? 0), 60_000);
  let factor = 1;
  let downSince: number | undefined;
  let lastError = '';
  let stopped = false;

  /** One script call; while Redis is down it waits and tries again, up to the bound. */
  const call = async (args: Array<string | number>): Promise<unknown> => {
    for (;;) {
      // Work still queued when the export ends is dropped, as bottleneck drops it in-process.
      if (stopped) throw new Error('the limiter has been stopped');
      try {
        const reply = await link.run(GCRA_SCRIPT, [key], args);
        downSince = undefined;
        return reply;
      } catch (error) {
        if (!(error instanceof RedisDown)) throw failure('LIMITER_ERROR', `the limiter at ${options.shown} failed: ${(error as Error).message}`, error);
        lastError = error.message;
        downSince ??= Date.now();
        if (Date.now() - downSince >= options.lostTimeoutMs) {
          throw failure(
            'LIMITER_LOST',
            `lost the limiter at ${options.shown}: no answer for ${Math.round(options.lostTimeoutMs / 1000)} s (${lastError}); the checkpoint is kept, run the same command again to resume`,
          );
        }
        await abortableSleep(RETRY_MS, signal);
      }
    }
  };

  const take = async () => {
    for (;;) {
      const [wait, current, paused] = (await call(['take', base, CATCH_UP_MS, ttl])) as [number, string, number];
      factor = Number(current);
      if (wait <= 0) return;
      if (paused) stats.waitedMs += wait;
      await abortableSleep(wait, signal);
    }
  };
  // One worker at a time asks Redis for its start: a chain of turns, each begun when the last ends.
  let turns: Promise<void> = Promise.resolve();
  const nextStart = () => {
    const mine = turns.then(take);
    turns = mine.catch(() => {});
    return mine;
  };
  const cap = inFlightCap(options.concurrency);
  // Feedback is best effort: if Redis is down the next start waits for it anyway.
  const hold = (ms: number, slowdown: number) => {
    stats.pauses++;
    link.run(GCRA_SCRIPT, [key], ['hold', Math.ceil(ms), slowdown, MAX_FACTOR, ttl]).then((reply) => (factor = Number(reply)), () => {});
  };

  return {
    schedule: (task) =>
      cap(async () => {
        await nextStart();
        return task();
      }),
    throttled: (ms) => hold(ms, base > 0 ? SLOWDOWN : 1),
    pause: (ms) => hold(ms, 1),
    succeeded() {
      if (factor <= 1) return;
      link.run(GCRA_SCRIPT, [key], ['ok', SUCCESSES_PER_STEP, RECOVERY_STEP]).then((reply) => (factor = Number(reply)), () => {});
    },
    stats,
    stop: async () => {
      stopped = true;
    },
  };
}
