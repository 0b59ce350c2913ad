/**
 * Fan-out end to end: parent exports piped into child exports in a real shell against the
 * sandboxes, parent order kept at any --concurrency, one limiter, and the bad inputs.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createEmulator } from '../../sandbox/registry.js';
import { SOUNDCLOUD_USERS } from '../../sandbox/soundcloud/data.js';
import { baseEnv, runCli, withSandbox } from './harness.js';
import { ndjsonOf, PAGINATE, runWithStdin, shell, tempDir } from './fan-out-helpers.js';

type Row = Record<string, unknown>;

describe('fan-out pipelines against the sandboxes', () => {
  it('artsy: artists | artworks --each artist-id=id, every artwork in artist order', async () => {
    const dir = tempDir('fan-artsy');
    const result = await shell(`${PAGINATE} export artsy artists --sandbox --max-items 15 -q | ${PAGINATE} export artsy artworks --sandbox --each artist-id=id -o artworks.ndjson`, baseEnv(), dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/15 parents, \d+ records/);
    // A fresh emulator has the same seeded data as each process's sandbox.
    const emulator = createEmulator('artsy');
    const artists = emulator.records('artists').slice(0, 15) as Row[];
    const expected = artists.flatMap((artist) => emulator.records('artworks', { artist_id: String(artist.id) }));
    expect(expected.length).toBeGreaterThan(15);
    expect(readFileSync(join(dir, 'artworks.ndjson'), 'utf8')).toBe(ndjsonOf(expected));
  }, 120_000);

  it('soundcloud: user-followings to users.ndjson, then user-tracks --each user=urn --each-from users.ndjson to CSV with the parent as a column', async () => {
    const dir = tempDir('fan-sc');
    const result = await shell(
      `${PAGINATE} export soundcloud user-followings --sandbox -q -o users.ndjson && ${PAGINATE} export soundcloud user-tracks --sandbox --each user=urn --each-from users.ndjson --with-parent user_urn --fields urn,title -o tracks.csv`,
      baseEnv(),
      dir,
    );
    expect(result.code, result.stderr).toBe(0);
    const emulator = createEmulator('soundcloud');
    const users = emulator.records('user-followings', { user: `soundcloud:users:${SOUNDCLOUD_USERS[0].id}` }) as Array<{ urn: string }>;
    expect(users.map((user) => user.urn).sort()).toEqual(SOUNDCLOUD_USERS.slice(1).map((user) => `soundcloud:users:${user.id}`).sort());
    const expected = users.flatMap((user) =>
      (emulator.records('user-tracks', { user: user.urn, access: 'playable,preview,blocked' }) as Row[]).map((track) => [user.urn, String(track.urn), String(track.title)]),
    );
    expect(expected.length).toBeGreaterThan(100);
    const rows = parse(readFileSync(join(dir, 'tracks.csv'), 'utf8')) as string[][];
    expect(rows[0]).toEqual(['user_urn', 'urn', 'title']);
    expect(rows.slice(1)).toEqual(expected);
  }, 120_000);

  it('soundcloud: user-followings | user-tracks --each user=urn in a pipe, the same records', async () => {
    const dir = tempDir('fan-sc-pipe');
    const result = await shell(`${PAGINATE} export soundcloud user-followings --sandbox -q | ${PAGINATE} export soundcloud user-tracks --sandbox --each user=urn --concurrency 4`, baseEnv(), dir);
    expect(result.code, result.stderr).toBe(0);
    const emulator = createEmulator('soundcloud');
    const users = emulator.records('user-followings', { user: `soundcloud:users:${SOUNDCLOUD_USERS[0].id}` }) as Array<{ urn: string }>;
    expect(result.stdout).toBe(ndjsonOf(users.flatMap((user) => emulator.records('user-tracks', { user: user.urn, access: 'playable,preview,blocked' }))));
  }, 120_000);

  it('soundcharts: artists | artist-songs --each artist=artist.uuid, with --with-parent in NDJSON', async () => {
    const dir = tempDir('fan-scs');
    const result = await shell(
      `${PAGINATE} export soundcharts artists --sandbox --max-items 12 -q | ${PAGINATE} export soundcharts artist-songs --sandbox --each artist=artist.uuid --with-parent artist_uuid --concurrency 4`,
      baseEnv(),
      dir,
    );
    expect(result.code, result.stderr).toBe(0);
    const emulator = createEmulator('soundcharts');
    const artists = (emulator.records('artists', {}) as Array<{ artist: { uuid: string } }>).slice(0, 12);
    const expected = artists.flatMap(({ artist }) => (emulator.records('artist-songs', { uuid: artist.uuid }) as Row[]).map((song) => ({ artist_uuid: artist.uuid, ...song })));
    expect(expected.length).toBeGreaterThan(100);
    expect(result.stdout).toBe(ndjsonOf(expected));
  }, 120_000);

  it('podchaser: podcasts | episodes --each podcast=id, cursor chains under the one 300/min budget', async () => {
    const dir = tempDir('fan-pc');
    const result = await shell(`${PAGINATE} export podchaser podcasts --sandbox --max-items 6 -q | ${PAGINATE} export podchaser episodes --sandbox --each podcast=id --concurrency 3`, baseEnv(), dir);
    expect(result.code, result.stderr).toBe(0);
    const emulator = createEmulator('podchaser');
    const podcasts = (emulator.records('podcasts', {}) as Row[]).slice(0, 6);
    const fields = ['id', 'title', 'description', 'airDate', 'length', 'url', 'audioUrl', 'explicit', 'episodeType'];
    const expected = podcasts.flatMap((podcast) => emulator.records('episodes', { podcast: String(podcast.id) }) as Row[]).map((episode) => Object.fromEntries(fields.map((field) => [field, episode[field]])));
    expect(expected.length).toBeGreaterThan(100);
    expect(result.stdout).toBe(ndjsonOf(expected));
  }, 120_000);
});

describe('fan-out concurrency: one limiter, parent order', () => {
  it('--concurrency 8 gives the same bytes as 1, at least 5× faster by the emulator’s own clock', async () => {
    await withSandbox('artsy', { latencyMs: 40, rateLimitPerMinute: Infinity }, async (sandbox) => {
      const emulator = sandbox.emulator;
      // Parents with three artworks each: at one per page, chains of three latency-bound next links.
      const parents = (emulator.records('artists') as Row[]).filter((artist) => emulator.records('artworks', { artist_id: String(artist.id) }).length === 3).slice(0, 40);
      expect(parents).toHaveLength(40);
      const dir = tempDir('fan-speed');
      writeFileSync(join(dir, 'artists.ndjson'), ndjsonOf(parents));
      const env = baseEnv(emulator.env);
      const run = async (concurrency: number) => {
        sandbox.resetStats();
        const out = join(dir, `c${concurrency}.ndjson`);
        const args = ['export', 'artsy', 'artworks', '--base-url', sandbox.url, '--rate', '1000/s', '--page-size', '1', '--each', 'artist-id=id', '--each-from', join(dir, 'artists.ndjson'), '--concurrency', String(concurrency), '-o', out];
        const result = await runCli(args, { env });
        expect(result.code, result.stderr).toBe(0);
        const log = sandbox.stats.log.filter((entry) => entry.path === '/api/artworks');
        expect(log).toHaveLength(40 * 3);
        const span = Math.max(...log.map((entry) => entry.end ?? entry.at)) - Math.min(...log.map((entry) => entry.at));
        return { bytes: readFileSync(out, 'utf8'), span, maxInFlight: sandbox.stats.maxInFlight };
      };
      const one = await run(1);
      const eight = await run(8);
      expect(eight.bytes).toBe(one.bytes);
      expect(one.bytes).toBe(ndjsonOf(parents.flatMap((artist) => emulator.records('artworks', { artist_id: String(artist.id) }))));
      expect(one.maxInFlight).toBe(1);
      expect(eight.maxInFlight).toBeGreaterThan(1);
      expect(eight.maxInFlight).toBeLessThanOrEqual(8);
      console.log(`fan-out speedup: ${one.span} ms at --concurrency 1, ${eight.span} ms at 8: ${(one.span / eight.span).toFixed(1)}×`);
      expect(one.span / eight.span).toBeGreaterThanOrEqual(5);
    });
  }, 120_000);

  it('all parents share the one rate limit: the emulator’s 5/s is never exceeded at --concurrency 8', async () => {
    await withSandbox('artsy', { latencyMs: 5 }, async (sandbox) => {
      const parents = (sandbox.emulator.records('artists') as Row[]).slice(0, 16);
      const dir = tempDir('fan-rate');
      writeFileSync(join(dir, 'artists.ndjson'), ndjsonOf(parents));
      const result = await runCli(['export', 'artsy', 'artworks', '--base-url', sandbox.url, '--each', 'artist-id=id', '--each-from', join(dir, 'artists.ndjson'), '--concurrency', '8'], {
        env: baseEnv(sandbox.emulator.env),
      });
      expect(result.code, result.stderr).toBe(0);
      expect(sandbox.stats.rateLimited, 'requests refused by the 5/s limit').toBe(0);
      expect(result.stdout).toBe(ndjsonOf(parents.flatMap((artist) => sandbox.emulator.records('artworks', { artist_id: String(artist.id) }))));
    });
  }, 120_000);
});

describe('fan-out bad input', () => {
  const soundcloud = <T>(run: (url: string, env: NodeJS.ProcessEnv, records: (urn: string) => unknown[], requests: () => number) => Promise<T>) =>
    withSandbox('soundcloud', {}, (sandbox) =>
      run(sandbox.url, baseEnv(sandbox.emulator.env), (urn) => sandbox.emulator.records('user-tracks', { user: urn, access: 'playable,preview,blocked' }), () => sandbox.stats.requests),
    );
  const urn = (index: number) => `soundcloud:users:${SOUNDCLOUD_USERS[index].id}`;
  const args = (url: string, ...more: string[]) => ['export', 'soundcloud', 'user-tracks', '--base-url', url, '--each', 'user=urn', ...more];

  it('a line that is not JSON: exit 2 naming the line; the parents before it are exported, and a fixed rerun completes the file exactly', async () => {
    await soundcloud(async (url, env, records) => {
      const dir = tempDir('fan-bad');
      const out = join(dir, 'tracks.ndjson');
      const lines = [JSON.stringify({ urn: urn(3) }), '', JSON.stringify({ urn: urn(1) }), '{"urn": "soundcloud:users:5550002"', JSON.stringify({ urn: urn(2) })];
      writeFileSync(join(dir, 'users.ndjson'), `${lines.join('\n')}\n`);
      const result = await runCli(args(url, '--each-from', join(dir, 'users.ndjson'), '-o', out), { env });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/users\.ndjson line 4: the parent is not JSON/);
      expect(readFileSync(out, 'utf8')).toBe(ndjsonOf([...records(urn(3)), ...records(urn(1))]));
      lines[3] = JSON.stringify({ urn: urn(4) });
      writeFileSync(join(dir, 'users.ndjson'), `${lines.join('\n')}\n`);
      const fixed = await runCli(args(url, '--each-from', join(dir, 'users.ndjson'), '-o', out), { env });
      expect(fixed.code, fixed.stderr).toBe(0);
      expect(fixed.stderr).toMatch(/resumed/);
      expect(readFileSync(out, 'utf8')).toBe(ndjsonOf([3, 1, 4, 2].flatMap((index) => records(urn(index)))));
    });
  });

  it('a parent without the PATH: exit 2 with its line number, after the parents before it', async () => {
    await soundcloud(async (url, env, records) => {
      const result = await runWithStdin(args(url), `${JSON.stringify({ urn: urn(3) })}\n${JSON.stringify({ id: 1 })}\n`, env);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/stdin line 2: the parent has no value at urn \(for --each user\)/);
      expect(result.stdout).toBe(ndjsonOf(records(urn(3))));
    });
  });

  it('--each on an endpoint without that filter: exit 2 listing its filters, no request sent', async () => {
    await soundcloud(async (url, env, _records, requests) => {
      const result = await runWithStdin(['export', 'soundcloud', 'user-tracks', '--base-url', url, '--each', 'artist-id=id'], '{"id":1}\n', env);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--each artist-id: soundcloud user-tracks has no filter "artist-id"; valid filters: user, access, sort/);
      expect(requests()).toBe(0);
    });
  });

  it('an empty parent stream: exit 0 with "0 parents"', async () => {
    await soundcloud(async (url, env, _records, requests) => {
      const result = await runWithStdin(args(url), '', env);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/0 parents, 0 records/);
      expect(result.stdout).toBe('');
      expect(requests()).toBe(0);
    });
  });

  it('a parent the API answers with 404 is reported and counted, the others exported, exit 3', async () => {
    await soundcloud(async (url, env, records) => {
      const parents = [urn(3), 'soundcloud:users:999999', urn(4), urn(1)].map((value) => JSON.stringify({ urn: value })).join('\n');
      const result = await runWithStdin([...args(url), '--concurrency', '3'], `${parents}\n`, env);
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).toMatch(/parent 2 \(stdin line 2, user=soundcloud:users:999999\) not found/);
      expect(result.stderr).toMatch(/4 parents \(1 not found\)/);
      expect(result.stderr).toMatch(/POSSIBLY INCOMPLETE: 1 of 4 parents not found/);
      expect(result.stdout).toBe(ndjsonOf([...records(urn(3)), ...records(urn(4)), ...records(urn(1))]));
    });
  });

  it('a missing --each-from file, --each-from without --each, a bad --each: exit 2 before any request', async () => {
    await soundcloud(async (url, env, _records, requests) => {
      const missing = await runCli(args(url, '--each-from', '/nonexistent/users.ndjson'), { env });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/--each-from \/nonexistent\/users\.ndjson: no such file/);
      const alone = await runCli(['export', 'soundcloud', 'user-tracks', '--base-url', url, '--each-from', 'users.ndjson'], { env });
      expect(alone.code).toBe(2);
      expect(alone.stderr).toMatch(/--each-from needs --each/);
      const bad = await runCli(['export', 'soundcloud', 'user-tracks', '--base-url', url, '--each', 'user'], { env });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/expected FILTER=PATH/);
      expect(requests()).toBe(0);
    });
  });
});
