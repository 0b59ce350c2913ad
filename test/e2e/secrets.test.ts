/**
 * Credentials: tokens from client credentials (a 401 gets one new token and the export goes on),
 * credentials sent only to the profile's origin, and no secret value — raw or URL-encoded — in
 * stdout, stderr (with --verbose), the state folder, the output or a summary file, even when the
 * server reflects the credential back in error bodies and next links.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPath } from '../../src/json/path.js';
import { baseEnv, diffRecords, parseNdjson, runCli, signalAfterResponses, withSandbox, type RunResult } from './harness.js';
import { json, testProfile, tinyServer, type TinyServer } from './tiny-server.js';

/** Distinctive, and its URL-encoded form differs from the raw one. */
const SECRET = 'sk_live_SECRET+123456/xyz';
const CLIENT_ID = 'cid_CLIENTID_98765';
const CLIENT_SECRET = 'cs_CLIENTSECRET+4321/abc';
const ISSUED = 'tok_ISSUED_7f3a9c2e5b1d';

const byPath = (path: string) => (record: unknown) => String(getPath(record, path));
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), `paginate-${prefix}-`));

/** Every way a secret could be written: as is, URL-encoded (path and query), and form-encoded. */
function formsOf(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)])];
}

/** Each `where: form` of a secret found in the texts; [] when none leaked. */
function leaks(texts: Record<string, string>, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const [where, text] of Object.entries(texts)) {
    for (const secret of secrets) for (const form of formsOf(secret)) if (text.includes(form)) found.push(`${where}: ${form}`);
  }
  return found;
}

/** Every file under a folder (recursively), by path: the state folder as a user would grep it. */
function filesUnder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(files, filesUnder(path));
    else files[path] = readFileSync(path, 'latin1');
  }
  return files;
}

const stateOf = (env: NodeJS.ProcessEnv) => join(env.XDG_STATE_HOME as string, 'paginate');
const checkpointsIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')) : []);
const outputs = (result: RunResult, label = '') => ({ [`stdout${label}`]: result.stdout, [`stderr${label}`]: result.stderr });

/** A next_url profile (like testProfile) with a static bearer token from DEMO_TOKEN. */
function nextUrlProfile(baseUrl = 'https://demo.invalid'): string {
  const file = join(tmp('profile'), 'demo.yaml');
  writeFileSync(
    file,
    `name: demo
base_url: ${baseUrl}
auth:
  - headers: {Authorization: 'Bearer \${DEMO_TOKEN}'}
endpoints:
  items:
    path: /items
    records: items
    pagination: {kind: next_url, next: next}
`,
  );
  return file;
}

/** A next_url profile whose bearer token comes from POST /oauth/token with client credentials. */
function tokenProfile(): string {
  const file = join(tmp('profile'), 'demo.yaml');
  writeFileSync(
    file,
    `name: demo
base_url: https://demo.invalid
auth:
  - token:
      url: /oauth/token
      form: {grant_type: client_credentials, client_id: '\${DEMO_CLIENT_ID}', client_secret: '\${DEMO_CLIENT_SECRET}'}
      token_path: access_token
      header: Authorization
      scheme: Bearer
endpoints:
  items:
    path: /items
    records: items
    pagination: {kind: next_url, next: next}
`,
  );
  return file;
}

const tokenEnv = () => baseEnv({ DEMO_CLIENT_ID: CLIENT_ID, DEMO_CLIENT_SECRET: CLIENT_SECRET });
const bearerOf = (header: string | undefined) => (header ?? '').replace(/^Bearer\s+/i, '');
const pageOf = (url: string | undefined) => Number(new URL(url ?? '/', 'http://x').searchParams.get('page') ?? '1');

async function using<T>(server: TinyServer | Promise<TinyServer>, run: (server: TinyServer) => Promise<T>): Promise<T> {
  const started = await server;
  try {
    return await run(started);
  } finally {
    await started.close();
  }
}

describe('tokens from client credentials', () => {
  it('soundcloud: the token outlives itself mid-export; each 401 gets one new token and the export completes exactly', async () => {
    await withSandbox('soundcloud', { latencyMs: 20, tokenTtlMs: 300 }, async (sandbox) => {
      const user = 'soundcloud:users:948745750';
      const { SOUNDCLOUD_CLIENT_ID, SOUNDCLOUD_CLIENT_SECRET } = sandbox.emulator.env;
      const env = baseEnv({ SOUNDCLOUD_CLIENT_ID, SOUNDCLOUD_CLIENT_SECRET });
      const result = await runCli(['export', 'soundcloud', '--base-url', sandbox.url, '--filter', `user=${user}`, '--page-size', '50'], { env });
      expect(result.code, result.stderr).toBe(0);
      const expected = sandbox.emulator.records('user-tracks', { user, access: 'playable,preview,blocked' });
      expect(diffRecords(parseNdjson(result.stdout), expected, byPath('urn'))).toBeUndefined();

      const log = sandbox.stats.log;
      const tokenRequests = log.filter((entry) => entry.method === 'POST' && entry.path === '/oauth/token');
      const unauthorized = log.filter((entry) => entry.status === 401);
      expect(tokenRequests.length, 'a first token and at least one after expiry').toBeGreaterThanOrEqual(2);
      expect(unauthorized.length, 'the export outlived a token').toBeGreaterThanOrEqual(1);
      expect(tokenRequests.length, 'one new token per 401, never a storm').toBeLessThanOrEqual(unauthorized.length + 1);
      // The client secret goes to the token endpoint only; the API sees issued access tokens only.
      const basic = `Basic ${Buffer.from(`${SOUNDCLOUD_CLIENT_ID}:${SOUNDCLOUD_CLIENT_SECRET}`).toString('base64')}`;
      for (const entry of log) {
        if (entry.path === '/oauth/token') expect(entry.headers.authorization).toBe(basic);
        else expect(entry.headers.authorization, `${entry.path}?${entry.query}`).toMatch(/^OAuth sandbox-sc-\d+-/);
        expect(entry.query).not.toMatch(/client_id|client_secret|oauth_token/);
      }
    });
  });

  it('artsy: ARTSY_CLIENT_ID + ARTSY_CLIENT_SECRET are exchanged at /api/tokens/xapp_token and the export works', async () => {
    await withSandbox('artsy', { size: 250 }, async (sandbox) => {
      const { ARTSY_CLIENT_ID, ARTSY_CLIENT_SECRET } = sandbox.emulator.env;
      const result = await runCli(['export', 'artsy', 'artists', '--base-url', sandbox.url], { env: baseEnv({ ARTSY_CLIENT_ID, ARTSY_CLIENT_SECRET }) });
      expect(result.code, result.stderr).toBe(0);
      expect(diffRecords(parseNdjson(result.stdout), sandbox.emulator.records('artists', {}), byPath('id'))).toBeUndefined();
      const [first, ...rest] = sandbox.stats.log;
      expect(`${first.method} ${first.path}`).toBe('POST /api/tokens/xapp_token');
      expect(rest.length).toBeGreaterThan(0);
      for (const entry of rest) {
        expect(entry.path).toBe('/api/artists');
        expect(entry.headers['x-xapp-token'], 'the issued token, not a client credential').toMatch(/^sandbox-xapp-\d+-/);
      }
    });
  });

  it('a 401 that a new token does not cure: one new token only, then exit 1 naming the variables', async () => {
    await using(
      tinyServer((req, res) => (req.url === '/oauth/token' ? json(res, 200, { access_token: ISSUED }) : json(res, 401, { message: 'invalid token' }))),
      async (server) => {
        const result = await runCli(['export', 'demo', '--profile-file', tokenProfile(), '--base-url', server.url], { env: tokenEnv() });
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/HTTP 401 .*invalid token; check DEMO_CLIENT_ID and DEMO_CLIENT_SECRET/);
        expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
          'POST /oauth/token',
          'GET /items',
          'POST /oauth/token',
          'GET /items',
        ]);
      },
    );
  });

  it('a 503 from the token endpoint is retried like any 5xx, and the export completes', async () => {
    let tokens = 0;
    await using(
      tinyServer((req, res) =>
        req.url === '/oauth/token'
          ? ++tokens === 1
            ? json(res, 503, { error: 'temporarily unavailable' })
            : json(res, 200, { access_token: ISSUED })
          : json(res, 200, { items: [{ id: 1 }, { id: 2 }] }),
      ),
      async (server) => {
        const result = await runCli(['export', 'demo', '--profile-file', tokenProfile(), '--base-url', server.url, '--retries', '3'], { env: tokenEnv() });
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toBe('{"id":1}\n{"id":2}\n');
        expect(tokens).toBe(2);
      },
    );
  });

  it('a connection reset on the token request is retried with a new token request, and the export completes', async () => {
    let tokens = 0;
    await using(
      tinyServer((req, res) => {
        if (req.url !== '/oauth/token') return json(res, 200, { items: [{ id: 1 }, { id: 2 }] });
        if (++tokens === 1) return void res.socket?.destroy();
        json(res, 200, { access_token: ISSUED });
      }),
      async (server) => {
        const result = await runCli(['export', 'demo', '--profile-file', tokenProfile(), '--base-url', server.url, '--retries', '3'], { env: tokenEnv() });
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toBe('{"id":1}\n{"id":2}\n');
        expect(tokens, 'the failed token request is not cached: the retry asks again').toBe(2);
      },
    );
  });
});

describe('no secret in any output, log, error or file', () => {
  it('soundcloud emulator, --verbose, faults, expiring tokens, a SIGKILL and a resume: no credential in stdout, stderr, state folder or output', async () => {
    const faults = { error5xx: 0.05, reset: 0.03, rate429: 0.03, retryAfterS: 0, malformed: 0.03, seed: 11 };
    await withSandbox('soundcloud', { latencyMs: 15, tokenTtlMs: 300, faults }, async (sandbox) => {
      const user = 'soundcloud:users:948745750';
      const { SOUNDCLOUD_CLIENT_ID, SOUNDCLOUD_CLIENT_SECRET } = sandbox.emulator.env;
      const env = baseEnv({ SOUNDCLOUD_CLIENT_ID, SOUNDCLOUD_CLIENT_SECRET });
      const out = join(tmp('secrets-out'), 'tracks.ndjson');
      const args = ['export', 'soundcloud', '--base-url', sandbox.url, '--filter', `user=${user}`, '--page-size', '50', '--retries', '10', '--verbose', '-o', out];

      // A SIGKILL midway leaves a checkpoint; then resumes (at most 3) towards the end, every output kept.
      // Killed once the emulator has answered a few pages, however loaded the machine is.
      const runs = [await runCli(args, { env, onSpawn: (child) => signalAfterResponses(child, sandbox.stats, 6, 'SIGKILL') })];
      const afterKill = filesUnder(stateOf(env));
      const snapshots = [afterKill];
      while (runs.length < 4 && runs[runs.length - 1].code !== 0) {
        runs.push(await runCli(args, { env }));
        snapshots.push(filesUnder(stateOf(env)));
      }

      const log = sandbox.stats.log;
      const issued = new Set(log.map((entry) => /^OAuth (sandbox-sc-\S+)$/.exec(entry.headers.authorization ?? '')?.[1]).filter((token) => token !== undefined));
      const secrets = [
        SOUNDCLOUD_CLIENT_ID,
        SOUNDCLOUD_CLIENT_SECRET,
        Buffer.from(`${SOUNDCLOUD_CLIENT_ID}:${SOUNDCLOUD_CLIENT_SECRET}`).toString('base64'),
        ...issued,
      ];
      // The runs really were what this test claims: verbose retries under faults, an expired token, a checkpoint on disk.
      expect(Object.keys(afterKill).some((path) => path.endsWith('.json')), `a checkpoint exists after the first run\n${runs[0].stderr}`).toBe(true);
      expect(issued.size, 'tokens were issued and used').toBeGreaterThanOrEqual(2);
      expect(log.some((entry) => entry.status === 401), 'an expired token was refused').toBe(true);
      expect(runs.map((run) => run.stderr).join(''), 'verbose retry lines').toMatch(/retry \d+ after/);

      const texts: Record<string, string> = { output: existsSync(out) ? readFileSync(out, 'utf8') : '' };
      runs.forEach((run, i) => Object.assign(texts, outputs(run, ` (run ${i + 1})`)));
      snapshots.forEach((files, i) => Object.entries(files).forEach(([path, text]) => (texts[`${path} (after run ${i + 1})`] = text)));
      expect(leaks(texts, secrets)).toEqual([]);
    });
  });

  it('--verbose under 5xx, reset, 429 and malformed replies that echo the credential, then a 401 quoting it: exit 1, redacted, naming the variable', async () => {
    const echo = (req: { headers: { authorization?: string } }) => req.headers.authorization ?? '';
    await using(
      tinyServer((req, res, n) => {
        const header = echo(req);
        switch (n) {
          case 1:
            return json(res, 503, { error: `upstream rejected ${header}` });
          case 2:
            return void res.socket?.destroy();
          case 3:
            return json(res, 429, { error: `slow down, ${bearerOf(header)}` }, { 'retry-after': '0' });
          case 4:
            res.writeHead(200, { 'content-type': 'text/html' });
            return res.end(`<html><body>debug: authorization=${encodeURIComponent(header)}</body></html>`);
          case 5:
            return json(res, 200, { items: [{ id: 1 }, { id: 2 }], next: 'c2' });
          default:
            return json(res, 401, { message: `token ${bearerOf(header)} is invalid` });
        }
      }),
      async (server) => {
        const env = baseEnv({ DEMO_TOKEN: SECRET });
        const out = join(tmp('secrets-out'), 'items.ndjson');
        const result = await runCli(['export', 'demo', '--profile-file', testProfile(), '--base-url', server.url, '--retries', '5', '--verbose', '-o', out], { env });
        expect(server.requests.length, 'every scripted reply was served').toBe(6);
        expect(server.requests.every((request) => request.headers.authorization === `Bearer ${SECRET}`)).toBe(true);
        expect(result.code, result.stderr).toBe(1);
        expect(result.stderr).toMatch(/retry \d+ after/);
        expect(result.stderr).toMatch(/HTTP 401 .*token \*\*\* is invalid; check DEMO_TOKEN/);
        const state = filesUnder(stateOf(env));
        expect(Object.keys(state).some((path) => path.endsWith('.json')), 'the checkpoint of page 1 stays').toBe(true);
        expect(readFileSync(out, 'utf8')).toBe('{"id":1}\n{"id":2}\n');
        expect(leaks({ ...outputs(result), ...state, output: readFileSync(out, 'utf8') }, [SECRET])).toEqual([]);
      },
    );
  });

  const failures: Array<[string, (res: ServerResponse, secret: string) => void, number, RegExp]> = [
    ['a 401 quoting the token', (res, secret) => json(res, 401, { message: `token ${secret} is invalid` }), 1, /HTTP 401 .*token \*\*\* is invalid; check DEMO_TOKEN/],
    ['a 403 quoting it URL-encoded', (res, secret) => json(res, 403, { message: `key=${encodeURIComponent(secret)} may not read this` }), 1, /HTTP 403 .*key=\*\*\* may not read this/],
    ['an errors array in a 200 quoting it', (res, secret) => json(res, 200, { errors: [{ message: `key ${secret} revoked` }] }), 1, /key \*\*\* revoked/],
    [
      'a 500 HTML page quoting it, after retries',
      (res, secret) => {
        res.writeHead(500, { 'content-type': 'text/html' });
        res.end(`<p>${secret}</p>`);
      },
      1,
      /HTTP 500 .*after 2 attempts.*\*\*\*/,
    ],
    [
      'a malformed 200 quoting it, after retries',
      (res, secret) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"items": [ "${secret}`);
      },
      1,
      /not JSON.*\*\*\*/,
    ],
  ];

  it.each(failures)('%s: the error is redacted (***) with the right exit code, in stderr and in the --verbose details', async (_, reply, code, message) => {
    await using(
      tinyServer((req, res) => reply(res, bearerOf(req.headers.authorization))),
      async (server) => {
        const result = await runCli(['export', 'demo', '--profile-file', testProfile(), '--base-url', server.url, '--retries', '1', '--verbose'], { env: baseEnv({ DEMO_TOKEN: SECRET }) });
        expect(result.code, result.stderr).toBe(code);
        expect(result.stderr).toMatch(message);
        expect(leaks(outputs(result), [SECRET])).toEqual([]);
      },
    );
  });

  it('a rejected cursor whose error quotes the token: the warning, the summary and --summary-json are redacted (exit 3)', async () => {
    await using(
      tinyServer((req, res, n) =>
        n === 1
          ? json(res, 200, { items: [{ id: 1 }], next: 'abc' })
          : json(res, 400, { error: `invalid cursor abc for key ${bearerOf(req.headers.authorization)}` }),
      ),
      async (server) => {
        const summary = join(tmp('secrets-summary'), 'summary.json');
        const result = await runCli(['export', 'demo', '--profile-file', testProfile(), '--base-url', server.url, '--summary-json', summary], { env: baseEnv({ DEMO_TOKEN: SECRET }) });
        expect(result.code, result.stderr).toBe(3);
        expect(result.stderr).toMatch(/rejected the cursor.*invalid cursor abc for key \*\*\*/);
        expect(leaks({ ...outputs(result), 'summary.json': readFileSync(summary, 'utf8') }, [SECRET])).toEqual([]);
      },
    );
  });

  it('a secret straddling the cut of a quoted body snippet does not show even in part', async () => {
    // Padding puts the snippet's cut (120 characters for a malformed 200, 100 for an error status) five characters into the secret.
    for (const [status, padding] of [[200, 104], [502, 84]]) {
      await using(
        tinyServer((req, res) => {
          const body = `<html>${'x'.repeat(padding)} key=${bearerOf(req.headers.authorization)} more text after it</html>`;
          res.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
          res.end(body);
        }),
        async (server) => {
          const result = await runCli(['export', 'demo', '--profile-file', testProfile(), '--base-url', server.url, '--retries', '0'], { env: baseEnv({ DEMO_TOKEN: SECRET }) });
          expect(result.code).toBe(1);
          expect(result.stderr, `HTTP ${status}`).not.toContain(SECRET.slice(0, 5));
        },
      );
    }
  });

  it('a token from the token endpoint is a secret too: a 401 quoting it is redacted', async () => {
    await using(
      tinyServer((req, res) =>
        req.url === '/oauth/token'
          ? json(res, 200, { access_token: ISSUED })
          : json(res, 401, { message: `token ${bearerOf(req.headers.authorization)} is invalid or has expired` }),
      ),
      async (server) => {
        const result = await runCli(['export', 'demo', '--profile-file', tokenProfile(), '--base-url', server.url, '--verbose'], { env: tokenEnv() });
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/HTTP 401 .*token \*\*\* is invalid or has expired; check DEMO_CLIENT_ID and DEMO_CLIENT_SECRET/);
        expect(leaks(outputs(result), [ISSUED, CLIENT_ID, CLIENT_SECRET])).toEqual([]);
      },
    );
  });
});

describe('credentials go to the profile origin only', () => {
  const links: Array<[string, (evil: string) => string]> = [
    ['an absolute URL', (evil) => `${evil}/items?page=2`],
    ['a scheme-relative URL', (evil) => `${evil.replace('http:', '')}/items?page=2`],
    ['a URL with userinfo naming the API', (evil) => evil.replace('http://', 'http://127.0.0.1@')],
  ];

  it.each(links)('a next link to another origin (%s) is refused: exit 1, the evil server gets no request', async (_, link) => {
    await using(tinyServer((req, res) => json(res, 200, { items: [{ id: 'evil' }] })), async (evil) =>
      using(tinyServer((req, res) => json(res, 200, { items: [{ id: 1 }, { id: 2 }], next: link(evil.url) })), async (api) => {
        const result = await runCli(['export', 'demo', '--profile-file', nextUrlProfile(), '--base-url', api.url, '--verbose'], { env: baseEnv({ DEMO_TOKEN: SECRET }) });
        expect(evil.requests.filter((request) => request.headers.authorization !== undefined), 'a request to B carried the credentials').toEqual([]);
        expect(evil.requests, 'B is not contacted at all').toEqual([]);
        expect(result.code, result.stderr).toBe(1);
        expect(result.stderr).toMatch(new RegExp(`refusing to follow a next-page link to ${evil.url.replace(/[.]/g, '\\.')}.*credentials`));
        expect(api.requests).toHaveLength(1);
        expect(leaks(outputs(result), [SECRET])).toEqual([]);
      }),
    );
  });

  it("the refused link comes after page 1: page 1's records are in the output", async () => {
    await using(tinyServer((req, res) => json(res, 200, { items: [{ id: 'evil' }] })), async (evil) =>
      using(tinyServer((req, res) => json(res, 200, { items: [{ id: 1 }, { id: 2 }], next: `${evil.url}/items?page=2` })), async (api) => {
        const out = join(tmp('secrets-out'), 'items.ndjson');
        const result = await runCli(['export', 'demo', '--profile-file', nextUrlProfile(), '--base-url', api.url, '-o', out], { env: baseEnv({ DEMO_TOKEN: SECRET }) });
        expect(result.code, result.stderr).toBe(1);
        expect(result.stderr).toMatch(/refusing to follow/);
        expect(existsSync(out) ? readFileSync(out, 'utf8') : '(no file)').toBe('{"id":1}\n{"id":2}\n');
      }),
    );
  });

  it("a next link to the profile's declared origin is moved onto --base-url and followed with the credentials", async () => {
    await using(
      tinyServer((req, res) => {
        const page = pageOf(req.url);
        json(res, 200, { items: [{ id: page * 2 - 1 }, { id: page * 2 }], ...(page < 3 ? { next: `https://api.example.test/items?page=${page + 1}` } : {}) });
      }),
      async (api) => {
        const result = await runCli(['export', 'demo', '--profile-file', nextUrlProfile('https://api.example.test'), '--base-url', api.url], { env: baseEnv({ DEMO_TOKEN: SECRET }) });
        expect(result.code, result.stderr).toBe(0);
        expect(parseNdjson(result.stdout)).toEqual([1, 2, 3, 4, 5, 6].map((id) => ({ id })));
        expect(api.requests.map((request) => request.url)).toEqual(['/items', '/items?page=2', '/items?page=3']);
        expect(api.requests.every((request) => request.headers.authorization === `Bearer ${SECRET}`)).toBe(true);
      },
    );
  });
});

describe('checkpoints never hold a credential', () => {
  it('soundcloud with SOUNDCLOUD_ACCESS_TOKEN, SIGKILLed mid-export: the checkpoint has no token', async () => {
    await withSandbox('soundcloud', { latencyMs: 30 }, async (sandbox) => {
      const token = sandbox.emulator.env.SOUNDCLOUD_ACCESS_TOKEN;
      const env = baseEnv({ SOUNDCLOUD_ACCESS_TOKEN: token });
      const out = join(tmp('secrets-out'), 'tracks.ndjson');
      const args = ['export', 'soundcloud', '--base-url', sandbox.url, '--filter', 'user=soundcloud:users:948745750', '--page-size', '50', '-o', out];
      const killed = await runCli(args, { env, onSpawn: (child) => signalAfterResponses(child, sandbox.stats, 4, 'SIGKILL') });
      expect(killed.signal).toBe('SIGKILL');
      expect(sandbox.stats.log.every((entry) => entry.headers.authorization === `OAuth ${token}`)).toBe(true);
      const state = filesUnder(stateOf(env));
      expect(checkpointsIn(stateOf(env)), 'a checkpoint exists').toHaveLength(1);
      expect(leaks(state, [token])).toEqual([]);
    });
  });

  const echoed: Array<[string, (api: string, page: number, secret: string) => string, string[]]> = [
    ['the API key raw in its query', (api, page, secret) => `/items?page=${page}&api_key=${secret}`, [SECRET]],
    ['the API key URL-encoded in its query', (api, page, secret) => `/items?page=${page}&api_key=${encodeURIComponent(secret)}`, [SECRET]],
    ['a user:password on the API origin', (api, page) => `${api.replace('http://', 'http://admin:hunter2pw@')}/items?page=${page}`, ['hunter2pw']],
  ];

  it.each(echoed)('a next link with %s: CHECKPOINT_SECRET, exit 1, no credential on disk', async (_, link, secrets) => {
    await using(
      tinyServer((req, res) => {
        const page = pageOf(req.url);
        json(res, 200, { items: [{ id: page }], next: link(`http://${req.headers.host}`, page + 1, bearerOf(req.headers.authorization)) });
      }),
      async (api) => {
        const env = baseEnv({ DEMO_TOKEN: SECRET });
        const out = join(tmp('secrets-out'), 'items.ndjson');
        const result = await runCli(['export', 'demo', '--profile-file', nextUrlProfile(), '--base-url', api.url, '-o', out, '--verbose'], { env });
        expect(result.code, result.stderr).toBe(1);
        expect(result.stderr).toMatch(/refusing to write checkpoint .*credential/);
        expect(leaks({ ...outputs(result), ...filesUnder(stateOf(env)), output: readFileSync(out, 'utf8') }, [SECRET, ...secrets])).toEqual([]);
      },
    );
  });

  it('a next link echoing the token from the token endpoint: refused (exit 1) or never written to disk', async () => {
    await using(
      tinyServer((req, res) => {
        if (req.url === '/oauth/token') return json(res, 200, { access_token: ISSUED });
        const page = pageOf(req.url);
        setTimeout(() => json(res, 200, { items: [{ id: page }], next: `/items?page=${page + 1}&oauth_token=${bearerOf(req.headers.authorization)}` }), 30);
      }),
      async (api) => {
        const env = tokenEnv();
        const out = join(tmp('secrets-out'), 'items.ndjson');
        const result = await runCli(['export', 'demo', '--profile-file', tokenProfile(), '--base-url', api.url, '-o', out], {
          env,
          onSpawn: (child) => {
            // After a few pages, so the issued token has been used, however loaded the machine is.
            const poll = setInterval(() => {
              if (api.requests.length >= 4 || child.exitCode !== null) {
                clearInterval(poll);
                child.kill('SIGKILL');
              }
            }, 5);
          },
        });
        expect(api.requests.some((request) => request.headers.authorization === `Bearer ${ISSUED}`), 'the issued token was used').toBe(true);
        if (result.signal !== 'SIGKILL') {
          expect(result.code, result.stderr).toBe(1);
          expect(result.stderr).toMatch(/refusing to write checkpoint .*credential/);
        }
        expect(leaks({ ...outputs(result), ...filesUnder(stateOf(env)) }, [ISSUED, CLIENT_ID, CLIENT_SECRET])).toEqual([]);
      },
    );
  });
});
