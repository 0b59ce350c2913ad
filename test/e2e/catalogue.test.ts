/**
 * The bad-input catalogue: one test per bad input (usage, profile, environment, output, server),
 * each asserting the exit code, a one-line message that says what to do, no stack trace, no
 * secret, and nothing lost — a usage error leaves an existing output file alone and sends no
 * request; a failure after some pages leaves every record received before it in the -o file.
 *
 * Inputs already in bad-input.test.ts (and the corrupt checkpoint, rejected cursor, quota and
 * other-origin links covered by resume, hybrid and secrets tests) are not repeated here.
 */
import { describe, it, type ExpectStatic } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type EmulatorName, type StartSandboxOptions } from '../../sandbox/registry.js';
import { BIN, baseEnv, runCli, type RunResult } from './harness.js';
import { json, tinyServer, type Reply, type TinyServer } from './tiny-server.js';

const TOKEN = 'demo-secret-token-6f1e';
const PRECIOUS = '{"precious":"a file a usage error must not touch"}\n';

interface Ctx {
  /** The scripted server's or emulator's origin; http://127.0.0.1:9 (nothing) when the entry has none. */
  url: string;
  dir: string;
  /** The -o file of the entry. */
  out: string;
  /** `demo`: cursor pages, GET /items?cursor=…, records at items, next cursor at next. */
  cursor: string;
  /** `demo-next`: next_url pages, next link at next. */
  next: string;
  /** `demo-total`: cursor pages with the total at total. */
  total: string;
  env: NodeJS.ProcessEnv;
  /** Requests the server has received so far. */
  requests: () => number;
}

interface Entry {
  title: string;
  args: (ctx: Ctx) => string[];
  env?: Record<string, string>;
  /** A scripted HTTP server on 127.0.0.1 … */
  server?: Reply;
  /** … or a provider emulator, whose credentials are put in the environment. */
  sandbox?: { name: EmulatorName; options?: StartSandboxOptions; env?: Record<string, string> };
  code: number;
  /** What the message must say: the cause and what to do. */
  message: RegExp;
  /** Lines on stderr. @default 1 */
  lines?: number;
  /** How stderr lines start. @default /^paginate: / */
  prefix?: RegExp;
  /** Nothing lost: the ids (`id` field), or the count, of the records in the -o file. */
  kept?: string[] | number;
  /** Requests the server must have received. Usage errors (exit 2): 0, always. */
  requests?: number;
  /** Extra checks. */
  check?: (result: RunResult, ctx: Ctx, expect: ExpectStatic) => void;
  /** Runs before the CLI; returns a cleanup. */
  before?: (ctx: Ctx) => Promise<() => void | Promise<void>>;
  timeoutMs?: number;
}

// ---------------------------------------------------------------------------------------------
// Scripted replies
// ---------------------------------------------------------------------------------------------

/** `good` cursor pages of two records (r1a, r1b, r2a, …), then `bad` for every later request. */
function cursorPages(good: number, bad: (res: ServerResponse, n: number, req: IncomingMessage) => void): Reply {
  return (req, res, n) =>
    n <= good ? json(res, 200, { items: [{ id: `r${n}a` }, { id: `r${n}b` }], next: `c${n}` }) : bad(res, n, req);
}
const ids = (pages: number) => Array.from({ length: pages }, (_, i) => [`r${i + 1}a`, `r${i + 1}b`]).flat();
const origin = (req: IncomingMessage) => `http://${req.headers.host}`;

/** next_url pages whose next links are `links[n - 1]` (relative to the server's origin). */
function nextPages(links: Array<string | null>): Reply {
  return (req, res, n) =>
    json(res, 200, { items: [{ id: `r${n}a`, n }], next: links[n - 1] === null ? null : /^[a-z]+:/.test(links[n - 1]!) ? links[n - 1] : `${origin(req)}${links[n - 1]}` });
}

/** Podchaser GraphQL pages (one podcast each) for `good` requests, then `bad`. */
function podchaserPages(good: number, bad: (res: ServerResponse) => void): Reply {
  return (_req, res, n) =>
    n <= good
      ? json(res, 200, { data: { podcasts: { cursorInfo: { total: 50, nextCursor: `c${n}`, cursorRefreshed: false }, data: [{ id: `p${n}`, title: `Podcast ${n}` }] } } })
      : bad(res);
}

// ---------------------------------------------------------------------------------------------
// The catalogue
// ---------------------------------------------------------------------------------------------

const artsy = (...rest: string[]) => ['export', 'artsy', '--sandbox', ...rest];
const demo = (ctx: Ctx, ...rest: string[]) => ['export', 'demo', '--profile-file', ctx.cursor, '--base-url', ctx.url, ...rest];
const demoNext = (ctx: Ctx, ...rest: string[]) => ['export', 'demo-next', '--profile-file', ctx.next, '--base-url', ctx.url, ...rest];
const ARTSY_ENV = { ARTSY_XAPP_TOKEN: 'xapp-token-not-a-real-one' };

const usage: Entry[] = [
  // Options that conflict or are out of range / not numbers
  { title: '--sandbox together with --base-url', args: () => artsy('--base-url', 'http://127.0.0.1:9'), code: 2, message: /--sandbox and --base-url cannot be used together/ },
  { title: '--sandbox for a user profile that has no emulator', args: (ctx) => ['export', 'demo', '--profile-file', ctx.cursor, '--sandbox'], code: 2, message: /there is no sandbox for profile "demo"; sandboxes exist for soundcharts, soundcloud, podchaser, artsy, starting-at/ },
  { title: '--fields with an empty column', args: () => artsy('--fields', 'id,,name'), code: 2, message: /--fields "id,,name": expected comma-separated dot paths such as id,artist\.name/ },
  { title: '--fields with a malformed dot path', args: () => artsy('--fields', 'artist..name'), code: 2, message: /--fields "artist\.\.name": expected comma-separated dot paths/ },
  { title: '--timeout 0', args: () => artsy('--timeout', '0'), code: 2, message: /--timeout "0": expected seconds, more than 0 and at most 3600/ },
  { title: '--timeout not a number', args: () => artsy('--timeout', 'soon'), code: 2, message: /--timeout "soon": expected seconds/ },
  { title: '--retries -1', args: () => artsy('--retries', '-1'), code: 2, message: /--retries "-1": expected a whole number from 0 to 100/ },
  { title: '--retries above the maximum', args: () => artsy('--retries', '101'), code: 2, message: /--retries "101": expected a whole number from 0 to 100/ },
  { title: '--quiet with --verbose', args: () => artsy('--quiet', '--verbose'), code: 2, message: /--quiet and --verbose cannot be used together/ },
  { title: '--concurrency 0', args: () => artsy('--concurrency', '0'), code: 2, message: /--concurrency "0": expected a whole number from 1 to 256/ },
  { title: '--concurrency a fraction', args: () => artsy('--concurrency', '1.5'), code: 2, message: /--concurrency "1\.5": expected a whole number from 1 to 256/ },
  { title: '--page-size 0', args: () => artsy('--page-size', '0'), code: 2, message: /--page-size "0": expected a whole number from 1 to/ },
  { title: '--max-items negative', args: () => artsy('--max-items', '-3'), code: 2, message: /--max-items "-3": expected a whole number at least 1/ },
  { title: '--max-items in exponent notation', args: () => artsy('--max-items', '1e3'), code: 2, message: /--max-items "1e3": expected a whole number at least 1/ },
  { title: '--rate of zero', args: () => artsy('--rate', '0/s'), code: 2, message: /--rate "0\/s": expected a positive rate such as 5000\/min or 5\/s/ },
  { title: '--rate with an unknown unit', args: () => artsy('--rate', '10/fortnight'), code: 2, message: /--rate "10\/fortnight": expected a positive rate such as 5000\/min or 5\/s/ },
  { title: '--strategy unknown', args: () => artsy('--strategy', 'fast'), code: 2, message: /--strategy "fast": expected one of auto, sequential, hybrid/ },
  { title: '--base-url with a non-http scheme', args: () => ['export', 'artsy', '--base-url', 'ftp://x.example'], env: ARTSY_ENV, code: 2, message: /invalid base URL "ftp:\/\/x\.example": only http and https are supported/ },
  { title: '--base-url with no host', args: () => ['export', 'artsy', '--base-url', 'http://'], env: ARTSY_ENV, code: 2, message: /invalid base URL "http:\/\/": expected an absolute http\(s\) URL such as https:\/\/api\.example\.com/ },

  // Filters
  { title: 'required filter missing (soundcloud user)', args: () => ['export', 'soundcloud', '--base-url', 'http://127.0.0.1:9'], env: { SOUNDCLOUD_ACCESS_TOKEN: 'token-for-the-test' }, code: 2, message: /soundcloud user-tracks needs --filter user=VALUE \(user URN such as soundcloud:users:948745750\)/ },
  { title: 'enum filter with a wrong value (soundcharts order=up)', args: () => ['export', 'soundcharts', '--sandbox', '--filter', 'order=up'], code: 2, message: /--filter order=up: expected one of asc, desc/ },
  { title: 'enum filter with a value Podchaser\'s PodcastSortType lacks (sort-by=TITLE)', args: () => ['export', 'podchaser', '--sandbox', '--filter', 'sort-by=TITLE'], code: 2, message: /--filter sort-by=TITLE: expected one of FOLLOWER_COUNT, ALPHABETICAL, RELEVANCE/ },
  { title: 'boolean filter with a wrong value (artsy artworks=maybe)', args: () => artsy('--filter', 'artworks=maybe'), code: 2, message: /--filter artworks=maybe: expected true or false/ },
  { title: 'pattern filter with a wrong value (soundcharts min=lots)', args: () => ['export', 'soundcharts', '--sandbox', '--filter', 'min=lots'], code: 2, message: /--filter min=lots: expected a value matching \^\[0-9\]\+\$/ },
  { title: 'a filter for an endpoint that takes none', args: (ctx) => demo(ctx, '--filter', 'x=1'), code: 2, message: /unknown filter "x" for demo items; this endpoint takes no filters/ },
  { title: '--filter with an empty name', args: () => artsy('--filter', '=x'), code: 2, message: /--filter "=x": expected NAME=VALUE, e\.g\. --filter platform=spotify/ },

  // Profiles and environment
  { title: 'unknown endpoint of a user profile (did you mean)', args: (ctx) => ['export', 'demo', 'itmes', '--profile-file', ctx.cursor], code: 2, message: /profile "demo" has no endpoint "itmes" \(did you mean "items"\?\); endpoints: items/ },
  { title: 'no credentials at all: both ways to authenticate are named', args: () => ['export', 'artsy'], code: 2, message: /artsy needs environment variables ARTSY_XAPP_TOKEN, or ARTSY_CLIENT_ID and ARTSY_CLIENT_SECRET/ },
  { title: 'base URL from STARTING_AT_BASE_URL that is not a URL', args: () => ['export', 'starting-at'], env: { STARTING_AT_TOKEN: 't0ken-value', STARTING_AT_BASE_URL: 'api.example.com' }, code: 2, message: /invalid base URL "api\.example\.com": expected an absolute http\(s\) URL/ },
  {
    title: 'schema-invalid JSON profile on export: the file, the field path and what was expected',
    args: (ctx) => ['export', 'bad', '--profile-file', writeFile(ctx, 'bad.json', JSON.stringify({ name: 'bad', base_url: 'https://x.test', endpoints: { items: { path: '/items', method: 'FETCH', records: 'items', pagination: { kind: 'cursor', cursor: 'next', param: { in: 'query', name: 'cursor' } } } } }))],
    code: 2,
    message: /bad\.json: endpoints\.items\.method: .*expected one of "GET"\|"POST"/,
  },
  { title: 'a profile file that is a JSON array', args: (ctx) => ['export', 'arr', '--profile-file', writeFile(ctx, 'arr.json', '[1, 2]')], code: 2, message: /arr\.json: \(top level\): .*expected object, received array/ },
  {
    title: '--state-dir is a file',
    args: (ctx) => demo(ctx, '--state-dir', writeFile(ctx, 'state-file', 'x')),
    code: 2,
    message: /cannot use the state folder .*state-file .*; choose another with --state-dir/,
  },
  {
    title: 'the same export is already running (checkpoint lock)',
    args: (ctx) => demo(ctx, '-o', ctx.out),
    // The first run holds the lock while the server leaves its first request hanging.
    server: () => {},
    before: async (ctx) => {
      const first = spawn(process.execPath, [BIN, ...demo(ctx, '-o', ctx.out)], { env: ctx.env, stdio: 'ignore' });
      await waitFor(() => ctx.requests() === 1, "the first run's request (it holds the lock by then)");
      return () => stop(first);
    },
    code: 2,
    message: /another paginate run \(pid \d+\) is using this checkpoint: .*\.lock; wait for it or stop it/,
  },
  {
    title: 'the output file was deleted after a failed run left its checkpoint',
    args: (ctx) => demo(ctx, '-o', ctx.out),
    server: cursorPages(2, (res) => json(res, 403, { message: 'no' })),
    before: async (ctx) => {
      await runCli(demo(ctx, '-o', ctx.out), { env: ctx.env });
      rmSync(ctx.out);
      return () => {};
    },
    code: 1,
    message: /cannot resume .*out\.ndjson: the file no longer exists; run with --restart/,
    requests: 0,
  },
  {
    title: 'the output file was cut short after a failed run left its checkpoint',
    args: (ctx) => demo(ctx, '-o', ctx.out),
    server: cursorPages(2, (res) => json(res, 403, { message: 'no' })),
    before: async (ctx) => {
      await runCli(demo(ctx, '-o', ctx.out), { env: ctx.env });
      writeFileSync(ctx.out, readFileSync(ctx.out, 'utf8').split('\n')[0] + '\n');
      return () => {};
    },
    code: 1,
    message: /cannot resume .*out\.ndjson: it has \d+ bytes, fewer than the \d+ the checkpoint recorded; run with --restart/,
    requests: 0,
  },

  // Commands
  { title: 'profiles show an unknown name lists the available ones', args: () => ['profiles', 'show', 'nope'], code: 2, message: /unknown profile "nope"; available: artsy, podchaser, soundcharts, soundcloud, starting-at/ },
  { title: 'profiles show a misspelt name (did you mean)', args: () => ['profiles', 'show', 'artsi'], code: 2, message: /unknown profile "artsi" \(did you mean "artsy"\?\); available: / },
  {
    title: 'profiles validate: a JSON profile with several errors reports every one with its field path',
    args: (ctx) => [
      'profiles',
      'validate',
      writeFile(ctx, 'several.json', JSON.stringify({ name: 'Bad Name!', base_url: 'https://x.test', rate_limit: 'fast', endpoints: { items: { path: 'items', method: 'FETCH', records: 5, pagination: { kind: 'cursor' } } } })),
    ],
    code: 2,
    lines: 7,
    prefix: /^\/.*several\.json: /,
    message: /several\.json: name: expected a kebab-case name/,
    check: (result, _ctx, expect) => {
      for (const path of ['name', 'rate_limit', 'endpoints.items.method', 'endpoints.items.path', 'endpoints.items.records', 'endpoints.items.pagination.cursor', 'endpoints.items.pagination.param']) {
        expect(result.stderr, `validate must report the error at ${path}`).toContain(`several.json: ${path}: `);
      }
      expect(result.stdout, 'nothing on stdout for an invalid profile').toBe('');
    },
  },
  { title: 'profiles validate a missing file', args: () => ['profiles', 'validate', '/nonexistent-paginate/x.yaml'], code: 2, prefix: /^(paginate: )?\/nonexistent/, message: /\/nonexistent-paginate\/x\.yaml: cannot read profile: no such file/ },
  { title: 'sandbox for a profile with no emulator', args: () => ['sandbox', 'nope'], code: 2, message: /there is no sandbox for profile "nope"; sandboxes exist for soundcharts, soundcloud, podchaser, artsy, starting-at/ },
  { title: 'sandbox --port out of range', args: () => ['sandbox', 'artsy', '--port', '99999'], code: 2, message: /--port "99999": expected a whole number from 0 to 65535/ },
  { title: 'sandbox --latency negative', args: () => ['sandbox', 'artsy', '--latency', '-1'], code: 2, message: /--latency "-1": expected a whole number from 0 to 60000/ },
  { title: 'sandbox --faults with an unknown fault', args: () => ['sandbox', 'artsy', '--faults', 'error500=0.1'], code: 2, message: /--faults "error500=0\.1": unknown fault "error500"; expected one of error5xx, reset, rate429, malformed, slow, hang, burst429, retryAfterS, slowMs, seed/ },
  { title: 'sandbox --faults whose probabilities add up to more than 1', args: () => ['sandbox', 'artsy', '--faults', 'error5xx=0.7,reset=0.4'], code: 2, message: /--faults "error5xx=0\.7,reset=0\.4": the probabilities add up to 1\.1, more than 1/ },
  {
    title: 'unknown command',
    args: () => ['frobnicate'],
    code: 2,
    message: /unknown command 'frobnicate'.*--help/,
  },
  {
    title: 'missing profile argument',
    args: () => ['export'],
    code: 2,
    message: /missing required argument 'profile'.*--help/,
  },
  {
    title: 'profiles validate accepts no base_url that export would refuse',
    args: (ctx) => ['profiles', 'validate', writeFile(ctx, 'url.json', JSON.stringify({ name: 'url', base_url: 'not a url', endpoints: { items: { path: '/items', records: 'items', pagination: { kind: 'cursor', cursor: 'next', param: { in: 'query', name: 'cursor' } } } } }))],
    code: 2,
    prefix: /^(paginate: )?\/.*url\.json: /,
    message: /url\.json: base_url: /,
  },
  {
    title: 'a literal secret in a profile header is refused',
    args: (ctx) => ['profiles', 'validate', writeFile(ctx, 'literal.yaml', 'name: literal\nbase_url: https://x.test\nauth:\n  - headers: {Authorization: "Bearer sk_live_abcdef123456"}\nendpoints:\n  items:\n    path: /items\n    records: items\n    pagination: {kind: cursor, cursor: next, param: {in: query, name: cursor}}\n')],
    code: 2,
    prefix: /^(paginate: )?\/.*literal\.yaml: /,
    message: /literal\.yaml: auth\.0\.headers\.Authorization: .*\$\{/,
  },
  {
    title: '--summary-json into a missing folder is found before any request',
    args: (ctx) => demo(ctx, '-o', ctx.out, '--summary-json', '/nonexistent-paginate/summary.json'),
    server: cursorPages(2, (res) => json(res, 200, { items: [], next: null })),
    code: 2,
    message: /--summary-json.*\/nonexistent-paginate\/summary\.json.*does not exist/,
  },
];

const output: Entry[] = [
  { title: '-o is a directory', args: (ctx) => demo(ctx, '-o', ctx.dir), server: cursorPages(1, () => {}), code: 1, message: /cannot write .*: it is a directory/, requests: 0 },
  { title: '-o in a folder that is not writable (/sys)', args: (ctx) => demo(ctx, '-o', '/sys/paginate-out.ndjson'), server: cursorPages(1, () => {}), code: 1, message: /cannot write \/sys\/paginate-out\.ndjson: (permission denied|read-only file system)/, requests: 0 },
  { title: '-o under a file (/dev/null/x.ndjson)', args: (ctx) => demo(ctx, '-o', '/dev/null/x.ndjson'), server: cursorPages(1, () => {}), code: 1, message: /cannot write \/dev\/null\/x\.ndjson: a parent of it is not a folder/, requests: 0 },
  {
    title: '-o under /proc does not claim the folder is missing',
    args: (ctx) => demo(ctx, '-o', '/proc/paginate-out.ndjson'),
    server: cursorPages(1, () => {}),
    code: 1,
    message: /cannot write \/proc\/paginate-out\.ndjson: (?!output folder \/proc does not exist)/,
    requests: 0,
  },
  {
    title: '-o with an unknown extension writes NDJSON (the default), and says where',
    args: (ctx) => demo(ctx, '-o', join(ctx.dir, 'out.txt')),
    server: cursorPages(2, (res) => json(res, 200, { items: [], next: null })),
    code: 0,
    message: /demo items: 4 records, 3 pages, .*→ .*out\.txt .*; complete$/,
    check: (_result, ctx, expect) => {
      const lines = readFileSync(join(ctx.dir, 'out.txt'), 'utf8').trim().split('\n');
      expect(lines.map((line) => JSON.parse(line).id), 'out.txt holds NDJSON').toEqual(ids(2));
    },
  },
];

const server: Entry[] = [
  {
    title: '403 with the API message after 2 pages',
    args: (ctx) => demo(ctx, '-o', ctx.out),
    server: cursorPages(2, (res) => json(res, 403, { message: 'your plan does not include this endpoint' })),
    code: 1,
    message: /HTTP 403 from GET http:\/\/127\.0\.0\.1:\d+\/items: your plan does not include this endpoint; the credentials are not allowed to read this endpoint/,
    kept: ids(2),
    requests: 3,
  },
  {
    title: '429 forever (Retry-After: 0): gives up after --retries 1',
    args: (ctx) => demo(ctx, '-o', ctx.out, '--retries', '1'),
    server: cursorPages(2, (res) => json(res, 429, { message: 'slow down' }, { 'retry-after': '0' })),
    code: 1,
    message: /HTTP 429 from GET http:\/\/127\.0\.0\.1:\d+\/items after 2 attempts: slow down/,
    kept: ids(2),
    requests: 4,
  },
  {
    title: '503 forever: gives up after --retries 1',
    args: (ctx) => demo(ctx, '-o', ctx.out, '--retries', '1'),
    server: cursorPages(2, (res) => json(res, 503, { message: 'overloaded, try later' })),
    code: 1,
    message: /HTTP 503 from GET http:\/\/127\.0\.0\.1:\d+\/items after 2 attempts: overloaded, try later/,
    kept: ids(2),
    requests: 4,
  },
  {
    title: 'an HTML 502 gateway page after 2 pages is quoted',
    args: (ctx) => demo(ctx, '-o', ctx.out, '--retries', '1'),
    server: cursorPages(2, (res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>')),
    code: 1,
    message: /HTTP 502 from GET http:\/\/127\.0\.0\.1:\d+\/items after 2 attempts: "<html><body><h1>502 Bad Gateway<\/h1><\/body><\/html>"/,
    kept: ids(2),
    requests: 4,
  },
  {
    title: 'truncated JSON after 2 pages is quoted, after a retry',
    args: (ctx) => demo(ctx, '-o', ctx.out, '--retries', '1'),
    server: cursorPages(2, (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[{"id":"r3a"},{"id":"r3')),
    code: 1,
    message: /response is not JSON \(application\/json, 32 bytes\): "\{\\"items\\":\[\{\\"id\\":\\"r3a\\"\},\{\\"id\\":\\"r3"/,
    kept: ids(2),
    requests: 4,
  },
  {
    title: 'a JSON body sent as text/plain is read (it is JSON)',
    args: (ctx) => demo(ctx, '-o', ctx.out),
    server: (_req, res, n) => res.writeHead(200, { 'content-type': 'text/plain' }).end(JSON.stringify({ items: [{ id: `r${n}a` }, { id: `r${n}b` }], next: n < 3 ? `c${n}` : null })),
    code: 0,
    message: /demo items: 6 records, 3 pages, .*; complete$/,
    kept: ids(3),
    requests: 3,
  },
  {
    title: 'a JSON null body after 2 pages',
    args: (ctx) => demo(ctx, '-o', ctx.out, '--retries', '0'),
    server: cursorPages(2, (res) => json(res, 200, null)),
    code: 1,
    message: /endpoints\.items\.records: expected an array of records at "items", but the response is null: null/,
    kept: ids(2),
    requests: 3,
  },
  {
    title: 'the connection is reset after 2 pages',
    args: (ctx) => demo(ctx, '-o', ctx.out, '--retries', '1'),
    server: cursorPages(2, (res) => res.socket?.destroy()),
    code: 1,
    message: /network error talking to 127\.0\.0\.1:\d+: /,
    kept: ids(2),
    requests: 4,
  },
  {
    title: 'headers sent, then the body stalls: bounded by --timeout',
    args: (ctx) => demo(ctx, '-o', ctx.out, '--timeout', '0.5', '--retries', '1'),
    server: cursorPages(2, (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"items":[{"id":');
    }),
    code: 1,
    message: /127\.0\.0\.1:\d+ did not answer within 0\.5 s/,
    kept: ids(2),
    requests: 4,
    check: (result, _ctx, expect) => expect(result.ms, 'two 0.5 s timeouts and a backoff, not the 30 s default').toBeLessThan(15_000),
  },
  {
    title: 'the server reports a total but delivers fewer records: exit 3 saying how many',
    args: (ctx) => ['export', 'demo-total', '--profile-file', ctx.total, '--base-url', ctx.url, '-o', ctx.out],
    server: (_req, res, n) => json(res, 200, { total: 10, items: n <= 2 ? [{ id: `r${n}a` }, { id: `r${n}b` }] : [], next: n <= 2 ? `c${n}` : null }),
    code: 3,
    message: /demo-total items: 4 records, .*POSSIBLY INCOMPLETE: received 4 of the 10 records the server reported$/,
    kept: ids(2),
  },
  {
    title: 'GraphQL errors in a 200 after 2 pages (podchaser)',
    args: (ctx) => ['export', 'podchaser', '--base-url', ctx.url, '-o', ctx.out],
    env: { PODCHASER_API_TOKEN: 'podchaser-token-not-real' },
    server: podchaserPages(2, (res) => json(res, 200, { data: null, errors: [{ message: 'Field "titel" does not exist on type "Podcast"' }] })),
    code: 1,
    message: /the API reported an error: Field "titel" does not exist on type "Podcast"/,
    kept: ['p1', 'p2'],
    requests: 3,
  },
  {
    title: "Artsy's 400 param_error for cursor and offset together shows the API's message",
    args: (ctx) => ['export', 'artsy', '--base-url', ctx.url, '-o', ctx.out],
    env: ARTSY_ENV,
    server: (_req, res) => json(res, 400, { type: 'param_error', message: 'cursor and offset are mutually exclusive' }),
    code: 1,
    message: /HTTP 400 from GET http:\/\/127\.0\.0\.1:\d+\/api\/artists: cursor and offset are mutually exclusive/,
    kept: [],
    requests: 1,
  },
  {
    title: 'an expired Artsy XAPP token (emulator): 401 naming ARTSY_XAPP_TOKEN',
    args: (ctx) => ['export', 'artsy', '--base-url', ctx.url, '-o', ctx.out],
    sandbox: { name: 'artsy', env: { ARTSY_XAPP_TOKEN: 'expired-xapp-token-2019' } },
    code: 1,
    message: /HTTP 401 from GET http:\/\/127\.0\.0\.1:\d+\/api\/artists: The access token is invalid or has expired\.; check ARTSY_XAPP_TOKEN/,
    kept: [],
    requests: 1,
  },
  {
    title: 'wrong Artsy client credentials: the token endpoint 401 names the variables',
    args: (ctx) => ['export', 'artsy', '--base-url', ctx.url],
    sandbox: { name: 'artsy', env: { ARTSY_CLIENT_ID: 'wrong-client-id', ARTSY_CLIENT_SECRET: 'wrong-client-secret' } },
    code: 1,
    message: /401.*Invalid client_id or client_secret.*check ARTSY_CLIENT_ID and ARTSY_CLIENT_SECRET/,
  },
  {
    title: 'podchaser points budget spent after 2 pages (emulator, HTTP 400)',
    args: (ctx) => ['export', 'podchaser', '--base-url', ctx.url, '-o', ctx.out],
    // A page of 100 costs 901 points.
    sandbox: { name: 'podchaser', options: { pointsBudget: 2_500 } },
    code: 1,
    message: /HTTP 400 from POST http:\/\/127\.0\.0\.1:\d+\/graphql: Points budget exhausted: this query costs 901 points and 698 remain\./,
    kept: 200,
    requests: 3,
  },
  {
    title: 'a next link with a non-http scheme is refused, keeping the page that carried it',
    args: (ctx) => demoNext(ctx, '-o', ctx.out),
    server: nextPages(['/items?page=2', 'ftp://127.0.0.1/items?page=3']),
    code: 1,
    message: /refusing to follow a next-page link to ftp:\/\/127\.0\.0\.1: it is not http:\/\/127\.0\.0\.1:\d+, and credentials are only sent there/,
    kept: ['r1a', 'r2a'],
    requests: 2,
  },
  {
    title: 'a repeated next URL stops instead of looping',
    args: (ctx) => demoNext(ctx, '-o', ctx.out),
    server: nextPages(['/items?page=2', '/items?page=3', '/items?page=2']),
    code: 1,
    message: /repeated cursor: the server returned a next URL http:\/\/127\.0\.0\.1:\d+\/items\?page=2 already used in this run; stopping instead of looping/,
    kept: ['r1a', 'r2a', 'r3a'],
    requests: 3,
  },
  {
    title: 'a cursor of the wrong type (an object) is an error, not the last page',
    args: (ctx) => demo(ctx, '-o', ctx.out),
    server: (_req, res, n) => json(res, 200, { items: [{ id: `r${n}a` }, { id: `r${n}b` }], next: n <= 2 ? `c${n}` : { page: n + 1 } }),
    code: 1,
    message: /"next"/,
  },
  {
    title: 'a numeric cursor (next: 3) is sent back, not taken as the last page',
    args: (ctx) => demo(ctx, '-o', ctx.out),
    server: (_req, res, n) => json(res, 200, { items: [{ id: `r${n}a` }, { id: `r${n}b` }], next: n < 3 ? n + 1 : null }),
    code: 0,
    message: /demo items: 6 records, 3 pages, .*; complete$/,
    kept: ids(3),
    requests: 3,
  },
  {
    title: 'an HTTP 302 redirect is named as a redirect, not as "not JSON"',
    args: (ctx) => demo(ctx, '-o', ctx.out, '--retries', '0'),
    server: (req, res) => res.writeHead(302, { location: `${origin(req)}/v2/items` }).end(),
    code: 1,
    message: /HTTP 302 .*\/v2\/items/,
    requests: 1,
  },
];

const CATALOGUE = [...usage, ...output, ...server];

// ---------------------------------------------------------------------------------------------
// The runner
// ---------------------------------------------------------------------------------------------

function writeFile(ctx: Ctx, name: string, text: string): string {
  const file = join(ctx.dir, name);
  writeFileSync(file, text);
  return file;
}

function profiles(dir: string): Pick<Ctx, 'cursor' | 'next' | 'total'> {
  const auth = "auth:\n  - headers: {Authorization: 'Bearer ${DEMO_TOKEN}'}\n";
  const write = (name: string, pagination: string) => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, `name: ${name}\nbase_url: https://demo.invalid\n${auth}endpoints:\n  items:\n    path: /items\n    records: items\n    errors: errors\n    pagination:\n${pagination}`);
    return file;
  };
  return {
    cursor: write('demo', '      kind: cursor\n      cursor: next\n      param: {in: query, name: cursor}\n'),
    next: write('demo-next', '      kind: next_url\n      next: next\n'),
    total: write('demo-total', '      kind: cursor\n      cursor: next\n      total: total\n      param: {in: query, name: cursor}\n'),
  };
}

async function waitFor(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const describeCommand = (args: string[]) => `paginate ${args.map((arg) => (/[\s"'$]/.test(arg) ? JSON.stringify(arg) : arg)).join(' ')}`;

async function runEntry(entry: Entry, expect: ExpectStatic): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'paginate-catalogue-'));
  let tiny: TinyServer | undefined;
  let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined;
  const cleanups: Array<() => void | Promise<void>> = [];
  try {
    if (entry.server) tiny = await tinyServer(entry.server);
    if (entry.sandbox) sandbox = await startSandbox(entry.sandbox.name, { latencyMs: 0, ...entry.sandbox.options });
    const env = baseEnv({
      DEMO_TOKEN: TOKEN,
      ...(sandbox ? (entry.sandbox!.env ?? sandbox.emulator.env) : {}),
      ...entry.env,
    });
    const received = () => tiny?.requests.length ?? sandbox?.stats.requests ?? 0;
    const ctx: Ctx = { url: tiny?.url ?? sandbox?.url ?? 'http://127.0.0.1:9', dir, out: join(dir, 'out.ndjson'), env, requests: received, ...profiles(dir) };
    if (entry.before) cleanups.push(await entry.before(ctx));
    const requestsBefore = received();

    let args = entry.args(ctx);
    // A usage error must not touch an output file that is already there.
    const guardOutput = entry.code === 2 && args[0] === 'export' && !args.includes('-o');
    if (guardOutput) {
      writeFileSync(ctx.out, PRECIOUS);
      args = [...args, '-o', ctx.out];
    }
    const command = describeCommand(args);
    const result = await runCli(args, { env, timeoutMs: (entry.timeoutMs ?? 20_000) - 2_000 });
    const stderr = result.stderr;
    const lines = stderr.split('\n').filter((line) => line !== '');
    const context = `${command}\n--- stderr ---\n${stderr}--- exit ${result.code}${result.signal ? ` (${result.signal})` : ''}`;

    expect(result.code, `exit code of ${context}`).toBe(entry.code);
    expect(stderr, `a stack trace on stderr of ${command}`).not.toMatch(/^\s+at .+[:(]\d+/m);
    expect(lines, `stderr of ${command} should be exactly ${entry.lines ?? 1} line(s)\n${stderr}`).toHaveLength(entry.lines ?? 1);
    const prefix = entry.prefix ?? /^paginate: /;
    for (const line of lines) expect(line, `every stderr line of ${command} starts with ${prefix}`).toMatch(prefix);
    expect(stderr.trimEnd(), `the message of ${command} should say what went wrong and what to do`).toMatch(entry.message);
    for (const [name, value] of Object.entries(env)) {
      if (/TOKEN|KEY|SECRET/.test(name) && value) expect(stderr, `${name}'s value leaked on stderr of ${command}`).not.toContain(value);
    }

    const requests = received() - requestsBefore;
    if (entry.code === 2 && (tiny || sandbox)) expect(requests, `a usage error must be reported before any request (${command})`).toBe(0);
    if (entry.requests !== undefined) expect(requests, `requests the server received from ${command}`).toBe(entry.requests);
    if (guardOutput) expect(readFileSync(ctx.out, 'utf8'), `the usage error of ${command} changed the existing output file`).toBe(PRECIOUS);
    if (entry.kept !== undefined) {
      const text = existsSync(ctx.out) ? readFileSync(ctx.out, 'utf8') : '';
      const records = text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { id: unknown });
      if (typeof entry.kept === 'number') {
        expect(records.length, `records kept in -o after ${command}`).toBe(entry.kept);
        expect(new Set(records.map((record) => record.id)).size, `duplicate records in -o after ${command}`).toBe(entry.kept);
      } else {
        expect(records.map((record) => record.id), `nothing lost: -o after ${command} holds every record received before the failure`).toEqual(entry.kept);
      }
    }
    entry.check?.(result, ctx, expect);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await tiny?.close();
    await sandbox?.close();
  }
}

describe.concurrent(`bad-input catalogue (${CATALOGUE.length} entries)`, () => {
  for (const entry of CATALOGUE) {
    it(`${entry.title} → exit ${entry.code}`, { timeout: entry.timeoutMs ?? 20_000 }, ({ expect }) => runEntry(entry, expect));
  }

  it('has at least 30 entries, and no two with the same title', ({ expect }) => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CATALOGUE.map((entry) => entry.title)).size).toBe(CATALOGUE.length);
  });
});
