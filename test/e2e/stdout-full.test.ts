/**
 * stdout on a full disk (`paginate … > /dev/full`): one line naming stdout and exit 1, never a
 * Node stack trace; with `-o FILE` the file is complete, since stdout carries nothing.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, BIN } from './harness.js';

/** Runs the built CLI with its stdout a descriptor opened on /dev/full. */
function runToDevFull(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const full = openSync('/dev/full', 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv(), stdio: ['ignore', full, 'pipe'] });
    closeSync(full);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe.skipIf(!existsSync('/dev/full'))('stdout on /dev/full', () => {
  const cases: [string, string[]][] = [
    ['an NDJSON export', ['export', 'soundcharts', '--sandbox', '--max-items', '500']],
    ['a CSV export', ['export', 'starting-at', '--sandbox', '--max-items', '300', '--format', 'csv']],
    ['the --dry-run plan', ['export', 'soundcharts', '--sandbox', '--dry-run']],
    ['profiles list', ['profiles', 'list']],
  ];
  for (const [what, args] of cases) {
    it(`${what}: exit 1 and one line "paginate: cannot write stdout: disk is full"`, { timeout: 40_000 }, async () => {
      const result = await runToDevFull(args);
      expect(result.stderr).toBe('paginate: cannot write stdout: disk is full\n');
      expect(result.code).toBe(1);
    });
  }

  it('an export to a file does not touch stdout: exit 0, every record in the file', { timeout: 40_000 }, async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'paginate-full-')), 'items.ndjson');
    const result = await runToDevFull(['export', 'starting-at', '--sandbox', '--max-items', '300', '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(300);
  });
});
