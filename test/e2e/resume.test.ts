/**
 * Faults and stops: retried faults end exact, SIGINT and SIGKILL resume, refused cursors and full
 * disks end with the right exit code and nothing lost (the kill/resume property: kill-resume.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseEnv, runCli, signalAfterLines, signalAfterResponses, withSandbox } from './harness.js';
import { json, testProfile, tinyServer } from './tiny-server.js';

const expectedNdjson = (records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join('');

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
    // A 500-track user: 50 pages at the sandbox's 60 ms, so a kill after 3 pages lands well inside.
    const args = (out: string) => ['export', 'soundcloud', '--sandbox', '--filter', 'user=soundcloud:users:31337007', '--page-size', '10', '-o', join(dir, out)];
    await runCli(args('killed.ndjson'), {
      env,
      // Killed once a few pages are on disk, however loaded the machine is.
      onSpawn: (child) => signalAfterLines(child, join(dir, 'killed.ndjson'), 30, 'SIGKILL'),
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
