/** Hybrid parallel fetching: same bytes as sequential, bounded by the window, the total, --concurrency and the rate. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseEnv, runCli, withSandbox } from './harness.js';
import { json, tinyServer } from './tiny-server.js';
import { busiestWindow } from '../busiest-window.js';

const offsetOf = (query: string) => Number(new URLSearchParams(query).get('offset'));
const cursorOf = (query: string) => new URLSearchParams(query).get('cursor');

describe('hybrid strategy against the Soundcharts sandbox', () => {
  it('produces byte-identical output to sequential across windows, never past the window or the total', async () => {
    await withSandbox('soundcharts', { latencyMs: 3 }, async (sandbox) => {
      const dir = mkdtempSync(join(tmpdir(), 'paginate-hybrid-'));
      const env = baseEnv(sandbox.emulator.env);
      const common = ['export', 'soundcharts', '--base-url', sandbox.url, '--filter', 'min=10000', '--rate', '2000/s'];
      const sequential = await runCli([...common, '--strategy', 'sequential', '-o', join(dir, 'seq.ndjson')], { env });
      expect(sequential.code, sequential.stderr).toBe(0);
      sandbox.resetStats();
      const hybrid = await runCli([...common, '--strategy', 'hybrid', '--concurrency', '6', '-o', join(dir, 'hybrid.ndjson')], { env });
      expect(hybrid.code, hybrid.stderr).toBe(0);
      expect(hybrid.stderr).toMatch(/140830 records/);
      expect(readFileSync(join(dir, 'hybrid.ndjson')).equals(readFileSync(join(dir, 'seq.ndjson')))).toBe(true);

      const log = sandbox.stats.log;
      // 140,830 records at 100 per page: exactly 1,409 requests, none beyond the total.
      expect(log).toHaveLength(1409);
      expect(Math.max(...log.map((entry) => offsetOf(entry.query)))).toBe(49_900);
      const windows = new Map<string | null, number[]>();
      for (const entry of log) windows.set(cursorOf(entry.query), [...(windows.get(cursorOf(entry.query)) ?? []), offsetOf(entry.query)]);
      expect([...windows.values()].map((offsets) => offsets.length)).toEqual([500, 500, 409]);
      expect(sandbox.stats.maxInFlight).toBeLessThanOrEqual(6);
      expect(sandbox.stats.maxInFlight).toBeGreaterThan(1);
    });
  });

  it('a 429 burst with Retry-After pauses every worker, and the export still completes exactly', async () => {
    await withSandbox('soundcharts', { size: 6000, faults: { burst429: { after: 20, count: 4, retryAfterS: 1 } } }, async (sandbox) => {
      const result = await runCli(
        ['export', 'soundcharts', '--base-url', sandbox.url, '--filter', 'min=10000', '--concurrency', '8', '--rate', '500/s', '--verbose'],
        { env: baseEnv(sandbox.emulator.env) },
      );
      expect(result.code, result.stderr).toBe(0);
      const ids = result.stdout.trim().split('\n').map((line) => JSON.parse(line).artist.uuid);
      const expected = (sandbox.emulator.records('artists', { min: '10000' }) as Array<{ artist: { uuid: string } }>).map((r) => r.artist.uuid);
      expect(ids).toEqual(expected);
      const log = sandbox.stats.log;
      const first429 = log.find((entry) => entry.status === 429);
      expect(first429, 'the burst happened').toBeDefined();
      const repliedAt = first429!.end ?? first429!.at;
      // Requests already on the wire may land just after the 429; none may start during the pause.
      const duringPause = log.filter((entry) => entry.at > repliedAt + 60 && entry.at < repliedAt + 940);
      expect(duringPause.map((entry) => entry.at - repliedAt)).toEqual([]);
      expect(result.stderr).toMatch(/4 × 429/);
    });
  });

  it('never exceeds the configured rate over any sliding window', async () => {
    await withSandbox('soundcharts', { size: 8000 }, async (sandbox) => {
      const result = await runCli(
        ['export', 'soundcharts', '--base-url', sandbox.url, '--filter', 'min=10000', '--concurrency', '8', '--rate', '20/s', '--max-items', '6000'],
        { env: baseEnv(sandbox.emulator.env) },
      );
      expect(result.code, result.stderr).toBe(0);
      const times = sandbox.stats.log.map((entry) => entry.at);
      expect(times.length).toBeGreaterThanOrEqual(60);
      expect(busiestWindow(times, 1000)).toBeLessThanOrEqual(20);
    });
  });

  it('a 429 that says the monthly quota is spent is fatal, not retried', async () => {
    await withSandbox('soundcharts', { size: 3000, quota: 5 }, async (sandbox) => {
      const out = join(mkdtempSync(join(tmpdir(), 'paginate-quota-')), 'a.ndjson');
      const result = await runCli(['export', 'soundcharts', '--base-url', sandbox.url, '--filter', 'min=10000', '--concurrency', '1', '-o', out], {
        env: baseEnv(sandbox.emulator.env),
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/quota is spent \(x-quota-remaining: 0\): You have exceeded your monthly API quota/);
      // Not retried: no request that got the quota 429 was sent again (requests already queued may still go out once).
      const refused = sandbox.stats.log.filter((entry) => entry.status === 429).map((entry) => entry.query);
      expect(refused.length).toBeGreaterThan(0);
      expect(new Set(refused).size).toBe(refused.length);
      expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(500);
    });
  });

  it('a server whose total counts only the rows after the cursor still gets every record, in both strategies', async () => {
    const rows = Array.from({ length: 450 }, (_, i) => ({ artist: { uuid: `u${i}` } }));
    const server = await tinyServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const after = url.searchParams.has('cursor') ? Number(Buffer.from(url.searchParams.get('cursor')!, 'base64').toString()) + 1 : 0;
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      const items = rows.slice(after + offset, after + offset + limit);
      const last = after + offset + items.length - 1;
      json(res, 200, { items, page: { offset, limit, total: rows.length - after, cursor: items.length ? Buffer.from(String(last)).toString('base64') : null }, errors: [] });
    });
    try {
      const file = join(mkdtempSync(join(tmpdir(), 'paginate-profile-')), 'soundcharts.yaml');
      writeFileSync(file, readFileSync(new URL('../../profiles/soundcharts.yaml', import.meta.url), 'utf8').replace('window: 50000', 'window: 200'));
      for (const strategy of ['sequential', 'hybrid']) {
        const result = await runCli(['export', 'soundcharts', '--profile-file', file, '--base-url', server.url, '--page-size', '50', '--strategy', strategy], {
          env: baseEnv({ SOUNDCHARTS_APP_ID: 'a', SOUNDCHARTS_API_KEY: 'b' }),
        });
        expect(result.code, `${strategy}: ${result.stderr}`).toBe(0);
        expect(result.stdout.trim().split('\n').map((line) => JSON.parse(line).artist.uuid), strategy).toEqual(rows.map((row) => row.artist.uuid));
      }
    } finally {
      await server.close();
    }
  });

  it('--strategy hybrid on a cursor-paged profile is a usage error', async () => {
    const result = await runCli(['export', 'podchaser', '--sandbox', '--strategy', 'hybrid']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/pages by cursor.*only a profile with an offset window can fetch in parallel/);
  });
});
