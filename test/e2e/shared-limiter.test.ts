/**
 * `--limiter redis://…`: three real CLI exports at once share one budget on a real redis-server,
 * against one emulator that enforces the limit, and each fault of the issue in turn.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { baseEnv, runCli, type RunResult } from './harness.js';
import { createEmulator } from '../../sandbox/registry.js';
import { startSandboxServer, type SandboxServer } from '../../sandbox/server/server.js';
import type { Emulator } from '../../sandbox/server/types.js';
import { startRedis, freePort, makeTlsFiles, type TestRedis } from '../rate-limit/redis-server.js';
import { exportRecords } from '../../src/index.js';
import { busiestWindow } from '../busiest-window.js';

/** Credentials the wrapped emulator accepts: distinctive, so a scan of Redis would find them. */
const SECRET = { SOUNDCHARTS_APP_ID: 'app-7f3a91c2', SOUNDCHARTS_API_KEY: 'key-c0ffee41d8e2b7' };
const REDIS_PASSWORD = 'redis-pw-5e8a0b';
/** The emulator's sliding window: 30 requests per second. */
const LIMIT = 30;
/**
 * The limit the exports are given: 10% under the emulator's, as one sets it against a real API.
 * Request starts are spaced on Redis, but on a loaded machine a process that is still opening its
 * connections can put several approved requests on the wire at once; the headroom absorbs that.
 */
const RATE = 27;
/** Three exports of different sizes (60, 33 and 15 pages of 100). */
const MINS = ['10000', '20000', '50000'];

interface Burst {
  /** The export that gets it. */
  min: string;
  /** It starts once every export in `MATCHED` has been served this many requests (all are running). */
  after: number;
  count: number;
  /** `429` (default): 429 with Retry-After 1; `spent`: a 200 whose budget headers say none remain for 1 s. */
  kind?: '429' | 'spent';
}

/** Three exports of the same length (30 pages with --max-items 3000), for the tests that need all three running throughout. */
const MATCHED = ['10000', '12000', '15000'];

/**
 * The Soundcharts emulator with a 30/s sliding window, our credentials, and optionally a 429
 * burst sent only to the export whose `min` filter is `burst.min`.
 */
async function sharedSandbox(burst?: Burst): Promise<SandboxServer & { emulator: Emulator; handled: Array<{ min?: string; at: number }>; hits: number[] }> {
  const inner = createEmulator('soundcharts', { size: 6000 });
  const handled: Array<{ min?: string; at: number }> = [];
  /** When each request of the burst was answered. */
  const hits: number[] = [];
  let seen = 0;
  const emulator: Emulator = {
    ...inner,
    env: SECRET,
    rateLimit: { limit: LIMIT, windowMs: 1000, window: 'sliding', reply: inner.rateLimit!.reply },
    async handle(request) {
      if (request.headers['x-app-id'] !== SECRET.SOUNDCHARTS_APP_ID || request.headers['x-api-key'] !== SECRET.SOUNDCHARTS_API_KEY) {
        return { status: 401, body: { errors: [{ message: 'bad credentials' }] } };
      }
      const min = minOf(request.rawBody);
      handled.push({ min, at: Date.now() });
      const running = (after: number) => MATCHED.every((other) => handled.filter((call) => call.min === other).length >= after);
      const hit = burst !== undefined && min === burst.min && running(burst.after) && ++seen <= burst.count;
      if (hit) hits.push(Date.now());
      if (hit && burst.kind !== 'spent') return { status: 429, headers: { 'retry-after': '1' }, body: { errors: [{ message: 'slow down' }] } };
      const response = await inner.handle({ ...request, headers: { ...request.headers, 'x-app-id': 'soundcharts', 'x-api-key': 'soundcharts' } });
      return hit ? { ...response, headers: { ...response.headers, 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' } } : response;
    },
  };
  const server = await startSandboxServer(emulator, { latencyMs: 5 });
  return Object.assign(server, { emulator, handled, hits });
}

const minOf = (body: string): string | undefined => (JSON.parse(body || '{}') as { filters?: Array<{ data?: { min?: string } }> }).filters?.[0]?.data?.min;

const until = async (condition: () => boolean, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setup(options: { password?: string; burst?: Burst; profileFile?: string } = {}) {
  const redis = await startRedis({ password: options.password });
  cleanups.push(() => redis.stop());
  const sandbox = await sharedSandbox(options.burst);
  cleanups.push(() => sandbox.close());
  const dir = mkdtempSync(join(tmpdir(), 'paginate-shared-'));
  const env = baseEnv(SECRET);
  const args = (min: string, extra: string[] = []) => [
    'export', 'soundcharts', '--base-url', sandbox.url, '--filter', `min=${min}`, '--rate', `${RATE}/s`,
    '--limiter', redis.url, '--state-dir', join(dir, 'state'), '-o', join(dir, `${min}.ndjson`),
    ...(options.profileFile ? ['--profile-file', options.profileFile] : []), ...extra,
  ];
  const exact = (min: string, maxItems = Infinity) => {
    const lines = readFileSync(join(dir, `${min}.ndjson`), 'utf8').trim().split('\n');
    const expected = sandbox.emulator.records('artists', { min }).slice(0, maxItems).map((record) => JSON.stringify(record));
    return lines.length === expected.length && lines.every((line, i) => line === expected[i]);
  };
  return { redis, sandbox, dir, env, args, exact };
}

describe('many exports, one key: --limiter redis://', () => {
  it('three exports at once stay under the shared limit over every sliding window, none sees a 429, each is exact, and Redis holds no secret', async () => {
    const { redis, sandbox, env, args, exact } = await setup({ password: REDIS_PASSWORD });
    const results = await Promise.all(MINS.map((min) => runCli(args(min), { env })));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    for (const min of MINS) expect(exact(min), `export min=${min}`).toBe(true);
    const log = sandbox.stats.log;
    expect(log).toHaveLength(60 + 33 + 15);
    expect(log.filter((entry) => entry.status === 429)).toEqual([]);
    expect(busiestWindow(log.map((entry) => entry.at), 1000)).toBeLessThanOrEqual(LIMIT);
    // Shared, not three separate budgets: 108 requests at 27/s take four seconds (three budgets: under two).
    expect(Math.max(...log.map((e) => e.at)) - Math.min(...log.map((e) => e.at))).toBeGreaterThan(3000);

    const stored = redis.dump();
    expect(stored).toMatch(/^paginate:budget:http:\/\/127\.0\.0\.1:\d+:27per1000ms:[0-9a-f]{32} => tat /);
    for (const secret of [...Object.values(SECRET), REDIS_PASSWORD]) expect(stored).not.toContain(secret);
    for (const result of results) expect(result.stderr).not.toContain(REDIS_PASSWORD);
  });

  it('a 429 burst sent to one export pauses all three', async () => {
    const { sandbox, env, args, exact } = await setup({ burst: { min: '15000', after: 3, count: 2 } });
    const results = await Promise.all(MATCHED.map((min) => runCli(args(min, ['--max-items', '3000']), { env })));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    for (const min of MATCHED) expect(exact(min, 3000), `export min=${min}`).toBe(true);
    const log = sandbox.stats.log;
    const first429 = log.find((entry) => entry.status === 429)!;
    expect(first429, 'the burst happened').toBeDefined();
    const repliedAt = first429.end ?? first429.at;
    // None of the three started a request within the pause…
    const duringPause = log.filter((entry) => entry.at > repliedAt + 60 && entry.at < repliedAt + 940);
    expect(duringPause.map((entry) => entry.at - repliedAt)).toEqual([]);
    // …while the other two were exporting on both sides of it.
    for (const min of ['10000', '12000']) {
      const theirs = sandbox.handled.filter((call) => call.min === min).map((call) => call.at);
      expect(theirs.some((at) => at < repliedAt), `min=${min} before`).toBe(true);
      expect(theirs.some((at) => at > repliedAt + 940), `min=${min} after`).toBe(true);
    }
    expect(log.filter((entry) => entry.status === 429)).toHaveLength(2);
    expect(results[2].stderr).toMatch(/2 × 429/);
    // The slowed rate recovers for everyone: later starts come closer together than right after the pauses.
    const afterPauses = sandbox.handled.filter((call) => call.at > repliedAt + 2500).map((call) => call.at);
    const gap = (times: number[]) => (times[times.length - 1] - times[0]) / (times.length - 1);
    expect(afterPauses.length).toBeGreaterThan(40);
    expect(gap(afterPauses.slice(-15))).toBeLessThan(gap(afterPauses.slice(0, 15)));
  });

  it("budget headers that say one export's budget is spent hold all three until the reset", async () => {
    // The Soundcharts profile with a remaining-requests header, as other APIs send.
    const profile = parse(readFileSync(join(import.meta.dirname, '..', '..', 'profiles', 'soundcharts.yaml'), 'utf8'));
    profile.rate_limit_headers = { remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset' };
    const profileFile = join(mkdtempSync(join(tmpdir(), 'paginate-profile-')), 'soundcharts.yaml');
    writeFileSync(profileFile, stringify(profile));
    const { sandbox, env, args, exact } = await setup({ burst: { min: '15000', after: 3, count: 1, kind: 'spent' }, profileFile });
    const results = await Promise.all(MATCHED.map((min) => runCli(args(min, ['--max-items', '3000']), { env })));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    for (const min of MATCHED) expect(exact(min, 3000), `export min=${min}`).toBe(true);
    const log = sandbox.stats.log;
    const spentAt = sandbox.hits[0];
    expect(spentAt, 'the budget headers were sent').toBeDefined();
    const duringPause = log.filter((entry) => entry.at > spentAt + 80 && entry.at < spentAt + 920);
    expect(duringPause.map((entry) => entry.at - spentAt)).toEqual([]);
    for (const min of ['10000', '12000']) expect(sandbox.handled.some((call) => call.min === min && call.at > spentAt + 920), `min=${min} after`).toBe(true);
    expect(log.filter((entry) => entry.status === 429)).toEqual([]);
  });

  it('the library takes the limiter too', async () => {
    const { redis, sandbox } = await setup();
    const records: unknown[] = [];
    for await (const record of exportRecords({ profile: 'soundcharts', baseUrl: sandbox.url, env: SECRET, filters: [['min', '50000']], rate: `${RATE}/s`, limiter: redis.url })) records.push(record);
    expect(records).toEqual(sandbox.emulator.records('artists', { min: '50000' }));
    expect(redis.cli('--scan').trim()).toMatch(/^paginate:budget:http:\/\/127\.0\.0\.1:\d+:27per1000ms:[0-9a-f]{32}$/);
  });

  it('rediss:// talks TLS, verifying the server against the CAs Node trusts', async () => {
    const tls = makeTlsFiles(mkdtempSync(join(tmpdir(), 'paginate-tls-')));
    const redis = await startRedis({ tls, password: REDIS_PASSWORD });
    cleanups.push(() => redis.stop());
    const sandbox = await sharedSandbox();
    cleanups.push(() => sandbox.close());
    const argv = ['export', 'soundcharts', '--base-url', sandbox.url, '--filter', 'min=50000', '--rate', `${RATE}/s`, '--limiter', redis.url];
    const untrusted = await runCli(argv, { env: baseEnv(SECRET) });
    expect(untrusted.code, untrusted.stderr).toBe(2);
    expect(untrusted.stderr).toMatch(/^paginate: cannot reach the limiter at rediss:\/\/default:\*\*\*@127\.0\.0\.1:\d+: .*certificate/);
    expect(sandbox.stats.requests).toBe(0);
    const trusted = await runCli(argv, { env: baseEnv({ ...SECRET, NODE_EXTRA_CA_CERTS: tls.ca }) });
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(trusted.stdout.trim().split('\n')).toHaveLength(1445);
    expect(redis.cli('--scan').trim()).toMatch(/^paginate:budget:/);
  });

  it('Redis unreachable at start: exit 2 naming the URL without its password, before any request', async () => {
    const sandbox = await sharedSandbox();
    cleanups.push(() => sandbox.close());
    const port = await freePort();
    const url = `redis://worker:${REDIS_PASSWORD}@127.0.0.1:${port}/1`;
    const flag = await runCli(['export', 'soundcharts', '--base-url', sandbox.url, '--limiter', url], { env: baseEnv(SECRET) });
    const fromEnv = await runCli(['export', 'soundcharts', '--base-url', sandbox.url], { env: baseEnv({ ...SECRET, PAGINATE_LIMITER: url }) });
    for (const result of [flag, fromEnv]) {
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toBe(`paginate: cannot reach the limiter at redis://worker:***@127.0.0.1:${port}/1: connect ECONNREFUSED 127.0.0.1:${port}\n`);
    }
    expect(sandbox.stats.requests).toBe(0);
  });

  it('Redis lost mid-run: requests wait, then exit 1 after --limiter-timeout with the checkpoint intact; a rerun resumes', async () => {
    const { redis, sandbox, dir, env, args, exact } = await setup();
    let child: ChildProcess | undefined;
    const running = runCli(args('10000', ['--limiter-timeout', '2']), { env, onSpawn: (spawned) => (child = spawned) });
    await until(() => sandbox.stats.requests >= 15);
    await redis.stop();
    const lostAt = Date.now();
    const lost = await running;
    expect(child).toBeDefined();
    expect(lost.code, lost.stderr).toBe(1);
    expect(lost.stderr).toMatch(new RegExp(`paginate: lost the limiter at redis://127\\.0\\.0\\.1:${redis.port}: no answer for 2 s .*the checkpoint is kept`));
    // Waiting, not sending: nothing left after the requests already on their way.
    expect(sandbox.stats.log.filter((entry) => entry.at > lostAt + 200)).toEqual([]);
    expect(lost.ms).toBeLessThan(15_000);
    const sent = sandbox.stats.requests;
    expect(readdirSync(join(dir, 'state')).some((name) => name.endsWith('.json'))).toBe(true);

    await redis.start();
    const rerun = await runCli(args('10000'), { env });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(/complete \(resumed\)/);
    expect(exact('10000')).toBe(true);
    expect(sandbox.stats.requests - sent).toBeLessThan(60);
  });

  it('Redis restarted with its keys gone: the budget is rebuilt and no window goes over the limit', async () => {
    const { redis, sandbox, env, args, exact } = await setup();
    const results = Promise.all(MINS.map((min) => runCli(args(min), { env })));
    await until(() => sandbox.stats.requests >= 40);
    await redis.stop();
    await redis.start();
    const restartedAt = Date.now();
    for (const result of await results) expect(result.code, result.stderr).toBe(0);
    for (const min of MINS) expect(exact(min), `export min=${min}`).toBe(true);
    expect(redis.cli('--scan').trim()).not.toBe('');
    const log = sandbox.stats.log;
    const around = (at: number) => log.filter((entry) => Math.abs(entry.at - at) < 1000).map((entry) => `${entry.at - at}:${entry.status}`).join(' ');
    expect(log.filter((entry) => entry.status === 429).map((entry) => around(entry.at)), `restarted at ${restartedAt}`).toEqual([]);
    expect(busiestWindow(log.map((entry) => entry.at), 1000)).toBeLessThanOrEqual(LIMIT);
  });

  it('an export killed with SIGKILL holds nothing: the others go on at the full rate', async () => {
    const { sandbox, env, args, exact } = await setup();
    let victim: ChildProcess | undefined;
    const runs: Array<Promise<RunResult>> = MINS.slice(0, 2).map((min) => runCli(args(min), { env }));
    const killed = runCli(args('50000'), { env, onSpawn: (child) => (victim = child) });
    await until(() => sandbox.handled.filter((call) => call.min === '50000').length >= 5);
    victim!.kill('SIGKILL');
    const killedAt = Date.now();
    expect((await killed).signal).toBe('SIGKILL');
    for (const result of await Promise.all(runs)) expect(result.code, result.stderr).toBe(0);
    for (const min of MINS.slice(0, 2)) expect(exact(min), `export min=${min}`).toBe(true);
    const after = sandbox.stats.log.map((entry) => entry.at).filter((at) => at > killedAt);
    // No stall: the two left share the whole budget at once, never waiting for the dead one's share.
    const gaps = after.slice(1).map((at, i) => at - after[i]);
    expect(Math.max(...gaps)).toBeLessThan(500);
    const second = after.filter((at) => at > killedAt + 200 && at <= killedAt + 1200).length;
    expect(second).toBeGreaterThanOrEqual(RATE * 0.7);
    expect(sandbox.stats.log.filter((entry) => entry.status === 429)).toEqual([]);
  });
});
