/**
 * Kill and resume: after any number of SIGKILLs at random moments, under random faults, a file
 * export ends byte-identical to a clean run; on stdout every record appears at least once.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answeredRequests, baseEnv, runCli, signalAfterResponses, withSandbox } from './harness.js';

const expectedNdjson = (records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join('');

/** The shipped Soundcharts profile with a 1,000-record window, so small exports cross windows too. */
function smallWindowSoundcharts(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'paginate-profile-')), 'soundcharts.yaml');
  const text = readFileSync(new URL('../../profiles/soundcharts.yaml', import.meta.url), 'utf8');
  writeFileSync(file, text.replace('window: 50000', 'window: 1000'));
  return file;
}

interface Kill {
  /** Responses the server sends this run before the kill. */
  responses: number;
  /** Then this much longer, so kills land anywhere between one response and the next. */
  jitterMs: number;
}

/**
 * Runs the command, SIGKILLing it at each kill point, then once more to completion. Kill points
 * count the server's responses, not milliseconds since spawn: on a loaded machine node can take
 * longer to start than any fixed delay, and a kill before the first request tests nothing.
 */
async function killAndResume(args: string[], env: NodeJS.ProcessEnv, kills: Kill[], stats: { statuses: Record<number, number> }) {
  const stdouts: string[] = [];
  for (const kill of kills) {
    const target = answeredRequests(stats) + kill.responses;
    const result = await runCli(args, { env, onSpawn: (child) => signalAfterResponses(child, stats, target, 'SIGKILL', kill.jitterMs) });
    stdouts.push(result.stdout);
    if (result.code === 0) break;
  }
  const final = await runCli(args, { env });
  stdouts.push(final.stdout);
  return { final, stdouts };
}

const describeKills = (kills: Kill[]) => kills.map((kill) => `${kill.responses}+${kill.jitterMs}ms`).join(', ');

const FAULTS = { error5xx: 0.05, reset: 0.02, rate429: 0.03, retryAfterS: 0, malformed: 0.01 };

describe('kill and resume (property)', () => {
  const kills = fc.array(fc.record({ responses: fc.integer({ min: 1, max: 8 }), jitterMs: fc.integer({ min: 0, max: 30 }) }), { minLength: 5, maxLength: 6 });

  it('soundcharts, hybrid, to a file: byte-identical to a clean run', async () => {
    const profile = smallWindowSoundcharts();
    await fc.assert(
      fc.asyncProperty(kills, fc.integer({ min: 1, max: 1_000_000 }), async (points, seed) => {
        await withSandbox('soundcharts', { size: 4000, latencyMs: 3, faults: { ...FAULTS, seed } }, async (sandbox) => {
          const out = join(mkdtempSync(join(tmpdir(), 'paginate-kill-')), 'artists.ndjson');
          const env = baseEnv(sandbox.emulator.env);
          const args = ['export', 'soundcharts', '--profile-file', profile, '--base-url', sandbox.url, '--filter', 'min=10000', '--strategy', 'hybrid', '--concurrency', '4', '--rate', '400/s', '--retries', '10', '-o', out];
          const { final } = await killAndResume(args, env, points, sandbox.stats);
          expect(final.code, final.stderr).toBe(0);
          const records = sandbox.emulator.records('artists', { min: '10000' });
          const actual = readFileSync(out, 'utf8');
          if (actual !== expectedNdjson(records)) {
            const ids = actual.split('\n').filter(Boolean).map((line) => JSON.parse(line).artist.uuid);
            throw new Error(`expected ${records.length} records, got ${ids.length} (${new Set(ids).size} unique) after kills at ${describeKills(points)}, seed ${seed}`);
          }
        });
      }),
      { numRuns: 3 },
    );
  }, 180_000);

  it('soundcloud, sequential, to a file and to stdout', async () => {
    await fc.assert(
      fc.asyncProperty(kills, fc.integer({ min: 1, max: 1_000_000 }), async (points, seed) => {
        await withSandbox('soundcloud', { latencyMs: 5, faults: { ...FAULTS, seed } }, async (sandbox) => {
          const user = 'soundcloud:users:948745750';
          const records = sandbox.emulator.records('user-tracks', { user, access: 'playable,preview,blocked' });
          const env = baseEnv(sandbox.emulator.env);
          const base = ['export', 'soundcloud', '--base-url', sandbox.url, '--filter', `user=${user}`, '--page-size', '50', '--retries', '10'];
          const out = join(mkdtempSync(join(tmpdir(), 'paginate-kill-')), 'tracks.ndjson');
          const file = await killAndResume([...base, '-o', out], env, points, sandbox.stats);
          expect(file.final.code, file.final.stderr).toBe(0);
          expect(readFileSync(out, 'utf8') === expectedNdjson(records), `file differs after kills at ${describeKills(points)}, seed ${seed}`).toBe(true);

          const stdout = await killAndResume(base, baseEnv(sandbox.emulator.env), points, sandbox.stats);
          expect(stdout.final.code, stdout.final.stderr).toBe(0);
          const seen = new Set<string>();
          for (const line of stdout.stdouts.join('').split('\n')) {
            try {
              seen.add(JSON.parse(line).urn);
            } catch {
              // a line cut by SIGKILL
            }
          }
          const missing = records.map((record) => (record as { urn: string }).urn).filter((urn) => !seen.has(urn));
          expect(missing, `missing on stdout after kills at ${describeKills(points)}`).toEqual([]);
        });
      }),
      { numRuns: 2 },
    );
  }, 180_000);
});
