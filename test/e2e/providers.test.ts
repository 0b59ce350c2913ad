/** A full sandbox export of each provider returns exactly the emulator's records: same order, none missing, none duplicated. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { baseEnv, diffRecords, parseNdjson, runCli, withSandbox } from './harness.js';
import { getPath } from '../../src/json/path.js';

const byPath = (path: string) => (record: unknown) => String(getPath(record, path));

describe('full sandbox exports, sequential', () => {
  it('soundcharts: the cursor guide\'s 140,830 artists across three offset windows', async () => {
    await withSandbox('soundcharts', {}, async (sandbox) => {
      const result = await runCli(
        ['export', 'soundcharts', 'artists', '--base-url', sandbox.url, '--filter', 'min=10000', '--strategy', 'sequential', '--rate', '1000/s'],
        { env: baseEnv(sandbox.emulator.env) },
      );
      expect(result.stderr).toMatch(/140830 records/);
      expect(result.code, result.stderr).toBe(0);
      const expected = sandbox.emulator.records('artists', { min: '10000' });
      expect(expected.length).toBe(140_830);
      expect(diffRecords(parseNdjson(result.stdout), expected, byPath('artist.uuid'))).toBeUndefined();
      // Offsets never pass the 50,000 window: the last offset requested is 49,900.
      const offsets = sandbox.stats.log.map((entry) => Number(new URLSearchParams(entry.query).get('offset')));
      expect(Math.max(...offsets)).toBe(49_900);
    });
  });

  it('soundcloud: follows next_href through short and empty pages', async () => {
    await withSandbox('soundcloud', {}, async (sandbox) => {
      const user = String(getPath(sandbox.emulator.records('user-tracks', {})[0] ?? {}, 'user.urn'));
      const result = await runCli(['export', 'soundcloud', 'user-tracks', '--base-url', sandbox.url, '--filter', `user=${user}`], {
        env: baseEnv(sandbox.emulator.env),
      });
      expect(result.code, result.stderr).toBe(0);
      const expected = sandbox.emulator.records('user-tracks', { user, access: 'playable,preview,blocked' });
      expect(expected.length).toBeGreaterThan(500);
      expect(diffRecords(parseNdjson(result.stdout), expected, byPath('urn'))).toBeUndefined();
    });
  });

  it('podchaser: GraphQL cursor pages', async () => {
    await withSandbox('podchaser', {}, async (sandbox) => {
      const result = await runCli(['export', 'podchaser', '--base-url', sandbox.url], { env: baseEnv(sandbox.emulator.env) });
      expect(result.code, result.stderr).toBe(0);
      const fields = ['id', 'title', 'description', 'url', 'imageUrl', 'language', 'numberOfEpisodes', 'avgEpisodeLength', 'ratingAverage'];
      const expected = sandbox.emulator
        .records('podcasts', { sortBy: 'FOLLOWER_COUNT', direction: 'DESCENDING' })
        .map((record) => Object.fromEntries(fields.map((field) => [field, (record as Record<string, unknown>)[field]])));
      expect(diffRecords(parseNdjson(result.stdout), expected, byPath('id'))).toBeUndefined();
    });
  });

  it('podchaser: sort-by=ALPHABETICAL ascending reaches the API as PodcastSortType ALPHABETICAL', async () => {
    await withSandbox('podchaser', { size: 300 }, async (sandbox) => {
      const args = ['export', 'podchaser', '--base-url', sandbox.url, '--filter', 'sort-by=ALPHABETICAL', '--filter', 'direction=ASCENDING', '--fields', 'id,title'];
      const result = await runCli(args, { env: baseEnv(sandbox.emulator.env) });
      expect(result.code, result.stderr).toBe(0);
      const expected = sandbox.emulator.records('podcasts', { sortBy: 'ALPHABETICAL', direction: 'ASCENDING', fields: 'id,title' });
      expect(diffRecords(parseNdjson(result.stdout), expected, byPath('id'))).toBeUndefined();
      expect(sandbox.stats.requests).toBe(3);
    });
  });

  it('artsy: HAL next links under the 5 requests/s limit', async () => {
    await withSandbox('artsy', {}, async (sandbox) => {
      const result = await runCli(['export', 'artsy', 'artists', '--base-url', sandbox.url], { env: baseEnv(sandbox.emulator.env) });
      expect(result.code, result.stderr).toBe(0);
      expect(diffRecords(parseNdjson(result.stdout), sandbox.emulator.records('artists', {}), byPath('id'))).toBeUndefined();
      expect(sandbox.stats.rateLimited, 'requests refused by the 5/s limit').toBe(0);
    });
  });

  it('starting-at: EduFocal\'s base64 starting_at cursor until the empty page, host from STARTING_AT_BASE_URL', async () => {
    await withSandbox('starting-at', {}, async (sandbox) => {
      const result = await runCli(['export', 'starting-at'], { env: baseEnv({ ...sandbox.emulator.env, STARTING_AT_BASE_URL: sandbox.url }) });
      expect(result.code, result.stderr).toBe(0);
      expect(diffRecords(parseNdjson(result.stdout), sandbox.emulator.records('items', {}), byPath('id'))).toBeUndefined();
      const queries = sandbox.stats.log.map((entry) => new URLSearchParams(entry.query));
      expect(queries[0].has('starting_at')).toBe(false);
      expect(queries.slice(1).every((query) => query.has('starting_at') && !query.has('cursor'))).toBe(true);
    });
  });

  it('starting-at: a profile sending the cursor as cursor= gets page 1 again and stops on "repeated cursor"', async () => {
    const shipped = readFileSync(fileURLToPath(new URL('../../profiles/starting-at.yaml', import.meta.url)), 'utf8');
    const wrong = shipped.replace('name: starting-at', 'name: wrong-cursor-name').replace('name: starting_at}', 'name: cursor}');
    expect(wrong).toContain('{in: query, name: cursor}');
    const file = join(mkdtempSync(join(tmpdir(), 'paginate-wrong-')), 'wrong-cursor-name.yaml');
    writeFileSync(file, wrong);
    await withSandbox('starting-at', {}, async (sandbox) => {
      const result = await runCli(['export', 'wrong-cursor-name', '--profile-file', file, '--base-url', sandbox.url], { env: baseEnv(sandbox.emulator.env) });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/repeated cursor/);
      expect(sandbox.stats.log).toHaveLength(2);
    });
  });
});
