/** Output formats end to end: CSV round-trips awkward values, .gz decompresses to the NDJSON, --sandbox needs no credentials. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { baseEnv, parseNdjson, runCli, withSandbox } from './harness.js';

const dir = () => mkdtempSync(join(tmpdir(), 'paginate-out-'));

describe('output', () => {
  it('CSV round-trips awkward values (quotes, commas, newlines, unicode) through a real CSV parser', async () => {
    await withSandbox('starting-at', {}, async (sandbox) => {
      const out = join(dir(), 'items.csv');
      const fields = 'id,name,notes,price,active,tags';
      const result = await runCli(['export', 'starting-at', '--base-url', sandbox.url, '-o', out, '--fields', fields], {
        env: baseEnv(sandbox.emulator.env),
      });
      expect(result.code, result.stderr).toBe(0);
      const rows: string[][] = parse(readFileSync(out, 'utf8'), { relax_quotes: false });
      expect(rows[0]).toEqual(fields.split(','));
      const expected = sandbox.emulator.records('items', {}) as Array<Record<string, unknown>>;
      expect(rows.length - 1).toBe(expected.length);
      const cell = (value: unknown) =>
        value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
      const awkward = expected.findIndex((record) => /["\n,]/.test(String(record.name) + String(record.notes)));
      expect(awkward, 'the sandbox data has awkward values').toBeGreaterThanOrEqual(0);
      expected.forEach((record, i) => {
        expect(rows[i + 1], `row ${i + 1}`).toEqual(fields.split(',').map((field) => cell(record[field])));
      });
    });
  });

  it('.gz output decompresses to exactly the NDJSON output', async () => {
    await withSandbox('soundcloud', {}, async (sandbox) => {
      const folder = dir();
      const args = ['export', 'soundcloud', '--base-url', sandbox.url, '--filter', 'user=soundcloud:users:31337007'];
      const env = baseEnv(sandbox.emulator.env);
      const plain = await runCli([...args, '-o', join(folder, 'tracks.ndjson')], { env });
      const gzipped = await runCli([...args, '-o', join(folder, 'tracks.ndjson.gz')], { env });
      expect(plain.code, plain.stderr).toBe(0);
      expect(gzipped.code, gzipped.stderr).toBe(0);
      const ndjson = readFileSync(join(folder, 'tracks.ndjson'));
      expect(parseNdjson(ndjson.toString()).length).toBeGreaterThan(10);
      expect(gunzipSync(readFileSync(join(folder, 'tracks.ndjson.gz'))).equals(ndjson)).toBe(true);
    });
  });

  it('--sandbox exports with no credentials in the environment, summary on stderr only', async () => {
    const result = await runCli(['export', 'podchaser', '--sandbox', '--max-items', '250'], { env: baseEnv() });
    expect(result.code, result.stderr).toBe(0);
    const records = parseNdjson(result.stdout);
    expect(records).toHaveLength(250);
    expect(result.stderr).toMatch(/podchaser podcasts: 250 records/);
  });

  it('--sandbox supplies what the real API requires (a SoundCloud user), so every provider runs with no setup', async () => {
    for (const profile of ['soundcharts', 'soundcloud', 'podchaser', 'artsy', 'starting-at']) {
      const result = await runCli(['export', profile, '--sandbox', '--max-items', '120'], { env: baseEnv() });
      expect(result.code, `${profile}: ${result.stderr}`).toBe(0);
      expect(parseNdjson(result.stdout), profile).toHaveLength(120);
    }
  });

  it('a hybrid export cut by --max-items ends at once: the requests still in flight are dropped, not retried', async () => {
    await withSandbox('soundcharts', { size: 3000, latencyMs: 300 }, async (sandbox) => {
      const result = await runCli(['export', 'soundcharts', '--base-url', sandbox.url, '--filter', 'min=10000', '--concurrency', '8', '--max-items', '100', '--verbose'], {
        env: baseEnv(sandbox.emulator.env),
      });
      expect(result.code, result.stderr).toBe(0);
      expect(parseNdjson(result.stdout)).toHaveLength(100);
      expect(result.stderr).not.toMatch(/retry/);
      const summary = result.stderr.trim().split('\n').at(-1);
      expect(summary, 'the summary is the last line').toMatch(/100 records, .*complete$/);
      // The first page, then one round of parallel requests, each 300 ms: not five retries' backoff.
      expect(result.ms).toBeLessThan(4000);
    });
  });

  it('--fields projects NDJSON records', async () => {
    const result = await runCli(['export', 'artsy', 'genes', '--sandbox', '--max-items', '3', '--fields', 'id,name'], { env: baseEnv() });
    expect(result.code, result.stderr).toBe(0);
    const records = parseNdjson(result.stdout) as Array<Record<string, unknown>>;
    expect(records).toHaveLength(3);
    for (const record of records) expect(Object.keys(record)).toEqual(['id', 'name']);
  });
});
