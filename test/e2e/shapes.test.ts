/**
 * Common response shapes and stop rules, each through a profile a newcomer writes from the docs,
 * exported exactly with the minimum number of requests from a local stand-in; and the mistakes a
 * newcomer makes, told apart from a bad server.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseEnv, diffRecords, parseNdjson, runCli, type RunResult } from './harness.js';
import { jsonServer } from './servers/json-server.js';
import { githubGraphqlServer, GRAPHQL_TOKEN } from './servers/github-graphql.js';
import { stripeServer, STRIPE_KEY } from './servers/stripe.js';
import { contentRangeServer } from './servers/content-range.js';
import { githubRestServer, GITHUB_TOKEN } from './servers/github-rest.js';
import type { TinyServer } from './tiny-server.js';

const env = baseEnv({ GH_TOKEN: GRAPHQL_TOKEN, STRIPE_KEY, GITHUB_TOKEN });
const byKey = (key: string) => (record: unknown) => String((record as Record<string, unknown>)[key]);

function profileFile(name: string, yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'paginate-shape-')), `${name}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

const exportFile = (file: string, server: TinyServer, ...args: string[]): Promise<RunResult> =>
  runCli(['export', 'shape', '--profile-file', file, '--base-url', server.url, ...args], { env });

async function exported(file: string, server: TinyServer, ...args: string[]): Promise<unknown[]> {
  const result = await exportFile(file, server, ...args);
  expect(result.code, result.stderr).toBe(0);
  return parseNdjson(result.stdout);
}

async function withServer<S extends TinyServer>(start: Promise<S>, run: (server: S) => Promise<void>): Promise<void> {
  const server = await start;
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

const JSON_SERVER = `name: shape
base_url: http://localhost:3000
endpoints:
  posts:
    path: /posts
    query: {_page: 1}
    records: $
    pagination:
      kind: link_header
      total_header: X-Total-Count
      page_size: {in: query, name: _limit, default: 100}
`;

describe('bare array + Link + X-Total-Count (json-server, _page as a first-request parameter)', () => {
  const file = profileFile('json-server', JSON_SERVER);

  it('2,500 posts in 25 requests of 100: the last page has no next link and reaches the total', () =>
    withServer(jsonServer(2500), async (server) => {
      const records = await exported(file, server);
      expect(diffRecords(records, server.posts, byKey('id'))).toBeUndefined();
      expect(server.requests).toHaveLength(25);
      expect(Object.fromEntries(new URL(server.requests[0].url, server.url).searchParams)).toEqual({ _page: '1', _limit: '100' });
      expect(server.requests.map((r) => new URL(r.url, server.url).searchParams.get('_page'))).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
    }));

  it('--page-size 300: 9 requests, the last one short', () =>
    withServer(jsonServer(2500), async (server) => {
      const records = await exported(file, server, '--page-size', '300');
      expect(diffRecords(records, server.posts, byKey('id'))).toBeUndefined();
      expect(server.requests).toHaveLength(9);
    }));

  it('`$[*]` as the records path reads the same bare array', () =>
    withServer(jsonServer(437), async (server) => {
      const records = await exported(profileFile('star', JSON_SERVER.replace('records: $', "records: '$[*]'")), server);
      expect(diffRecords(records, server.posts, byKey('id'))).toBeUndefined();
      expect(server.requests).toHaveLength(5);
    }));

  it('a profile that forgets _page gets the first 100 and no Link: exit 3, fewer records than the total, one request', () =>
    withServer(jsonServer(2500), async (server) => {
      const result = await exportFile(profileFile('no-page', JSON_SERVER.replace('    query: {_page: 1}\n', '')), server);
      expect(result.code, result.stderr).toBe(3);
      // Fewer records than the total: exit 3, in the engine's words.
      expect(result.stderr).toMatch(/POSSIBLY INCOMPLETE: received 100 of the 2500 records the server reported/);
      expect(parseNdjson(result.stdout)).toHaveLength(100);
      expect(server.requests).toHaveLength(1);
    }));
});

describe('a filter as the records path: GitHub issues without the pull requests it lists as issues', () => {
  it("`$[?!@.pull_request]` keeps the issues; the filtered pages' short counts do not end a Link export", () =>
    withServer(githubRestServer(431), async (server) => {
      const file = profileFile('issues-only', `name: shape
base_url: https://api.github.com
auth:
  - headers: {Authorization: 'Bearer \${GITHUB_TOKEN}'}
endpoints:
  issues:
    path: /repos/octocat/Spoon-Knife/issues
    query: {state: all}
    records: '$[?!@.pull_request]'
    pagination:
      kind: link_header
      page_size: {in: query, name: per_page, default: 100, max: 100}
`);
      const records = await exported(file, server);
      const expected = server.issues.filter((issue) => issue.pull_request === undefined);
      expect(expected.length).toBeLessThan(server.issues.length);
      expect(diffRecords(records, expected, byKey('id'))).toBeUndefined();
      expect(server.requests).toHaveLength(5);
    }));
});

const RELAY = `name: shape
base_url: https://api.github.com
auth:
  - headers: {Authorization: 'Bearer \${GH_TOKEN}'}
endpoints:
  issues:
    method: POST
    path: /graphql
    graphql:
      query: 'query($owner: String!, $name: String!, $first: Int!, $after: String) { repository(owner: $owner, name: $name) { issues(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id number title } } } } }'
      variables: {owner: octocat, name: Spoon-Knife}
    records: data.repository.issues.edges[*].node
    errors: errors
    pagination:
      kind: cursor
      cursor: data.repository.issues.pageInfo.endCursor
      has_more: data.repository.issues.pageInfo.hasNextPage
      param: {in: variable, name: after}
      page_size: {in: variable, name: first, default: 50}
`;

describe('GraphQL Relay connection: edges[*].node (short form), hasNextPage, endCursor non-null at the end', () => {
  const file = profileFile('relay', RELAY);

  it('250 issues in 5 requests of 50: hasNextPage false stops it although endCursor is set', () =>
    withServer(githubGraphqlServer(250), async (server) => {
      const records = await exported(file, server);
      expect(diffRecords(records, server.issues, byKey('id'))).toBeUndefined();
      expect(server.requests).toHaveLength(5);
      expect(server.bodies[0].variables).toMatchObject({ owner: 'octocat', name: 'Spoon-Knife', first: 50 });
    }));

  it('`$.data…` form, 263 issues with --page-size 100: 3 requests', () =>
    withServer(githubGraphqlServer(263), async (server) => {
      const records = await exported(profileFile('relay-dollar', RELAY.replace('records: data.', "records: '$.data.").replace('edges[*].node\n', "edges[*].node'\n")), server, '--page-size', '100');
      expect(diffRecords(records, server.issues, byKey('id'))).toBeUndefined();
      expect(server.requests).toHaveLength(3);
    }));
});

const STRIPE = `name: shape
base_url: https://api.stripe.com
auth:
  - headers: {Authorization: 'Bearer \${STRIPE_KEY}'}
endpoints:
  customers:
    path: /v1/customers
    records: data
    pagination:
      kind: cursor
      cursor_from: last_record
      cursor: id
      param: {in: query, name: starting_after}
      has_more: has_more
      page_size: {in: query, name: limit, default: 100, max: 100}
`;

describe('has_more + cursor from the last record (Stripe starting_after)', () => {
  const file = profileFile('stripe', STRIPE);

  it('200 customers: 2 requests; has_more false on a full page sends no third', () =>
    withServer(stripeServer(200), async (server) => {
      const records = await exported(file, server);
      expect(diffRecords(records, server.customers, byKey('id'))).toBeUndefined();
      expect(server.requests).toHaveLength(2);
      expect(new URL(server.requests[1].url, server.url).searchParams.get('starting_after')).toBe(server.customers[99].id);
    }));

  it('a one-record page (--page-size 1) on 5 customers: 5 requests', () =>
    withServer(stripeServer(5), async (server) => {
      const records = await exported(file, server, '--page-size', '1');
      expect(diffRecords(records, server.customers, byKey('id'))).toBeUndefined();
      expect(server.requests).toHaveLength(5);
    }));
});

const CONTENT_RANGE = `name: shape
base_url: https://films.example.com
endpoints:
  films:
    path: /films
    records: '$[*]'
    pagination:
      kind: offset
      param: {in: query, name: offset}
      total_header: Content-Range
      stop_on_short_page: false
      page_size: {in: query, name: limit, default: 100, max: 1000}
`;

describe('offset + total in Content-Range: items 0-99/1234', () => {
  const file = profileFile('content-range', CONTENT_RANGE);

  it('1,234 films in 13 requests: the total stops it, with short-page stops turned off', () =>
    withServer(contentRangeServer(1234), async (server) => {
      const records = await exported(file, server);
      expect(diffRecords(records, server.films, byKey('film_id'))).toBeUndefined();
      expect(server.requests).toHaveLength(13);
      expect(server.requests.map((r) => new URL(r.url, server.url).searchParams.get('offset'))).toEqual(Array.from({ length: 13 }, (_, i) => String(i * 100)));
    }));

  it('--page-size 617 divides 1,234: 2 full pages, no empty third request', () =>
    withServer(contentRangeServer(1234), async (server) => {
      const records = await exported(file, server, '--page-size', '617');
      expect(diffRecords(records, server.films, byKey('film_id'))).toBeUndefined();
      expect(server.requests).toHaveLength(2);
    }));

  it('--dry-run reports the total from the header', () =>
    withServer(contentRangeServer(1234), async (server) => {
      const result = await exportFile(file, server, '--dry-run');
      expect(result.code, result.stderr).toBe(0);
      const plan = result.stdout + result.stderr;
      expect(plan).toMatch(/records:\s+1,?234\b/);
      expect(plan).toMatch(/requests:\s+13\b/);
      expect(server.requests).toHaveLength(1);
    }));
});

describe('profile mistakes', () => {
  it('an invalid JSONPath fails profiles validate with exit 2, naming the field path', async () => {
    const file = profileFile('bad-path', STRIPE.replace('records: data', 'records: "$.data[?@.x ==]"').replace('has_more: has_more', "has_more: '$..['"));
    const result = await runCli(['profiles', 'validate', file], { env });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`${file}: endpoints.customers.records`);
    expect(result.stderr).toContain(`${file}: endpoints.customers.pagination.has_more`);
  });

  it('records at a path that is not there fails in one request, exit 1, naming the file, the field and the keys the body has', () =>
    withServer(stripeServer(347), async (server) => {
      const file = profileFile('wrong-records', STRIPE.replace('records: data', 'records: customers'));
      const result = await exportFile(file, server);
      expect(result.code, result.stderr).toBe(1);
      expect(server.requests).toHaveLength(1);
      expect(result.stderr).toContain(`${file}: endpoints.customers.records`);
      expect(result.stderr).toMatch(/keys object, url, has_more, data/);
      expect(result.stderr.trim().split('\n'), 'one line, no retry log').toHaveLength(1);
    }));

  it('a singular records path at an object (not an array) fails in one request, exit 1', () =>
    withServer(githubGraphqlServer(120), async (server) => {
      const file = profileFile('relay-object', RELAY.replace('records: data.repository.issues.edges[*].node', 'records: data.repository.issues'));
      const result = await exportFile(file, server);
      expect(result.code, result.stderr).toBe(1);
      expect(server.requests).toHaveLength(1);
      expect(result.stderr).toContain(`${file}: endpoints.issues.records`);
      expect(result.stderr).toMatch(/an object with keys totalCount, pageInfo, edges/);
    }));

  it('a has_more path the response lacks is a profile mistake: exit 1 in one request, naming the field', () =>
    withServer(stripeServer(347), async (server) => {
      const file = profileFile('wrong-has-more', STRIPE.replace('has_more: has_more', 'has_more: hasMore'));
      const result = await exportFile(file, server);
      expect(result.code, result.stderr).toBe(1);
      expect(server.requests).toHaveLength(1);
      expect(result.stderr).toContain(`${file}: endpoints.customers.pagination.has_more`);
    }));

  // has_more says there is more, but the cursor path finds nothing: ending there "complete" (exit 0)
  // would silently drop every page after the first, the failure the issue reports for json-server.
  it('a last-record cursor path that finds nothing while has_more is true fails in one request, naming the field', () =>
    withServer(stripeServer(347), async (server) => {
      const file = profileFile('wrong-cursor', STRIPE.replace('cursor: id', 'cursor: ids'));
      const result = await exportFile(file, server);
      expect(result.code, result.stderr).toBe(1);
      expect(server.requests).toHaveLength(1);
      expect(result.stderr).toContain(`${file}: endpoints.customers.pagination.cursor`);
    }));

  it('an endCursor path that finds nothing while hasNextPage is true fails in one request, naming the field', () =>
    withServer(githubGraphqlServer(250), async (server) => {
      const file = profileFile('wrong-end-cursor', RELAY.replace('pageInfo.endCursor', 'pageInfo.endcursor'));
      const result = await exportFile(file, server);
      expect(result.code, result.stderr).toBe(1);
      expect(server.requests).toHaveLength(1);
      expect(result.stderr).toContain(`${file}: endpoints.issues.pagination.cursor`);
    }));
});
