/**
 * --incremental against a source that grows between runs: new records, records sharing the
 * boundary timestamp, late records inside the lookback, SIGKILLs inside runs. After every run the
 * file holds each record of the source exactly once; stdout has each at least once.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseEnv, parseNdjson, runCli } from './harness.js';
import { growingProfile, growingSource, type GrowingSource } from './growing-source.js';

const ids = (text: string) => parseNdjson(text).map((record) => (record as { id: string }).id);

/** Compares the union of outputs with the source: says which keys are missing or repeated. */
function exactlyOnce(written: string[], source: GrowingSource): string | undefined {
  const expected = source.items().map((item) => item.id);
  const seen = new Set(written);
  const missing = expected.filter((id) => !seen.has(id));
  const repeated = written.length - seen.size;
  return missing.length || repeated || seen.size !== expected.length
    ? `expected ${expected.length} unique ids, got ${seen.size} (${repeated} repeated, missing ${missing.length}: ${missing.slice(0, 5).join(', ')})`
    : undefined;
}

/** One logical run: SIGKILLed after `killAfterMs` when given, then run again to completion. */
async function incrementalRun(args: string[], env: NodeJS.ProcessEnv, killAfterMs?: number) {
  const outs: string[] = [];
  if (killAfterMs !== undefined) {
    const killed = await runCli(args, { env, onSpawn: (child) => setTimeout(() => child.kill('SIGKILL'), killAfterMs) });
    outs.push(killed.stdout);
  }
  const result = await runCli(args, { env });
  outs.push(result.stdout);
  return { result, outs };
}

const step = fc.record({
  fresh: fc.integer({ min: 0, max: 40 }),
  tied: fc.integer({ min: 0, max: 3 }),
  late: fc.integer({ min: 0, max: 2 }),
  kill: fc.option(fc.integer({ min: 150, max: 700 }), { nil: undefined }),
});

describe('incremental runs (property)', () => {
  for (const endpoint of ['since', 'newest'] as const) {
    it(`${endpoint === 'since' ? 'lower-bound filter' : 'newest first'}, to a file: every record exactly once after each run`, async () => {
      const profile = growingProfile('1h');
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 2, maxLength: 4 }), async (steps) => {
          const source = await growingSource({ initial: 60, latencyMs: 8 });
          try {
            const out = join(mkdtempSync(join(tmpdir(), 'paginate-incr-')), 'items.ndjson');
            const env = baseEnv();
            const args = ['export', 'grow', endpoint, '--profile-file', profile, '--base-url', source.url, '--incremental', '--page-size', '5', '-o', out];
            for (const [index, growth] of steps.entries()) {
              if (index > 0) source.grow(growth);
              const { result } = await incrementalRun(args, env, growth.kill);
              expect(result.code, result.stderr).toBe(0);
              const problem = exactlyOnce(ids(readFileSync(out, 'utf8')), source);
              if (problem) throw new Error(`run ${index + 1} of ${JSON.stringify(steps)}: ${problem}`);
            }
          } finally {
            await source.close();
          }
        }),
        // The emulator properties (incremental-sandbox.test.ts) run these shapes three times more.
        { numRuns: 2 },
      );
    }, 240_000);
  }

  it('newest first, to stdout: every record at least once across the runs', async () => {
    const profile = growingProfile('1h');
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 2, maxLength: 3 }), async (steps) => {
        const source = await growingSource({ initial: 60, latencyMs: 8 });
        try {
          const env = baseEnv();
          const args = ['export', 'grow', 'newest', '--profile-file', profile, '--base-url', source.url, '--incremental', '--page-size', '5'];
          const printed: string[] = [];
          for (const [index, growth] of steps.entries()) {
            if (index > 0) source.grow(growth);
            const { result, outs } = await incrementalRun(args, env, growth.kill);
            expect(result.code, result.stderr).toBe(0);
            for (const line of outs.join('').split('\n')) {
              try {
                printed.push((JSON.parse(line) as { id: string }).id);
              } catch {
                // a line cut by SIGKILL
              }
            }
          }
          const seen = new Set(printed);
          const missing = source.items().filter((item) => !seen.has(item.id));
          expect(missing.map((item) => item.id), `missing on stdout after ${JSON.stringify(steps)}`).toEqual([]);
        } finally {
          await source.close();
        }
      }),
      { numRuns: 2 },
    );
  }, 240_000);
});

describe('incremental runs', () => {
  const twoHours = 2 * 3_600_000;

  for (const endpoint of ['since', 'newest'] as const) {
    it(`${endpoint}: k new records cost at most ceil(k / page size) + 1 requests`, async () => {
      const source = await growingSource({ initial: 1000, stepMs: twoHours });
      try {
        const env = baseEnv();
        const out = join(mkdtempSync(join(tmpdir(), 'paginate-incr-')), 'items.ndjson');
        const args = ['export', 'grow', endpoint, '--profile-file', growingProfile('1h'), '--base-url', source.url, '--incremental', '--page-size', '10', '-o', out];
        const full = await runCli(args, { env });
        expect(full.code, full.stderr).toBe(0);
        const fullRequests = source.requests;
        expect(fullRequests).toBeGreaterThanOrEqual(100);
        for (const k of [0, 7, 25]) {
          source.grow({ fresh: k, tied: 2 });
          const before = source.requests;
          const result = await runCli(args, { env });
          expect(result.code, result.stderr).toBe(0);
          const sent = source.requests - before;
          expect(sent, `${k} new records (+2 at the boundary) took ${sent} requests`).toBeLessThanOrEqual(Math.ceil((k + 2) / 10) + 1);
        }
        expect(exactlyOnce(ids(readFileSync(out, 'utf8')), source)).toBeUndefined();
      } finally {
        await source.close();
      }
    }, 60_000);
  }

  it('state beyond its cap warns, stays bounded, and still writes nothing twice', async () => {
    // One second apart with a 1 h lookback: every record is inside the window, which holds 50 keys.
    const source = await growingSource({ initial: 200, stepMs: 1000 });
    try {
      const env = baseEnv();
      const out = join(mkdtempSync(join(tmpdir(), 'paginate-incr-')), 'items.ndjson');
      const args = ['export', 'grow', 'newest', '--profile-file', growingProfile('1h'), '--base-url', source.url, '--incremental', '-o', out];
      const first = await runCli(args, { env });
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toMatch(/reached its cap of keys \(incremental\.max_keys\)/);
      const dir = join(env.XDG_STATE_HOME as string, 'paginate');
      const [stateFile] = readdirSync(dir).filter((name) => name.endsWith('.state.json'));
      const state = JSON.parse(readFileSync(join(dir, stateFile), 'utf8')) as { keys: unknown[] };
      expect(state.keys.length).toBeLessThanOrEqual(50);
      expect(statSync(join(dir, stateFile)).mode & 0o777).toBe(0o600);
      source.grow({ fresh: 30, tied: 1 });
      const second = await runCli(args, { env });
      expect(second.code, second.stderr).toBe(0);
      expect(exactlyOnce(ids(readFileSync(out, 'utf8')), source)).toBeUndefined();
    } finally {
      await source.close();
    }
  }, 60_000);

  it('a different filter never reuses the state; --restart forgets it; --since starts from a value', async () => {
    const source = await growingSource({ initial: 40 });
    try {
      const env = baseEnv();
      const base = ['export', 'grow', 'since', '--profile-file', growingProfile('1h'), '--base-url', source.url];
      const a = await runCli([...base, '--incremental', '--filter', 'tag=a'], { env });
      expect(ids(a.stdout)).toHaveLength(40);
      const again = await runCli([...base, '--incremental', '--filter', 'tag=a'], { env });
      expect(ids(again.stdout)).toHaveLength(0);
      const b = await runCli([...base, '--incremental', '--filter', 'tag=b'], { env });
      expect(ids(b.stdout), 'another filter is another export').toHaveLength(40);
      const restarted = await runCli([...base, '--incremental', '--filter', 'tag=a', '--restart'], { env });
      expect(ids(restarted.stdout)).toHaveLength(40);
      const since = source.items()[30].created_at;
      const fromValue = await runCli([...base, '--since', since, '--filter', 'tag=a'], { env });
      expect(ids(fromValue.stdout)).toEqual(source.items().slice(30).map((item) => item.id));
      expect(source.requests).toBeGreaterThan(0);
    } finally {
      await source.close();
    }
  }, 60_000);

  it('an interrupted run resumes from its checkpoint without moving the mark; the next run continues from the last complete one', async () => {
    const source = await growingSource({ initial: 50, latencyMs: 20 });
    try {
      const env = baseEnv();
      const out = join(mkdtempSync(join(tmpdir(), 'paginate-incr-')), 'items.ndjson');
      const args = ['export', 'grow', 'since', '--profile-file', growingProfile('1h'), '--base-url', source.url, '--incremental', '--page-size', '5', '-o', out];
      expect((await runCli(args, { env })).code).toBe(0);
      const dir = join(env.XDG_STATE_HOME as string, 'paginate');
      const stateFile = join(dir, readdirSync(dir).find((name) => name.endsWith('.state.json'))!);
      const complete = readFileSync(stateFile, 'utf8');
      source.grow({ fresh: 60, tied: 1 });
      // Interrupted once a few pages are in, whatever the machine's speed.
      const sent = source.requests;
      const interrupted = await runCli(args, {
        env,
        onSpawn: (child) => {
          const timer = setInterval(() => {
            if (source.requests < sent + 4) return;
            clearInterval(timer);
            child.kill('SIGINT');
          }, 5);
          child.on('exit', () => clearInterval(timer));
        },
      });
      expect(interrupted.code, interrupted.stderr).toBe(130);
      expect(readFileSync(stateFile, 'utf8'), 'the mark moves only when a run completes').toBe(complete);
      expect(readdirSync(dir).filter((name) => name.endsWith('.json') && !name.endsWith('.state.json'))).toHaveLength(1);
      const resumed = await runCli(args, { env });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(readFileSync(stateFile, 'utf8')).not.toBe(complete);
      source.grow({ fresh: 3 });
      const next = await runCli(args, { env });
      expect(next.code, next.stderr).toBe(0);
      expect(exactlyOnce(ids(readFileSync(out, 'utf8')), source)).toBeUndefined();
    } finally {
      await source.close();
    }
  }, 60_000);

  it('CSV keeps one header and its columns across runs; a file moved away is started anew with the new records only', async () => {
    const source = await growingSource({ initial: 12 });
    try {
      const env = baseEnv();
      const dir = mkdtempSync(join(tmpdir(), 'paginate-incr-'));
      const csv = join(dir, 'items.csv');
      const args = ['export', 'grow', 'newest', '--profile-file', growingProfile('1h'), '--base-url', source.url, '--incremental', '-o', csv];
      expect((await runCli(args, { env })).code).toBe(0);
      source.grow({ fresh: 3 });
      expect((await runCli(args, { env })).code).toBe(0);
      const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
      expect(lines[0]).toBe('id,created_at,n');
      expect(lines.filter((line) => line === lines[0])).toHaveLength(1);
      expect(lines).toHaveLength(1 + 15);

      const ndjson = join(dir, 'items.ndjson');
      const json = ['export', 'grow', 'newest', '--profile-file', growingProfile('1h'), '--base-url', source.url, '--incremental', '-o', ndjson];
      expect((await runCli(json, { env })).code).toBe(0);
      renameSync(ndjson, join(dir, 'consumed.ndjson'));
      source.grow({ fresh: 2 });
      expect((await runCli(json, { env })).code).toBe(0);
      expect(ids(readFileSync(ndjson, 'utf8'))).toEqual(source.items().slice(-2).reverse().map((item) => item.id));
    } finally {
      await source.close();
    }
  }, 60_000);

  it('refuses before any request: no incremental block (naming what is missing), a bad --since', async () => {
    const source = await growingSource({ initial: 5 });
    try {
      const base = ['export', 'grow', '--profile-file', growingProfile('1h'), '--base-url', source.url];
      const plain = await runCli([...base, 'plain', '--incremental'], { env: baseEnv() });
      expect(plain.code).toBe(2);
      expect(plain.stderr).toMatch(/grow plain has no "incremental:" block.*incremental\.field.*incremental\.key.*incremental\.mode/);
      const since = await runCli([...base, 'since', '--since', 'last tuesday'], { env: baseEnv() });
      expect(since.code).toBe(2);
      expect(since.stderr).toMatch(/--since "last tuesday": created_at is a timestamp/);
      expect(source.requests).toBe(0);
    } finally {
      await source.close();
    }
  });

  it('--dry-run --incremental shows the mark and the estimated new records, and writes no state', async () => {
    const source = await growingSource({ initial: 30 });
    try {
      const env = baseEnv();
      const base = ['export', 'grow', 'newest', '--profile-file', growingProfile('1h'), '--base-url', source.url, '--incremental', '--page-size', '10'];
      const none = await runCli([...base, '--dry-run'], { env });
      expect(none.code, none.stderr).toBe(0);
      expect(none.stdout).toMatch(/mark: +none yet/);
      expect(none.stdout).toMatch(/new records: at least 10/);
      expect((await runCli(base, { env })).code).toBe(0);
      source.grow({ fresh: 4 });
      const plan = await runCli([...base, '--dry-run'], { env });
      expect(plan.stdout).toMatch(/mark: +2026-01-01T00:30:00\.000Z after 1 run, new records >= 2025-12-31T23:30:00\.000Z/);
      expect(plan.stdout).toMatch(/new records: 4 \(estimated from the first page\)/);
      expect(readdirSync(join(env.XDG_STATE_HOME as string, 'paginate')).filter((name) => !name.endsWith('.lock'))).toHaveLength(1);
      const run = await runCli(base, { env });
      expect(ids(run.stdout)).toHaveLength(4);
    } finally {
      await source.close();
    }
  });
});
