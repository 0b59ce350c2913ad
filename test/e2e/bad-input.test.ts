/** Bad input of every kind: a one-line message that says what to do, the right exit code, nothing lost. */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, baseEnv, runCli } from './harness.js';
import { json, testProfile, tinyServer } from './tiny-server.js';

const env = baseEnv({ DEMO_TOKEN: 'demo-secret-token' });

/** One line on stderr, no stack trace. */
function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0];
}

describe('usage and configuration errors: exit 2 before any request', () => {
  it('missing environment variable names it', async () => {
    const result = await runCli(['export', 'soundcharts']);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toMatch(/SOUNDCHARTS_APP_ID and SOUNDCHARTS_API_KEY/);
  });

  it('unknown filter lists the valid ones', async () => {
    const result = await runCli(['export', 'soundcharts', '--filter', 'genre=pop'], {
      env: baseEnv({ SOUNDCHARTS_APP_ID: 'a', SOUNDCHARTS_API_KEY: 'b' }),
    });
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toMatch(/unknown filter "genre".*valid filters: platform, metric-type, period, sort-by, order, min, max/);
  });

  it('unknown profile, unknown endpoint, malformed --filter, bad --format, bad numbers', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['export', 'soundchart'], /unknown profile "soundchart" \(did you mean "soundcharts"\?\)/],
      [['export', 'artsy', 'artist', '--sandbox'], /no endpoint "artist" \(did you mean "artists"\?\)/],
      [['export', 'artsy', '--sandbox', '--filter', 'gene-id'], /expected NAME=VALUE/],
      [['export', 'artsy', '--sandbox', '--filter', 'gene-id=a', '--filter', 'gene-id=b'], /--filter gene-id is given twice/],
      [['export', 'artsy', '--sandbox', '--format', 'xml'], /--format "xml": expected one of ndjson, csv/],
      [['export', 'artsy', '--sandbox', '--concurrency', 'lots'], /--concurrency "lots"/],
      [['export', 'artsy', '--sandbox', '--page-size', '1000'], /above the provider's maximum of 100/],
      [['export', 'artsy', '--sandbox', '--rate', 'fast'], /--rate "fast"/],
      [['export', 'artsy', '--sandbox', '--max-items', '0'], /--max-items "0"/],
      [['export', 'artsy', '--base-url', 'nope'], /invalid base URL "nope"/],
      [['export', 'demo', '--profile-file', '/nonexistent/demo.yaml'], /\/nonexistent\/demo\.yaml: cannot read profile: no such file/],
      [['export', 'artsy', '--no-such-flag'], /unknown option '--no-such-flag'/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, { env: baseEnv({ ARTSY_XAPP_TOKEN: 't' }) });
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('broken YAML and schema-invalid profiles name the file and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paginate-bad-'));
    writeFileSync(join(dir, 'broken.yaml'), 'name: broken\nendpoints: [\n');
    writeFileSync(join(dir, 'invalid.yaml'), 'name: invalid\nbase_url: https://x.test\nendpoints:\n  items:\n    path: /items\n    pagination: {kind: sideways}\n');
    const broken = await runCli(['export', 'broken', '--profile-file', join(dir, 'broken.yaml')]);
    expect(broken.code).toBe(2);
    expect(oneLine(broken.stderr)).toMatch(/broken\.yaml: not valid YAML: line \d+/);
    const invalid = await runCli(['profiles', 'validate', join(dir, 'invalid.yaml')]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/invalid\.yaml: endpoints\.items\.records: /);
    expect(invalid.stderr).toMatch(/invalid\.yaml: endpoints\.items\.pagination\.kind: /);
  });
});

describe('bad responses: exit 1 with the cause, output kept', () => {
  it('an HTML error page is quoted, after retries', async () => {
    const server = await tinyServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Gateway maintenance</body></html>');
    });
    try {
      const result = await runCli(['export', 'demo', '--profile-file', testProfile(), '--base-url', server.url, '--retries', '1'], { env });
      expect(result.code).toBe(1);
      expect(oneLine(result.stderr)).toMatch(/not JSON \(text\/html.*Gateway maintenance/);
      expect(server.requests).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('wrong JSON shape, empty body, 401 naming the variable, 404, 400 with the API message', async () => {
    const replies: Array<[(res: import('node:http').ServerResponse) => void, RegExp]> = [
      [(res) => json(res, 200, { data: [] }), /demo\.yaml: endpoints\.items\.records: expected an array of records at "items", but the response has no "items" at the top level \(an object with keys data\): {"data":\[\]}/],
      [(res) => res.writeHead(200, { 'content-length': 0 }).end(), /not JSON.*\(empty body\)/],
      [(res) => json(res, 401, { message: 'bad token' }), /HTTP 401 .*bad token; check DEMO_TOKEN/],
      [(res) => json(res, 404, { message: 'Not Found' }), /HTTP 404 from GET http:\/\/127\.0\.0\.1:\d+\/items: Not Found/],
      [(res) => json(res, 400, { errors: [{ message: 'cursor and offset are mutually exclusive' }] }), /HTTP 400 .*mutually exclusive/],
      [(res) => json(res, 200, { items: [], errors: [{ message: 'Field "x" is not defined' }] }), /API reported an error: Field "x" is not defined/],
    ];
    for (const [reply, message] of replies) {
      const server = await tinyServer((_, res) => reply(res));
      try {
        const result = await runCli(['export', 'demo', '--profile-file', testProfile(), '--base-url', server.url, '--retries', '0'], { env });
        expect(result.code, result.stderr).toBe(1);
        expect(oneLine(result.stderr)).toMatch(message);
        expect(result.stderr).not.toContain('demo-secret-token');
      } finally {
        await server.close();
      }
    }
  });

  it('--summary-json records a failure too, with the reason, while stderr keeps one line', async () => {
    const server = await tinyServer((_, res, n) => (n === 1 ? json(res, 200, { items: [{ id: 1 }], next: 'b' }) : json(res, 404, { message: 'gone' })));
    try {
      const summary = join(mkdtempSync(join(tmpdir(), 'paginate-sum-')), 'summary.json');
      const result = await runCli(['export', 'demo', '--profile-file', testProfile(), '--base-url', server.url, '--summary-json', summary], { env });
      expect(result.code).toBe(1);
      oneLine(result.stderr);
      const written = JSON.parse(readFileSync(summary, 'utf8'));
      expect(written).toMatchObject({ status: 'failed', records: 1, pages: 1 });
      expect(written.reasons.join(' ')).toMatch(/HTTP 404 .*gone/);
    } finally {
      await server.close();
    }
  });

  it('a repeated cursor stops with exit 1 instead of looping (A, B, A)', async () => {
    const cursors = ['A', 'B', 'A'];
    const server = await tinyServer((_, res, n) => json(res, 200, { items: [{ n }], next: cursors[n - 1] ?? 'Z' }));
    try {
      const result = await runCli(['export', 'demo', '--profile-file', testProfile(), '--base-url', server.url], { env });
      expect(result.code).toBe(1);
      expect(oneLine(result.stderr)).toMatch(/repeated cursor.*"A"/);
      expect(result.stdout.trim().split('\n')).toHaveLength(3);
    } finally {
      await server.close();
    }
  });

  it('a server that never answers ends in bounded time', async () => {
    const server = await tinyServer(() => {});
    try {
      const result = await runCli(['export', 'demo', '--profile-file', testProfile(), '--base-url', server.url, '--timeout', '0.5', '--retries', '1'], { env });
      expect(result.code).toBe(1);
      expect(oneLine(result.stderr)).toMatch(/did not answer within 0\.5 s/);
      expect(result.ms).toBeLessThan(10_000);
    } finally {
      await server.close();
    }
  });

  it('connection refused and DNS failure', async () => {
    const refused = await runCli(['export', 'demo', '--profile-file', testProfile(), '--base-url', 'http://127.0.0.1:9', '--retries', '0'], { env });
    expect(refused.code).toBe(1);
    expect(oneLine(refused.stderr)).toMatch(/connection refused by 127\.0\.0\.1:9/);
    const dns = await runCli(['export', 'demo', '--profile-file', testProfile(), '--base-url', 'http://no-such-host.invalid', '--retries', '0'], { env });
    expect(dns.code).toBe(1);
    expect(oneLine(dns.stderr)).toMatch(/cannot resolve host no-such-host\.invalid/);
  });
});

describe('output errors: exit 1 naming the path', () => {
  it('missing folder fails before any request; a full disk fails with the path', async () => {
    const server = await tinyServer((_, res, n) => json(res, 200, { items: [{ n, text: 'x'.repeat(1000) }], next: n < 50 ? `c${n}` : null }));
    try {
      const missing = await runCli(['export', 'demo', '--profile-file', testProfile(), '--base-url', server.url, '-o', '/nonexistent-dir/out.ndjson'], { env });
      expect(missing.code).toBe(1);
      expect(oneLine(missing.stderr)).toMatch(/\/nonexistent-dir/);
      expect(server.requests).toHaveLength(0);
      const full = await runCli(['export', 'demo', '--profile-file', testProfile(), '--base-url', server.url, '-o', '/dev/full'], { env });
      expect(full.code).toBe(1);
      expect(oneLine(full.stderr)).toMatch(/\/dev\/full.*disk is full|disk is full.*\/dev\/full/);
    } finally {
      await server.close();
    }
  });
});

describe('pipes', () => {
  it('`| head -n 5` exits 0 quickly and stops fetching', async () => {
    const server = await tinyServer((_, res, n) => json(res, 200, { items: Array.from({ length: 100 }, (_, i) => ({ id: n * 100 + i })), next: `c${n}` }));
    try {
      const started = Date.now();
      // A real shell pipeline: only `head` holds the pipe's read end, so paginate sees EPIPE.
      const args = ['export', 'demo', '--profile-file', testProfile(), '--base-url', server.url].join(' ');
      const shell = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
        const child = spawn('bash', ['-c', `node ${BIN} ${args} | head -n 5; echo "paginate exit=\${PIPESTATUS[0]}" >&2`], { env });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.on('close', () => resolve({ stdout, stderr }));
      });
      expect(shell.stderr).toBe('paginate exit=0\n');
      expect(shell.stdout.trim().split('\n').map((line) => JSON.parse(line).id)).toEqual([100, 101, 102, 103, 104]);
      expect(Date.now() - started).toBeLessThan(10_000);
      const requestsAtExit = server.requests.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(server.requests.length).toBe(requestsAtExit);
    } finally {
      await server.close();
    }
  });
});
