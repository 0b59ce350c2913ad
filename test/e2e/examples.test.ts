/**
 * The example profiles for famous APIs (examples/profiles/) validate, and export every record
 * exactly once, in order, from a local stand-in written from that API's pagination docs — with
 * the minimum number of requests: none after the API said there is no more.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseEnv, diffRecords, parseNdjson, runCli } from './harness.js';
import { githubRestServer, GITHUB_TOKEN, OWNER, REPO } from './servers/github-rest.js';
import { githubGraphqlServer, GRAPHQL_TOKEN } from './servers/github-graphql.js';
import { stripeServer, STRIPE_KEY } from './servers/stripe.js';
import { json, tinyServer, type TinyServer } from './tiny-server.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/profiles/', import.meta.url));
const example = (name: string) => join(EXAMPLES, `${name}.yaml`);
const byKey = (key: string) => (record: unknown) => String((record as Record<string, unknown>)[key]);

/** Exports `name` from the example file against `server`, and returns the records written. */
async function exportExample(name: string, server: TinyServer, env: NodeJS.ProcessEnv, ...args: string[]): Promise<unknown[]> {
  const result = await runCli(['export', name, '--profile-file', example(name), '--base-url', server.url, ...args], { env: baseEnv(env) });
  expect(result.code, result.stderr).toBe(0);
  return parseNdjson(result.stdout);
}

/** The URL of the server's i-th request. */
const query = (server: TinyServer, i: number) => new URL(server.requests[i].url, server.url);

describe('example profiles validate', () => {
  it.each(['github-rest', 'github-graphql', 'stripe'])('%s passes profiles validate', async (name) => {
    const result = await runCli(['profiles', 'validate', example(name)]);
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('github-rest: bare array, Link rel="next", no total', () => {
  const env = { GITHUB_TOKEN };
  const repo = ['--filter', `owner=${OWNER}`, '--filter', `repo=${REPO}`];

  it('exports the open issues in 4 requests of 100, following the Link URLs as given', async () => {
    const server = await githubRestServer(431);
    try {
      const records = await exportExample('github-rest', server, env, ...repo);
      const expected = server.listed('open');
      expect(expected).toHaveLength(370);
      expect(diffRecords(records, expected, byKey('id'))).toBeUndefined();
      expect(server.requests).toHaveLength(4);
      const first = query(server, 0);
      expect(first.pathname).toBe(`/repos/${OWNER}/${REPO}/issues`);
      expect(Object.fromEntries(first.searchParams)).toEqual({ state: 'open', per_page: '100' });
      // Later pages are the server's own links: another path, page=2.., the first request's parameters kept.
      expect(server.requests.slice(1).map((_, i) => query(server, i + 1).pathname)).toEqual(Array(3).fill('/repositories/1300192/issues'));
      expect(server.requests.slice(1).map((_, i) => query(server, i + 1).searchParams.get('page'))).toEqual(['2', '3', '4']);
      expect(server.requests.every((request) => request.headers.authorization === `Bearer ${GITHUB_TOKEN}`)).toBe(true);
    } finally {
      await server.close();
    }
  });

  // The profile's 5000/hour spaces requests 0.72 s apart; the longer runs below lift it to stay quick.
  it('state=all with --page-size 50: 431 issues in 9 requests', async () => {
    const server = await githubRestServer(431);
    try {
      const records = await exportExample('github-rest', server, env, ...repo, '--filter', 'state=all', '--page-size', '50', '--rate', '50/s');
      expect(diffRecords(records, server.issues, byKey('id'))).toBeUndefined();
      expect(server.requests).toHaveLength(9);
    } finally {
      await server.close();
    }
  });

  it('a repository whose issues fit one page gets no Link header: one request', async () => {
    const server = await githubRestServer(57);
    try {
      const records = await exportExample('github-rest', server, env, ...repo, '--filter', 'state=all');
      expect(diffRecords(records, server.issues, byKey('id'))).toBeUndefined();
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

describe('github-graphql: Relay edges[*].node, pageInfo.hasNextPage', () => {
  const env = { GITHUB_TOKEN: GRAPHQL_TOKEN };
  const repo = ['--filter', 'owner=octocat', '--filter', 'repo=Spoon-Knife'];

  it('exports 389 issues in 4 requests, each after the previous endCursor', async () => {
    const server = await githubGraphqlServer(389);
    try {
      const records = await exportExample('github-graphql', server, env, ...repo);
      expect(diffRecords(records, server.issues, byKey('id'))).toBeUndefined();
      expect(server.requests).toHaveLength(4);
      const variables = server.bodies.map((body) => body.variables ?? {});
      expect(variables[0]).toMatchObject({ owner: 'octocat', name: 'Spoon-Knife', first: 100 });
      expect(variables[0].after ?? null).toBeNull();
      const endCursors = [100, 200, 300].map((n) => Buffer.from(`cursor:v2:${n}`).toString('base64'));
      expect(variables.slice(1).map((v) => v.after)).toEqual(endCursors);
      expect(server.requests.every((request) => request.headers.authorization === `Bearer ${GRAPHQL_TOKEN}`)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('300 issues: hasNextPage false on the third full page ends it (3 requests, not 4)', async () => {
    const server = await githubGraphqlServer(300);
    try {
      const records = await exportExample('github-graphql', server, env, ...repo);
      expect(diffRecords(records, server.issues, byKey('id'))).toBeUndefined();
      expect(server.requests).toHaveLength(3);
    } finally {
      await server.close();
    }
  });

  it('states=OPEN with --page-size 64: 312 issues in 5 requests', async () => {
    const server = await githubGraphqlServer(389);
    try {
      const records = await exportExample('github-graphql', server, env, ...repo, '--filter', 'states=OPEN', '--page-size', '64', '--rate', '50/s');
      const expected = server.listed('OPEN');
      expect(expected).toHaveLength(312);
      expect(diffRecords(records, expected, byKey('id'))).toBeUndefined();
      expect(server.requests).toHaveLength(5);
      expect(server.bodies[0].variables).toMatchObject({ states: 'OPEN', first: 64 });
    } finally {
      await server.close();
    }
  });
});

describe('stripe: has_more + starting_after=<last id>', () => {
  const env = { STRIPE_API_KEY: STRIPE_KEY };

  it('exports 347 customers in 4 requests, each starting after the last ID of the page before', async () => {
    const server = await stripeServer(347);
    try {
      const records = await exportExample('stripe', server, env);
      expect(new Set(server.customers.map((c) => c.id)).size).toBe(347);
      expect(diffRecords(records, server.customers, byKey('id'))).toBeUndefined();
      expect(server.requests).toHaveLength(4);
      expect(Object.fromEntries(query(server, 0).searchParams)).toEqual({ limit: '100' });
      const lastIds = [99, 199, 299].map((i) => server.customers[i].id);
      expect([1, 2, 3].map((i) => query(server, i).searchParams.get('starting_after'))).toEqual(lastIds);
      expect([1, 2, 3].map((i) => query(server, i).searchParams.get('limit'))).toEqual(['100', '100', '100']);
    } finally {
      await server.close();
    }
  });

  it('300 customers, the profile found by name in PAGINATE_PROFILES: has_more false on the third full page ends it (3 requests, not 4)', async () => {
    const server = await stripeServer(300);
    try {
      const result = await runCli(['export', 'stripe', '--base-url', server.url], { env: baseEnv({ ...env, PAGINATE_PROFILES: EXAMPLES }) });
      expect(result.code, result.stderr).toBe(0);
      const records = parseNdjson(result.stdout);
      expect(diffRecords(records, server.customers, byKey('id'))).toBeUndefined();
      expect(server.requests).toHaveLength(3);
    } finally {
      await server.close();
    }
  });

  it('--page-size 40: 347 customers in 9 requests', async () => {
    const server = await stripeServer(347);
    try {
      const records = await exportExample('stripe', server, env, '--page-size', '40');
      expect(diffRecords(records, server.customers, byKey('id'))).toBeUndefined();
      expect(server.requests).toHaveLength(9);
    } finally {
      await server.close();
    }
  });

  it('a 503 on the third page, then the same command again: resumes starting after the last written ID, every customer once', async () => {
    const server = await stripeServer(347);
    let n = 0;
    // In front of the stand-in: the third request fails once.
    const flaky = await tinyServer(async (req, res) => {
      if (++n === 3) return json(res, 503, { error: { type: 'api_error', message: 'temporarily unavailable' } });
      const upstream = await fetch(server.url + req.url, { headers: { authorization: String(req.headers.authorization) } });
      json(res, upstream.status, await upstream.json());
    });
    try {
      const out = join(mkdtempSync(join(tmpdir(), 'paginate-stripe-')), 'customers.ndjson');
      const args = ['export', 'stripe', '--profile-file', example('stripe'), '--base-url', flaky.url, '--retries', '0', '-o', out];
      const runEnv = baseEnv({ STRIPE_API_KEY: STRIPE_KEY });
      const failed = await runCli(args, { env: runEnv });
      expect(failed.code, failed.stderr).toBe(1);
      const resumed = await runCli(args, { env: runEnv });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(diffRecords(parseNdjson(readFileSync(out, 'utf8')), server.customers, byKey('id'))).toBeUndefined();
      // 2 pages, the failed third, then pages 3 and 4: the third asked again after the same ID.
      const after = flaky.requests.map((request) => new URL(request.url, flaky.url).searchParams.get('starting_after'));
      expect(after).toEqual([null, server.customers[99].id, server.customers[199].id, server.customers[199].id, server.customers[299].id]);
    } finally {
      await flaky.close();
      await server.close();
    }
  });
});
