/**
 * `paginate sandbox --faults`: a pipeline tested against an unreliable API. The served emulator
 * injects 5xx, resets, 429s and malformed bodies; an export with retries still gets every record
 * exactly once, and says in --verbose how often it tried again.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createEmulator } from '../../sandbox/registry.js';
import { BIN, baseEnv, diffRecords, parseNdjson, runCli } from './harness.js';

const SPEC = 'error5xx=0.05,reset=0.02,rate429=0.03,malformed=0.02,retryAfterS=0,seed=1';

describe('paginate sandbox --faults', () => {
  it('starting-at: an export with --retries 10 gets every record exactly once, retrying each injected fault', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', 'starting-at', '--port', '0', '--latency', '0', '--faults', SPEC], { env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const safety = setTimeout(() => child.kill('SIGKILL'), 55_000);
    try {
      const until = Date.now() + 10_000;
      while (!/\n/.test(stdout) || !/try: /.test(stderr)) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`the sandbox printed no URL:\n${stdout}${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(stderr).toContain(`injecting faults: ${SPEC}`);
      const url = stdout.trim();
      const credentials = Object.fromEntries(/try: (.*) paginate export/.exec(stderr)![1].split(' ').map((pair) => pair.split('=') as [string, string]));

      const exported = await runCli(['export', 'starting-at', '--base-url', url, '--retries', '10', '--verbose'], { env: baseEnv(credentials) });
      expect(exported.code, exported.stderr).toBe(0);
      const expected = createEmulator('starting-at').records('items', {});
      expect(diffRecords(parseNdjson(exported.stdout), expected, (record) => String((record as { id: unknown }).id))).toBeUndefined();

      child.kill('SIGINT');
      expect(await exited, `exit code after SIGINT:\n${stderr}`).toBe(0);
      const summary = /served (\d+) requests, injected (.*)\n/.exec(stderr);
      expect(summary, `a summary of the injected faults on stderr:\n${stderr}`).not.toBeNull();
      const injected = new Map(summary![2].split(', ').map((item) => item.split(' ') as [string, string]));
      expect([...injected.keys()].sort()).toEqual(['error5xx', 'malformed', 'rate429', 'reset']);
      const retries = exported.stderr.split('\n').filter((line) => /^paginate: retry \d+ after /.test(line));
      // one request at a time and no rate limit of the emulator's own: every fault costs one retry
      expect(retries.length).toBe([...injected.values()].reduce((sum, count) => sum + Number(count), 0));
      for (const reason of [/after HTTP 5\d\d/, /after HTTP 429/, /after network error/, /after malformed response/]) {
        expect(retries.some((line) => reason.test(line)), `a retry ${reason}:\n${retries.join('\n')}`).toBe(true);
      }
    } finally {
      clearTimeout(safety);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
