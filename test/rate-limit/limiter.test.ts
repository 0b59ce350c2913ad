import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/rate-limit/limiter.js';
import { budgetPauseMs, quotaSpent, resetMs } from '../../src/rate-limit/budget-headers.js';
import { parseRate, spacingMs } from '../../src/rate-limit/rate.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('limiter', () => {
  it('never has more than `concurrency` tasks running, with or without a rate', async () => {
    for (const rate of [undefined, parseRate('2000/s')]) {
      const limiter = createLimiter({ rate, concurrency: 3 });
      let running = 0;
      let most = 0;
      await Promise.all(
        Array.from({ length: 60 }, () =>
          limiter.schedule(async () => {
            most = Math.max(most, ++running);
            await sleep(20);
            running--;
          }),
        ),
      );
      expect(most).toBe(3);
      await limiter.stop();
    }
  });

  it('a throttle pauses every start, slows the rate, and never leaves jobs stuck under load (bottleneck #185)', async () => {
    const limiter = createLimiter({ rate: parseRate('500/s'), concurrency: 8 });
    const starts: number[] = [];
    let throttledAt = 0;
    const jobs = Array.from({ length: 300 }, (_, i) =>
      limiter.schedule(async () => {
        starts.push(Date.now());
        if (i % 60 === 30) {
          throttledAt = Date.now();
          limiter.throttled(150);
        }
        await sleep(1);
        limiter.succeeded();
      }),
    );
    const done = await Promise.race([Promise.all(jobs).then(() => 'done'), sleep(15_000).then(() => 'stuck')]);
    expect(done).toBe('done');
    expect(starts).toHaveLength(300);
    expect(limiter.stats.pauses).toBe(5);
    expect(limiter.stats.waitedMs).toBeGreaterThanOrEqual(5 * 140);
    // After the last throttle, nothing started for the pause (allow a few ms for starts already on their way).
    const during = starts.filter((at) => at > throttledAt + 5 && at < throttledAt + 140);
    expect(during).toEqual([]);
    await limiter.stop();
  });

  it('spaces starts so that no window of the rate holds more than its count, even after a pause', async () => {
    const rate = parseRate('50/s');
    const limiter = createLimiter({ rate, concurrency: 10 });
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        limiter.schedule(async () => {
          starts.push(Date.now());
          if (i === 40) limiter.pause(300);
        }),
      ),
    );
    starts.sort((a, b) => a - b);
    for (let i = 0, j = 0; i < starts.length; i++) {
      while (starts[i] - starts[j] >= 1000) j++;
      expect(i - j + 1).toBeLessThanOrEqual(50);
    }
    expect(spacingMs(rate)).toBeCloseTo(21, 0);
    await limiter.stop();
  });

  it('timers that fire late never let count + 1 starts into one window (plus the jitter margin)', async () => {
    const rate = parseRate('10/s');
    const limiter = createLimiter({ rate, concurrency: 4 });
    const starts: number[] = [];
    const block = (ms: number) => {
      const until = Date.now() + ms;
      while (Date.now() < until);
    };
    await Promise.all(
      Array.from({ length: 36 }, (_, i) =>
        limiter.schedule(async () => {
          starts.push(Date.now());
          // A busy event loop: the timer of the next start fires up to 85 ms late.
          if (i % 5 === 2) block(190);
        }),
      ),
    );
    starts.sort((a, b) => a - b);
    const spans = starts.slice(rate.count).map((at, i) => at - starts[i]);
    // 1 ms less: the clock may tick between the limiter's start and the task's Date.now().
    expect(Math.min(...spans)).toBeGreaterThanOrEqual(1049);
    await limiter.stop();
  });
});

describe('budget headers', () => {
  const names = { remaining: 'X-RateLimit-Remaining', reset: 'X-RateLimit-Reset', quota: 'x-quota-remaining' };
  it('pauses until the reset when no more requests remain than are in flight', () => {
    expect(budgetPauseMs({ 'x-ratelimit-remaining': '2', 'x-ratelimit-reset': '3' }, names, 4, 0)).toBe(3000);
    expect(budgetPauseMs({ 'x-ratelimit-remaining': '50', 'x-ratelimit-reset': '3' }, names, 4, 0)).toBeUndefined();
    expect(budgetPauseMs({}, names, 4, 0)).toBeUndefined();
  });
  it('reads a reset as seconds, or as a Unix time when it is that large', () => {
    expect(resetMs('2', 0)).toBe(2000);
    expect(resetMs('1700000010', 1_700_000_000_000)).toBe(10_000);
    expect(resetMs('soon', 0)).toBeUndefined();
  });
  it('a zero quota counter means spent', () => {
    expect(quotaSpent({ 'x-quota-remaining': '0' }, names)).toBe(true);
    expect(quotaSpent({ 'x-quota-remaining': '12' }, names)).toBe(false);
    expect(quotaSpent({}, names)).toBe(false);
  });
});
