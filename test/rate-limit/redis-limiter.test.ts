/** The shared limiter against a real redis-server: several connections stand for several processes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSharedLimiter, type SharedLimiter } from '../../src/rate-limit/shared-limiter.js';
import { PaginateError } from '../../src/errors.js';
import { startRedis, freePort, type TestRedis } from './redis-server.js';
import { busiestWindow } from '../busiest-window.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const scope = { origin: 'https://api.example.com', identity: ['secret-key-1'] };

describe('the Redis limiter', () => {
  let redis: TestRedis;
  const opened: SharedLimiter[] = [];
  const connect = async (lostTimeoutMs?: number) => {
    const shared = await connectSharedLimiter(redis.url, { lostTimeoutMs });
    opened.push(shared);
    return shared;
  };
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(opened.map((shared) => shared.close()));
    await redis.stop();
  });

  it('two processes on one key share one rate', async () => {
    const rate = { count: 50, perMs: 1000 };
    const [a, b] = [await connect(), await connect()];
    const starts: number[] = [];
    const run = (shared: SharedLimiter) => {
      const limiter = shared.limiter({ rate, concurrency: 4, scope: { ...scope, identity: ['secret-shared'] } });
      return Promise.all(Array.from({ length: 35 }, () => limiter.schedule(async () => starts.push(Date.now()))));
    };
    await Promise.all([run(a), run(b)]);
    expect(starts).toHaveLength(70);
    // Alone, each would send its 35 within 0.7 s: together 70 take more than a second.
    expect(busiestWindow(starts, 1000)).toBeLessThanOrEqual(50);
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThan(1200);
  });

  it("one process's pause holds the other's starts, and a throttle slows both until successes bring it back", async () => {
    const rate = { count: 100, perMs: 1000 };
    const key = { ...scope, identity: ['secret-pause'] };
    const a = (await connect()).limiter({ rate, concurrency: 1, scope: key });
    const b = (await connect()).limiter({ rate, concurrency: 1, scope: key });
    await b.schedule(async () => {});
    a.pause(600);
    await sleep(50);
    const asked = Date.now();
    const started = await b.schedule(async () => Date.now());
    expect(started - asked).toBeGreaterThanOrEqual(450);

    a.throttled(0);
    await sleep(50);
    const field = (name: string) => Number(redis.cli('hget', redis.cli('--scan', '--pattern', '*').split('\n').find((k) => k.includes('100per'))!, name).trim());
    expect(field('factor')).toBeCloseTo(1.5);
    const spaced: number[] = [];
    for (let i = 0; i < 21; i++) spaced.push(await b.schedule(async () => Date.now()));
    // 1.5 × (1050 / 100) ms between starts, less the 20 ms a late start may catch up: 295 ms for 20
    // gaps (unslowed at most 210 ms); 15 ms more slack for a callback the loaded machine ran late.
    expect(spaced[20] - spaced[0]).toBeGreaterThanOrEqual(20 * 15.75 - 20 - 15);
    for (let i = 0; i < 20; i++) b.succeeded();
    await sleep(100);
    expect(field('factor')).toBeCloseTo(1.35);
  });

  it('keys lost with a restart: the budget is rebuilt and the next start still waits its spacing', async () => {
    const rate = { count: 5, perMs: 1000 };
    const limiter = (await connect(5000)).limiter({ rate, concurrency: 1, scope: { ...scope, identity: ['secret-flush'] } });
    const first = await limiter.schedule(async () => Date.now());
    redis.cli('flushall');
    const second = await limiter.schedule(async () => Date.now());
    expect(second - first).toBeGreaterThanOrEqual(200);
  });

  it('Redis lost: starts wait and go on when it is back; past the bound the export fails with LIMITER_LOST', async () => {
    const rate = { count: 100, perMs: 1000 };
    const patient = (await connect(10_000)).limiter({ rate, concurrency: 1, scope: { ...scope, identity: ['secret-lost'] } });
    const hasty = (await connect(700)).limiter({ rate, concurrency: 1, scope: { ...scope, identity: ['secret-lost'] } });
    await patient.schedule(async () => {});
    await hasty.schedule(async () => {});
    await redis.stop();
    const waiting = patient.schedule(async () => Date.now());
    const asked = Date.now();
    const failed = await hasty.schedule(async () => 'sent').catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(PaginateError);
    expect((failed as PaginateError).code).toBe('LIMITER_LOST');
    expect((failed as PaginateError).exitCode).toBe(1);
    expect(Date.now() - asked).toBeLessThan(3000);
    await sleep(300);
    const back = Date.now();
    await redis.start();
    expect(await waiting).toBeGreaterThanOrEqual(back);
  });

  it('unreachable at start: a usage error naming the URL without its password', async () => {
    const port = await freePort();
    const error = await connectSharedLimiter(`redis://me:hunter2@127.0.0.1:${port}/3`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginateError);
    expect((error as PaginateError).exitCode).toBe(2);
    expect((error as PaginateError).message).toContain(`cannot reach the limiter at redis://me:***@127.0.0.1:${port}/3`);
    expect((error as PaginateError).message).not.toContain('hunter2');
  });

  it('stores nothing but the budget: numbers, under keys with a digest of the credential', () => {
    const dump = redis.cli('--scan').split('\n').filter(Boolean);
    expect(dump.length).toBeGreaterThan(0);
    for (const key of dump) {
      expect(key).toMatch(/^paginate:budget:https:\/\/api\.example\.com:\d+per1000ms:[0-9a-f]{32}$/);
      const fields = redis.cli('hgetall', key).trim().split('\n');
      for (let i = 0; i < fields.length; i += 2) {
        expect(['tat', 'pause', 'factor', 'ok']).toContain(fields[i]);
        expect(fields[i + 1]).toMatch(/^[\d.e+]+$/);
      }
    }
    expect(redis.dump()).not.toContain('secret-');
  });
});
