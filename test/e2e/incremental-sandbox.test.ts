/**
 * --incremental against the shipped profiles and their emulators growing between runs:
 * SoundCloud's tracks newest first, starting-at's keyset cursor. Exactly once to a file across
 * runs with SIGKILLs inside some; request counts on the emulator's own counter.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseEnv, parseNdjson, runCli, withSandbox } from './harness.js';

const USER = 'soundcloud:users:948745750';

function exactlyOnce(written: string[], expected: string[]): string | undefined {
  const seen = new Set(written);
  const missing = expected.filter((key) => !seen.has(key));
  const repeated = written.length - seen.size;
  return missing.length || repeated || seen.size !== expected.length
    ? `expected ${expected.length} unique keys, got ${seen.size} (${repeated} repeated, missing ${missing.length}: ${missing.slice(0, 5).join(', ')})`
    : undefined;
}

const keysOf = (file: string, key: string) => parseNdjson(readFileSync(file, 'utf8')).map((record) => String((record as Record<string, unknown>)[key]));

async function runMaybeKilled(args: string[], env: NodeJS.ProcessEnv, killAfterMs?: number) {
  if (killAfterMs !== undefined) await runCli(args, { env, onSpawn: (child) => setTimeout(() => child.kill('SIGKILL'), killAfterMs) });
  return runCli(args, { env });
}

const CASES = [
  {
    name: 'soundcloud user-tracks, newest first',
    sandbox: 'soundcloud',
    size: 300,
    args: ['export', 'soundcloud', 'user-tracks', '--filter', `user=${USER}`, '--page-size', '20'],
    key: 'urn',
    late: 2,
    expected: (emulator: { records(endpoint: string, params?: Record<string, string>): unknown[] }) =>
      emulator.records('user-tracks', { user: USER, access: 'playable,preview,blocked', sort: 'desc' }),
  },
  {
    // A keyset cursor never sees a record inserted behind it, so no late records here.
    name: 'starting-at items, keyset cursor',
    sandbox: 'starting-at',
    size: 400,
    args: ['export', 'starting-at', '--page-size', '20'],
    key: 'id',
    late: 0,
    expected: (emulator: { records(endpoint: string): unknown[] }) => emulator.records('items'),
  },
] as const;

describe('incremental runs against growing emulators (property)', () => {
  for (const c of CASES) {
    it(`${c.name}: after every run the file holds each record exactly once`, async () => {
      const step = fc.record({
        fresh: fc.integer({ min: 0, max: 45 }),
        tied: fc.integer({ min: 0, max: 3 }),
        late: fc.integer({ min: 0, max: c.late }),
        kill: fc.option(fc.integer({ min: 200, max: 800 }), { nil: undefined }),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 2, maxLength: 4 }), async (steps) => {
          await withSandbox(c.sandbox, { size: c.size, latencyMs: 6 }, async (sandbox) => {
            const out = join(mkdtempSync(join(tmpdir(), 'paginate-incr-')), 'out.ndjson');
            const env = baseEnv(sandbox.emulator.env);
            const args = [...c.args, '--base-url', sandbox.url, '--incremental', '-o', out];
            for (const [index, growth] of steps.entries()) {
              if (index > 0) sandbox.emulator.grow?.(growth);
              const result = await runMaybeKilled(args, env, growth.kill);
              expect(result.code, result.stderr).toBe(0);
              const expected = c.expected(sandbox.emulator).map((record) => String((record as Record<string, unknown>)[c.key]));
              const problem = exactlyOnce(keysOf(out, c.key), expected);
              if (problem) throw new Error(`run ${index + 1} of ${JSON.stringify(steps)}: ${problem}`);
            }
          });
        }),
        { numRuns: 3 },
      );
    }, 240_000);
  }
});

describe('incremental request counts on the emulator', () => {
  it('soundcloud newest first: k new tracks cost at most ceil(k / page size) + 1 requests', async () => {
    await withSandbox('soundcloud', { size: 2000 }, async (sandbox) => {
      const env = baseEnv(sandbox.emulator.env);
      const out = join(mkdtempSync(join(tmpdir(), 'paginate-incr-')), 'tracks.ndjson');
      const args = ['export', 'soundcloud', '--filter', `user=${USER}`, '--base-url', sandbox.url, '--incremental', '--page-size', '50', '-o', out];
      expect((await runCli(args, { env })).code).toBe(0);
      expect(sandbox.stats.requests).toBeGreaterThanOrEqual(40);
      for (const k of [0, 3, 50, 120]) {
        sandbox.emulator.grow?.({ fresh: k });
        const before = sandbox.stats.requests;
        const result = await runCli(args, { env });
        expect(result.code, result.stderr).toBe(0);
        const sent = sandbox.stats.requests - before;
        expect(sent, `${k} new tracks took ${sent} requests`).toBeLessThanOrEqual(Math.ceil(k / 50) + 1);
      }
      const expected = sandbox.emulator.records('user-tracks', { user: USER, access: 'playable,preview,blocked', sort: 'desc' });
      expect(exactlyOnce(keysOf(out, 'urn'), expected.map((record) => (record as { urn: string }).urn))).toBeUndefined();
    });
  }, 60_000);

  it('starting-at keyset: continues from the last cursor, so no request re-reads a page it has', async () => {
    await withSandbox('starting-at', { size: 1000 }, async (sandbox) => {
      const env = baseEnv(sandbox.emulator.env);
      const args = ['export', 'starting-at', '--base-url', sandbox.url, '--incremental', '--page-size', '50'];
      const first = await runCli(args, { env });
      expect(parseNdjson(first.stdout)).toHaveLength(1000);
      const cursors = new Set(sandbox.stats.log.map((entry) => new URLSearchParams(entry.query).get('starting_at')));
      for (const k of [0, 30, 120]) {
        sandbox.emulator.grow?.({ fresh: k, tied: k > 0 ? 1 : 0 });
        const before = sandbox.stats.log.length;
        const result = await runCli(args, { env });
        expect(result.code, result.stderr).toBe(0);
        expect(parseNdjson(result.stdout)).toHaveLength(k + (k > 0 ? 1 : 0));
        const sent = sandbox.stats.log.slice(before).map((entry) => new URLSearchParams(entry.query).get('starting_at'));
        expect(sent[0], 'the run starts from the saved cursor, not page 1').not.toBeNull();
        expect(sent.slice(1).filter((cursor) => cursors.has(cursor)), 'a page already read was requested again').toEqual([]);
        // The new pages, then the empty page that ends every chain of this API.
        expect(sent.length).toBe(Math.ceil((k + (k > 0 ? 1 : 0)) / 50) + 1);
        for (const cursor of sent) cursors.add(cursor);
      }
    });
  }, 60_000);
});
