/**
 * The commands around an export: --dry-run (one request, the plan, nothing written), `profiles
 * list | show | validate`, every command's --help examples, and `paginate sandbox` for curl.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { BIN, baseEnv, runCli, withSandbox } from './harness.js';

const PROFILES = fileURLToPath(new URL('../../profiles/', import.meta.url));
const SHIPPED = ['artsy', 'podchaser', 'soundcharts', 'soundcloud', 'starting-at'];
const tmp = () => mkdtempSync(join(tmpdir(), 'paginate-plan-'));

describe('--dry-run', () => {
  it('soundcharts min=10000: one request, the plan on stdout, no output file, no checkpoint', { timeout: 20_000 }, async () => {
    await withSandbox('soundcharts', {}, async (sandbox) => {
      const env = baseEnv(sandbox.emulator.env);
      const out = join(tmp(), 'artists.ndjson');
      const result = await runCli(['export', 'soundcharts', '--base-url', sandbox.url, '--filter', 'min=10000', '--dry-run', '-o', out], { env });
      expect(result.code, result.stderr).toBe(0);
      expect(sandbox.stats.requests, 'requests sent by --dry-run').toBe(1);
      const plan = result.stdout;
      expect(plan).toMatch(/^plan for soundcharts artists \(one request sent, \d+ ms\)\n/);
      expect(plan).toMatch(/^ {2}records: +140830$/m);
      expect(plan).toMatch(/^ {2}requests: +1409 of 100 records$/m);
      expect(plan).toMatch(/^ {2}windows: +3 offset windows$/m);
      expect(plan).toMatch(/^ {2}strategy: +hybrid, 16 requests in flight$/m);
      expect(plan).toMatch(/^ {2}rate limit: +5000\/min$/m);
      // 1409 requests at 5000/min (83.3/s) take 16.9 s at least, whatever the latency.
      const estimate = /^ {2}estimate: +(?:(\d+\.\d) s|(\d+)m(\d+)s)$/m.exec(plan);
      expect(estimate, 'an estimate in seconds or minutes').not.toBeNull();
      const seconds = estimate![1] !== undefined ? Number(estimate![1]) : Number(estimate![2]) * 60 + Number(estimate![3]);
      expect(seconds, 'estimated seconds').toBeGreaterThanOrEqual(16.9);
      expect(seconds, 'estimated seconds').toBeLessThan(120);
      expect(result.stderr, 'the plan goes to stdout; stderr stays empty').toBe('');
      expect(existsSync(out), '--dry-run wrote the output file').toBe(false);
      const state = join(env.XDG_STATE_HOME!, 'paginate');
      expect(existsSync(state) ? readdirSync(state).filter((name) => /\.(json|lock)$/.test(name)) : [], '--dry-run left a checkpoint or lock').toEqual([]);
    });
  });
});

interface ProfileYaml {
  name: string;
  base_url: string;
  rate_limit?: string;
  auth?: unknown[];
  endpoints: Record<
    string,
    {
      method?: string;
      path: string;
      graphql?: unknown;
      filters?: Record<string, { type?: string; enum?: string[]; default?: unknown; required?: boolean; in: string; name: string | string[] }>;
      pagination: { kind: string; window?: number; page_size?: { default: number; max: number } };
    }
  >;
}

const variablesOf = (value: unknown): string[] => [...new Set([...JSON.stringify(value).matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((match) => match[1]))];

describe('profiles show', () => {
  for (const name of SHIPPED) {
    it(`${name}: every endpoint and filter (type, default, where), each variable set or not — never its value — rate limit, pagination`, { timeout: 20_000 }, async () => {
      const profile = parseYaml(readFileSync(join(PROFILES, `${name}.yaml`), 'utf8')) as ProfileYaml;
      const variables = variablesOf(profile.auth);
      expect(variables.length, `${name} declares its credentials as variables`).toBeGreaterThan(0);
      // The first variable set to a distinctive value, the others not set at all.
      const [setOne, ...unset] = variables;
      const secret = `supersecretvalue-${name}`;
      const result = await runCli(['profiles', 'show', name], { env: baseEnv({ [setOne]: secret }) });
      expect(result.code, result.stderr).toBe(0);
      const text = result.stdout;
      expect(text, `the value of ${setOne} was printed`).not.toContain(secret);
      expect(text).toContain(`${setOne} (set)`);
      for (const variable of unset) expect(text).toContain(`${variable} (not set)`);
      expect(text).toContain(`rate limit: ${profile.rate_limit ?? 'none declared'}`);
      for (const [endpointName, endpoint] of Object.entries(profile.endpoints)) {
        const method = endpoint.graphql ? 'POST (GraphQL)' : (endpoint.method ?? 'GET');
        expect(text, `endpoint ${endpointName}`).toMatch(new RegExp(`^  endpoint ${endpointName}( \\(default\\))?: ${escape(method)} ${escape(endpoint.path)}$`, 'm'));
        const block = text.slice(text.indexOf(`  endpoint ${endpointName}`)).split('\n\n')[0];
        const { pagination } = endpoint;
        expect(block, `${endpointName} pagination`).toContain(`pagination: ${pagination.kind}${pagination.window ? ` (window ${pagination.window})` : ''}`);
        if (pagination.page_size) expect(block).toContain(`page size ${pagination.page_size.default} (max ${pagination.page_size.max})`);
        const filters = Object.entries(endpoint.filters ?? {});
        if (filters.length === 0) expect(block).toContain('filters: none');
        for (const [filterName, filter] of filters) {
          const line = block.split('\n').find((candidate) => candidate.trimStart().startsWith(`--filter ${filterName}=`));
          expect(line, `${endpointName} --filter ${filterName} is listed`).toBeDefined();
          const type = filter.enum ? filter.enum.join('|') : (filter.type ?? 'string');
          expect(line, `${endpointName} --filter ${filterName}: type`).toContain(`--filter ${filterName}=<${type}>`);
          const names = Array.isArray(filter.name) ? filter.name.join(' + ') : filter.name;
          expect(line, `${endpointName} --filter ${filterName}: where it goes`).toContain(`→ ${filter.in} ${names}`);
          if (filter.default !== undefined) expect(line, `${endpointName} --filter ${filterName}: default`).toMatch(new RegExp(`\\((required, )?default ${escape(String(filter.default))}\\)`));
          if (filter.required) expect(line, `${endpointName} --filter ${filterName}: required`).toContain('(required');
        }
      }
    });
  }

  it('starting-at: shown with EduFocal\'s base URL and its description', { timeout: 20_000 }, async () => {
    const shown = await runCli(['profiles', 'show', 'starting-at']);
    expect(shown.stdout).toContain('starting-at — EduFocal items (base64 starting_at cursor)');
    expect(shown.stdout).toContain('base URL: https://api.edufocal.com');
    const listed = await runCli(['profiles', 'list']);
    expect(listed.stdout).toMatch(/^starting-at +EduFocal items \(base64 starting_at cursor\)$/m);
  });

  it('soundcharts with SOUNDCHARTS_API_KEY=supersecretvalue: "set", and the value nowhere', { timeout: 20_000 }, async () => {
    const result = await runCli(['profiles', 'show', 'soundcharts'], { env: baseEnv({ SOUNDCHARTS_API_KEY: 'supersecretvalue' }) });
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain('supersecretvalue');
    expect(result.stdout).toContain('auth: SOUNDCHARTS_APP_ID (not set), SOUNDCHARTS_API_KEY (set)');
    expect(result.stdout).toContain('rate limit: 5000/min');
    expect(result.stdout).toContain('pagination: hybrid (window 50000), page size 100 (max 100)');
    expect(result.stdout).toContain('--filter order=<asc|desc>  → body sort.order (default desc)');
  });
});

describe('profiles validate and list', () => {
  it('every shipped profile is valid (exit 0)', { timeout: 30_000 }, async () => {
    for (const name of SHIPPED) {
      const file = join(PROFILES, `${name}.yaml`);
      const result = await runCli(['profiles', 'validate', file]);
      expect(result.code, `${file}: ${result.stderr}`).toBe(0);
      expect(result.stdout).toBe(`${file}: valid\n`);
    }
  });

  it('a good user profile → exit 0; a bad one → exit 2 with every error and its field path', { timeout: 20_000 }, async () => {
    const dir = tmp();
    const good = join(dir, 'good.yaml');
    writeFileSync(good, "name: good\nbase_url: https://api.example.com\nauth:\n  - headers: {Authorization: 'Bearer ${GOOD_TOKEN}'}\nendpoints:\n  items:\n    path: /items\n    records: data\n    pagination: {kind: offset, param: {in: query, name: offset}, page_size: {in: query, name: limit, default: 50, max: 200}}\n");
    const ok = await runCli(['profiles', 'validate', good]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe(`${good}: valid\n`);
    expect(ok.stderr).toBe('');

    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\nbase_url: https://api.example.com\nrate_limit: lots\nendpoints:\n  items:\n    path: items\n    records: data\n    filters:\n      kind: {in: cookie, name: x}\n    pagination: {kind: sideways}\n');
    const failed = await runCli(['profiles', 'validate', bad]);
    expect(failed.code, failed.stderr).toBe(2);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).not.toMatch(/^\s+at /m);
    const lines = failed.stderr.trim().split('\n');
    for (const line of lines) expect(line, 'each error names the file and a field path').toMatch(new RegExp(`^(paginate: )?${escape(bad)}: [\\w.]+: .+`));
    for (const path of ['rate_limit', 'endpoints.items.path', 'endpoints.items.filters.kind.in', 'endpoints.items.pagination.kind']) {
      expect(failed.stderr, `the error at ${path}`).toContain(`${bad}: ${path}: `);
    }
  });

  it('profiles list shows the five shipped profiles, and a user profile from PAGINATE_PROFILES', { timeout: 20_000 }, async () => {
    const result = await runCli(['profiles', 'list']);
    expect(result.code, result.stderr).toBe(0);
    const names = result.stdout.trim().split('\n').map((line) => line.split(/\s+/)[0]);
    expect(names).toEqual(SHIPPED);
    for (const line of result.stdout.trim().split('\n')) expect(line, 'each with its description').toMatch(/^\S+\s{2,}\S/);

    const dir = tmp();
    writeFileSync(join(dir, 'mine.yaml'), 'name: mine\ndescription: my own API\nbase_url: https://api.example.com\nendpoints:\n  items:\n    path: /items\n    records: data\n    pagination: {kind: cursor, cursor: next, param: {in: query, name: cursor}}\n');
    const withMine = await runCli(['profiles', 'list'], { env: baseEnv({ PAGINATE_PROFILES: dir }) });
    expect(withMine.stdout).toMatch(/^mine\s+my own API$/m);
  });
});

describe('--help shows examples', () => {
  const commands: Array<[string[], RegExp]> = [
    [[], /\$ paginate export /],
    [['export'], /\$ paginate export /],
    [['profiles', 'list'], /\$ paginate profiles list/],
    [['profiles', 'show'], /\$ paginate profiles show \S+/],
    [['profiles', 'validate'], /\$ paginate profiles validate \S+/],
    [['sandbox'], /\$ paginate sandbox \S+/],
  ];
  for (const [command, example] of commands) {
    it(`paginate ${[...command, '--help'].join(' ')}`, { timeout: 10_000 }, async () => {
      const result = await runCli([...command, '--help']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout, 'an Example(s) section').toMatch(/\nExamples?:\n/);
      expect(result.stdout.slice(result.stdout.search(/\nExamples?:\n/)), 'an example of this command').toMatch(example);
    });
  }

  it('paginate profiles --help', { timeout: 10_000 }, async () => {
    const result = await runCli(['profiles', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\nExamples?:\n(.*\n)*.*\$ paginate profiles /);
  });
});

describe('paginate sandbox', () => {
  it('starting-at --port 0: prints its URL on stdout, serves curl with the printed credentials, exits 0 on SIGINT', { timeout: 20_000 }, async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', 'starting-at', '--port', '0'], { env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const safety = setTimeout(() => child.kill('SIGKILL'), 15_000);
    try {
      const until = Date.now() + 10_000;
      while (!/\n/.test(stdout) || !/try: /.test(stderr)) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`the sandbox printed no URL:\n${stdout}${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const url = stdout.trim();
      expect(url, 'stdout is exactly the URL').toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const tryLine = /try: (.*) paginate export starting-at --base-url (\S+)/.exec(stderr);
      expect(tryLine, `a "try:" line with the credentials on stderr:\n${stderr}`).not.toBeNull();
      expect(tryLine![2]).toBe(url);
      const credentials = Object.fromEntries(tryLine![1].split(' ').map((pair) => pair.split('=') as [string, string]));
      expect(Object.keys(credentials)).toEqual(['STARTING_AT_TOKEN']);

      // curl, as a user would: without the token 401, with it a page.
      const anonymous = await fetch(`${url}/items?limit=2`);
      expect(anonymous.status).toBe(401);
      await anonymous.text();
      const page = await fetch(`${url}/items?limit=2`, { headers: { Authorization: `Bearer ${credentials.STARTING_AT_TOKEN}` } });
      expect(page.status).toBe(200);
      const body = (await page.json()) as { items: unknown[]; cursor: { starting_at: string } };
      expect(body.items).toHaveLength(2);
      expect(body.cursor.starting_at).toMatch(/^[A-Za-z0-9+/]+=*$/);

      // The printed command works as printed.
      const exported = await runCli(['export', 'starting-at', '--base-url', url, '--max-items', '5'], { env: baseEnv(credentials) });
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout.trim().split('\n')).toHaveLength(5);

      // A keep-alive connection is still open from fetch: SIGINT must not wait for it.
      const stoppedAt = Date.now();
      child.kill('SIGINT');
      expect(await exited, `exit code after SIGINT:\n${stderr}`).toBe(0);
      expect(Date.now() - stoppedAt, 'time to stop after SIGINT').toBeLessThan(3_000);
    } finally {
      clearTimeout(safety);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
