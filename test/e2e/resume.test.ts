/**
 * Kill and resume: after any number of SIGKILLs at random moments, under random faults, a file
 * export ends byte-identical to a clean run; on stdout every record appears at least once.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answeredRequests, baseEnv, runCli, signalAfterResponses, withSandbox } from './harness.js';
import { json, testProfile, tinyServer } from './tiny-server.js';

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
    const result = await runCli(args, {
      env,
      onSpawn: (child) => {
        const poll = setInterval(() => {
          if (child.exitCode !== null) return clearInterval(poll);
          if (answeredRequests(stats) < target) return;
          clearInterval(poll);
          setTimeout(() => child.kill('SIGKILL'), kill.jitterMs);
        }, 2);
      },
    });
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

describe('faults and stops', () => {
  it('10% 5xx, 2% resets, 3% 429, 1% malformed: exactly the records, exit 0', async () => {
    await withSandbox('soundcharts', { size: 5000, latencyMs: 2, faults: { error5xx: 0.1, reset: 0.02, rate429: 0.03, retryAfterS: 0, malformed: 0.01, seed: 7 } }, async (sandbox) => {
      const result = await runCli(
        ['export', 'soundcharts', '--base-url', sandbox.url, '--filter', 'min=10000', '--rate', '400/s', '--retries', '10', '--verbose'],
        { env: baseEnv(sandbox.emulator.env) },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe(expectedNdjson(sandbox.emulator.records('artists', { min: '10000' })));
      expect(Object.values(sandbox.stats.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(5);
    });
  });

  it('SIGINT stops, checkpoints and exits 130; the rerun resumes and completes the file exactly', async () => {
    await withSandbox('starting-at', { size: 3000, latencyMs: 15 }, async (sandbox) => {
      const out = join(mkdtempSync(join(tmpdir(), 'paginate-int-')), 'items.ndjson');
      const env = baseEnv(sandbox.emulator.env);
      const args = ['export', 'starting-at', '--base-url', sandbox.url, '--page-size', '20', '-o', out];
      const first = await runCli(args, { env, onSpawn: (child) => signalAfterResponses(child, sandbox.stats, 5, 'SIGINT') });
      expect(first.code, first.stderr).toBe(130);
      const state = join(env.XDG_STATE_HOME as string, 'paginate');
      expect(readdirSync(state).filter((name) => name.endsWith('.json'))).toHaveLength(1);
      const second = await runCli(args, { env });
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toMatch(/resumed/);
      expect(readFileSync(out, 'utf8')).toBe(expectedNdjson(sandbox.emulator.records('items', {})));
      expect(readdirSync(state).filter((name) => name.endsWith('.json')), 'a finished export removes its checkpoint').toEqual([]);
    });
  });

  it('--sandbox next-link export killed midway resumes on the new sandbox port, byte-identical', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paginate-sandbox-resume-'));
    const env = baseEnv({});
    const args = (out: string) => ['export', 'soundcloud', '--sandbox', '--page-size', '10', '-o', join(dir, out)];
    await runCli(args('killed.ndjson'), {
      env,
      // Killed once a few pages are on disk, however loaded the machine is.
      onSpawn: (child) => {
        const poll = setInterval(() => {
          const written = existsSync(join(dir, 'killed.ndjson')) ? readFileSync(join(dir, 'killed.ndjson'), 'utf8').split('\n').length : 0;
          if (written > 30 || child.exitCode !== null) {
            clearInterval(poll);
            child.kill('SIGKILL');
          }
        }, 5);
      },
    });
    const resumed = await runCli(args('killed.ndjson'), { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/complete \(resumed\)/);
    const clean = await runCli(args('clean.ndjson'), { env });
    expect(clean.code, clean.stderr).toBe(0);
    expect(readFileSync(join(dir, 'killed.ndjson'), 'utf8')).toBe(readFileSync(join(dir, 'clean.ndjson'), 'utf8'));
  });

  it('a corrupt checkpoint is exit 2 naming --restart, never a silent restart', async () => {
    await withSandbox('starting-at', { size: 500, latencyMs: 20 }, async (sandbox) => {
      const env = baseEnv(sandbox.emulator.env);
      const args = ['export', 'starting-at', '--base-url', sandbox.url, '--page-size', '10', '-o', join(mkdtempSync(join(tmpdir(), 'paginate-c-')), 'x.ndjson')];
      await runCli(args, { env, onSpawn: (child) => signalAfterResponses(child, sandbox.stats, 5, 'SIGKILL') });
      const state = join(env.XDG_STATE_HOME as string, 'paginate');
      const checkpoint = readdirSync(state).find((name) => name.endsWith('.json'));
      expect(checkpoint).toBeDefined();
      writeFileSync(join(state, checkpoint!), '{"version": 1, "key": ');
      const corrupt = await runCli(args, { env });
      expect(corrupt.code).toBe(2);
      expect(corrupt.stderr).toMatch(/unreadable.*--restart/);
      const restarted = await runCli([...args, '--restart'], { env });
      expect(restarted.code, restarted.stderr).toBe(0);
    });
  });

  it('an expired Podchaser cursor finishes with exit 3 and the warning', async () => {
    let now = 0;
    await withSandbox('podchaser', { size: 600, cursorTtlMs: 60_000, now: () => (now += 70_000) }, async (sandbox) => {
      const result = await runCli(['export', 'podchaser', '--base-url', sandbox.url, '--page-size', '100'], { env: baseEnv(sandbox.emulator.env) });
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).toMatch(/cursorRefreshed.*may not be exhaustive/);
    });
  });

  it('a cursor the server rejects finishes with exit 3, keeping what was exported', async () => {
    const server = await tinyServer((req, res, n) =>
      n === 1 ? json(res, 200, { items: [{ id: 1 }, { id: 2 }], next: 'abc' }) : json(res, 400, { error: 'invalid cursor: abc has expired' }),
    );
    try {
      const result = await runCli(['export', 'demo', '--profile-file', testProfile(), '--base-url', server.url], { env: baseEnv({ DEMO_TOKEN: 'demo-secret-token' }) });
      expect(result.code, result.stderr).toBe(3);
      expect(result.stdout).toBe('{"id":1}\n{"id":2}\n');
      expect(result.stderr).toMatch(/rejected the cursor.*invalid cursor/);
    } finally {
      await server.close();
    }
  });

  it('a GraphQL error saying the cursor is invalid also finishes with exit 3', async () => {
    await withSandbox('podchaser', { size: 300 }, async (sandbox) => {
      // A proxy that corrupts the second page's cursor, as an invalidated snapshot would look to the client.
      const proxy = await tinyServer(async (req, res, n, text) => {
        const body = JSON.parse(text || '{}');
        if (n === 2) body.variables.cursor = 'not-a-cursor';
        const upstream = await fetch(`${sandbox.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: String(req.headers.authorization) }, body: JSON.stringify(body) });
        json(res, upstream.status, await upstream.json());
      });
      try {
        const result = await runCli(['export', 'podchaser', '--base-url', proxy.url, '--page-size', '100'], { env: baseEnv(sandbox.emulator.env) });
        expect(result.code, result.stderr).toBe(3);
        expect(result.stdout.trim().split('\n')).toHaveLength(100);
        expect(result.stderr).toMatch(/rejected the cursor/);
      } finally {
        await proxy.close();
      }
    });
  });

  it('disk full exits 1; once space is back the rerun resumes and the file is exact', async (context) => {
    const mountPoint = mkdtempSync(join(tmpdir(), 'paginate-tiny-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint], { stdio: 'ignore' });
    } catch {
      context.skip('needs root to mount a small tmpfs');
    }
    try {
      await withSandbox('starting-at', { size: 2000, latencyMs: 1 }, async (sandbox) => {
        const env = baseEnv(sandbox.emulator.env);
        const out = join(mountPoint, 'items.ndjson');
        const args = ['export', 'starting-at', '--base-url', sandbox.url, '--page-size', '25', '-o', out];
        const full = await runCli(args, { env });
        expect(full.code).toBe(1);
        expect(full.stderr).toMatch(/disk is full/);
        execFileSync('mount', ['-o', 'remount,size=8m', mountPoint]);
        const resumed = await runCli(args, { env });
        expect(resumed.code, resumed.stderr).toBe(0);
        expect(readFileSync(out, 'utf8')).toBe(expectedNdjson(sandbox.emulator.records('items', {})));
      });
    } finally {
      if (existsSync(mountPoint)) execFileSync('umount', [mountPoint], { stdio: 'ignore' });
    }
  });
});
