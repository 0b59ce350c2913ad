/**
 * Fan-out resume: SIGKILLs during an --each-from run to a file end byte-identical to a clean run;
 * with parents on stdin, the checkpoint's digest tells the same parents from different ones.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOUNDCLOUD_USERS } from '../../sandbox/soundcloud/data.js';
import { baseEnv, runCli, signalAfterResponses, withSandbox } from './harness.js';
import { checkpoints, ndjsonOf, runWithStdin, tempDir } from './fan-out-helpers.js';

const urn = (index: number) => `soundcloud:users:${SOUNDCLOUD_USERS[index].id}`;
const FAULTS = { error5xx: 0.04, reset: 0.02, rate429: 0.02, retryAfterS: 0, malformed: 0.01 };

describe('fan-out kill and resume (property)', () => {
  it('SIGKILLs at random moments during an --each-from run to a file: byte-identical to a clean run', async () => {
    // A clean run sends about 120 requests; each kill comes after the server answered a random number
    // of this run's requests (a fixed delay could land before the first page on a loaded machine).
    // Repeated parents, an empty one and the big one, at a small page size: many pages, many parents.
    const order = [3, 1, 4, 0, 2, 1, 3, 2];
    let resumedRuns = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 3, maxLength: 5 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 4 }), async (delays, seed, concurrency) => {
        await withSandbox('soundcloud', { latencyMs: 4, faults: { ...FAULTS, seed } }, async (sandbox) => {
          const dir = tempDir('fan-kill');
          writeFileSync(join(dir, 'users.ndjson'), ndjsonOf(order.map((index) => ({ urn: urn(index) }))));
          const out = join(dir, 'tracks.ndjson');
          const env = baseEnv(sandbox.emulator.env);
          const args = ['export', 'soundcloud', 'user-tracks', '--base-url', sandbox.url, '--each', 'user=urn', '--each-from', join(dir, 'users.ndjson'), '--with-parent', 'parent', '--page-size', '40', '--retries', '10', '--concurrency', String(concurrency), '-o', out];
          let killed = 0;
          for (const delay of delays) {
            const before = sandbox.stats.statuses[200] ?? 0;
            const result = await runCli(args, {
              env,
              onSpawn: (child) => {
                const poll = setInterval(() => {
                  if ((sandbox.stats.statuses[200] ?? 0) - before < delay && child.exitCode === null) return;
                  clearInterval(poll);
                  child.kill('SIGKILL');
                }, 2);
              },
            });
            if (result.code === 0) break;
            killed++;
          }
          const final = await runCli(args, { env });
          expect(final.code, final.stderr).toBe(0);
          if (/resumed/.test(final.stderr)) resumedRuns++;
          const expected = order.flatMap((index) =>
            sandbox.emulator.records('user-tracks', { user: urn(index), access: 'playable,preview,blocked' }).map((track) => ({ parent: urn(index), ...(track as object) })),
          );
          const actual = readFileSync(out, 'utf8');
          if (actual !== ndjsonOf(expected)) {
            const got = actual.split('\n').filter(Boolean).length;
            throw new Error(`expected ${expected.length} records, got ${got} after ${killed} kills after ${delays.join(', ')} requests, seed ${seed}, concurrency ${concurrency}`);
          }
          expect(checkpoints(env), 'a finished export removes its checkpoint').toEqual([]);
        });
      }),
      { numRuns: 2 },
    );
    // The kills land mid-export (a clean run takes over a second): the property is about resuming.
    expect(resumedRuns).toBeGreaterThan(0);
  }, 240_000);
});

describe('fan-out parents on stdin', () => {
  it('the checkpoint keeps a digest of the parents read: the same parents resume, different ones stop with exit 2', async () => {
    await withSandbox('soundcloud', { latencyMs: 25 }, async (sandbox) => {
      const env = baseEnv(sandbox.emulator.env);
      const dir = tempDir('fan-stdin');
      const out = join(dir, 'tracks.ndjson');
      const args = ['export', 'soundcloud', 'user-tracks', '--base-url', sandbox.url, '--each', 'user=urn', '--page-size', '20', '-o', out];
      const parents = [3, 0, 2].map((index) => ({ urn: urn(index) }));
      const records = parents.flatMap(({ urn }) => sandbox.emulator.records('user-tracks', { user: urn, access: 'playable,preview,blocked' }));
      // The big user's 150 pages at 25 ms: killed well inside it, after a checkpoint.
      const killed = await runWithStdin(args, ndjsonOf(parents), env, (child) => signalAfterResponses(child, sandbox.stats, 30, 'SIGKILL'));
      expect(killed.signal).toBe('SIGKILL');
      expect(checkpoints(env)).toHaveLength(1);
      const checkpoint = JSON.parse(readFileSync(join(env.XDG_STATE_HOME as string, 'paginate', checkpoints(env)[0]), 'utf8'));
      expect(checkpoint.fanOut).toMatchObject({ parent: 1, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(checkpoint.fanOut.child.position.url).toMatch(/cursor=/);

      const other = [3, 1, 2].map((index) => ({ urn: urn(index) }));
      const refused = await runWithStdin(args, ndjsonOf(other), env);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/the parents on stdin are not the ones the checkpoint was made from \(parent 2 \(line 2\) or one before it differs\); feed the same parents to resume, or --restart/);
      const fewer = await runWithStdin(args, ndjsonOf(parents.slice(0, 1)), env);
      expect(fewer.code).toBe(2);
      expect(fewer.stderr).toMatch(/it has 1 parents, the checkpoint had read 2/);
      expect(checkpoints(env), 'a refused rerun keeps the checkpoint').toHaveLength(1);

      const resumed = await runWithStdin(args, ndjsonOf(parents), env);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toMatch(/3 parents, .*complete \(resumed\)/);
      expect(readFileSync(out, 'utf8')).toBe(ndjsonOf(records));
    });
  }, 120_000);

  it('SIGINT stops between parents’ pages with exit 130; the rerun resumes and completes the file exactly', async () => {
    await withSandbox('soundcloud', { latencyMs: 40 }, async (sandbox) => {
      const env = baseEnv(sandbox.emulator.env);
      const dir = tempDir('fan-int');
      const parents = Array.from({ length: 60 }, (_, n) => ({ n, urn: urn(3) }));
      writeFileSync(join(dir, 'users.ndjson'), ndjsonOf(parents));
      const out = join(dir, 'tracks.ndjson');
      const args = ['export', 'soundcloud', 'user-tracks', '--base-url', sandbox.url, '--each', 'user=urn', '--each-from', join(dir, 'users.ndjson'), '--with-parent', 'parent', '-o', out];
      const first = await runCli(args, { env, onSpawn: (child) => signalAfterResponses(child, sandbox.stats, 10, 'SIGINT') });
      expect(first.code, first.stderr).toBe(130);
      const done = Number(/(\d+) parents/.exec(first.stderr)?.[1]);
      expect(done).toBeGreaterThan(0);
      expect(done).toBeLessThan(60);
      expect(sandbox.stats.requests, 'no parent is requested after the interrupt').toBeLessThanOrEqual(done + 2);
      const second = await runCli(args, { env });
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toMatch(/60 parents, .*complete \(resumed\)/);
      const tracks = sandbox.emulator.records('user-tracks', { user: urn(3), access: 'playable,preview,blocked' });
      expect(readFileSync(out, 'utf8')).toBe(ndjsonOf(parents.flatMap(() => tracks.map((track) => ({ parent: urn(3), ...(track as object) })))));
    });
  }, 60_000);
});
