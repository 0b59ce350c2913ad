/**
 * GitHub GraphQL stand-in: `POST /graphql` with `repository(owner, name) { issues(first, after,
 * states) }` as a Relay connection, per
 * https://docs.github.com/en/graphql/guides/using-pagination-in-the-graphql-api — `first` must be
 * 1..100, `pageInfo.endCursor` stays non-null on the last page while `hasNextPage` turns false,
 * `totalCount` counts the whole connection. Errors come back as GraphQL `errors`, status 200.
 */
import type { ServerResponse } from 'node:http';
import { json, tinyServer, type TinyServer } from '../tiny-server.js';

export interface GraphqlIssue {
  id: string;
  number: number;
  title: string;
  state: 'OPEN' | 'CLOSED';
  createdAt: string;
  author: { login: string };
}

export interface GithubGraphqlServer extends TinyServer {
  /** Every issue, oldest first (the connection's default order). */
  issues: GraphqlIssue[];
  /** The issues a `states` argument selects. */
  listed(states?: unknown): GraphqlIssue[];
  /** The parsed JSON body of every request. */
  bodies: Array<{ query?: string; variables?: Record<string, unknown> }>;
}

export const GRAPHQL_TOKEN = 'ghp_graphqltoken9876543210';

const cursorOf = (number: number) => Buffer.from(`cursor:v2:${number}`).toString('base64');

export async function githubGraphqlServer(count = 389): Promise<GithubGraphqlServer> {
  const issues: GraphqlIssue[] = Array.from({ length: count }, (_, i) => ({
    id: `I_kwDOAB${(i + 1).toString(36).padStart(6, '0')}`,
    number: i + 1,
    title: `Issue ${i + 1}`,
    state: (i + 1) % 5 === 0 ? 'CLOSED' : 'OPEN',
    createdAt: new Date(Date.UTC(2023, 5, 1) + i * 86_400_000).toISOString().replace('.000', ''),
    author: { login: `dev${i % 17}` },
  }));
  const listed = (states?: unknown) => {
    // GraphQL input coercion: a single enum value where a list is expected is a list of one.
    const wanted = states === undefined || states === null ? undefined : Array.isArray(states) ? states : [states];
    return wanted ? issues.filter((issue) => wanted.includes(issue.state)) : issues;
  };
  const bodies: GithubGraphqlServer['bodies'] = [];
  const server = await tinyServer((req, res, _n, text) => {
    if (req.method !== 'POST' || req.url !== '/graphql') return json(res, 404, { message: 'Not Found' });
    if (req.headers.authorization !== `Bearer ${GRAPHQL_TOKEN}`) {
      return json(res, 401, { message: 'This endpoint requires you to be authenticated.', documentation_url: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql' });
    }
    let body: GithubGraphqlServer['bodies'][number];
    try {
      body = JSON.parse(text);
    } catch {
      return json(res, 400, { message: 'Problems parsing JSON' });
    }
    bodies.push(body);
    answer(res, body, listed);
  });
  return Object.assign(server, { issues, listed, bodies });
}

function answer(res: ServerResponse, body: GithubGraphqlServer['bodies'][number], listed: GithubGraphqlServer['listed']): void {
  const query = body.query ?? '';
  const vars = body.variables ?? {};
  const fail = (type: string, message: string) => json(res, 200, { data: null, errors: [{ type, message }] });
  if (!/repository\s*\(/.test(query) || !/issues\s*\(/.test(query)) return fail('INVALID', 'this stand-in answers only repository { issues }');
  if (vars.owner !== 'octocat' || vars.name !== 'Spoon-Knife') {
    return json(res, 200, { data: { repository: null }, errors: [{ type: 'NOT_FOUND', path: ['repository'], message: `Could not resolve to a Repository with the name '${vars.owner}/${vars.name}'.` }] });
  }
  const first = vars.first;
  if (typeof first !== 'number') return fail('MISSING_PAGINATION_BOUNDARIES', 'You must provide a `first` or `last` value to properly paginate the `issues` connection.');
  if (first < 1 || first > 100) return fail('EXCESSIVE_PAGINATION', `Requesting ${first} records on the \`issues\` connection exceeds the \`first\` limit of 100 records.`);
  const all = listed(vars.states);
  let start = 0;
  if (vars.after !== undefined && vars.after !== null) {
    const index = all.findIndex((issue) => cursorOf(issue.number) === vars.after);
    if (index < 0) return fail('INVALID_CURSOR_ARGUMENTS', `\`${String(vars.after)}\` does not appear to be a valid cursor.`);
    start = index + 1;
  }
  const slice = all.slice(start, start + first);
  const edges = slice.map((node) => ({ cursor: cursorOf(node.number), node }));
  json(res, 200, {
    data: {
      repository: {
        issues: {
          totalCount: all.length,
          pageInfo: {
            hasNextPage: start + slice.length < all.length,
            // Relay: the cursor of the page's last edge, kept on the last page too.
            endCursor: edges.at(-1)?.cursor ?? null,
          },
          edges,
        },
      },
    },
  });
}
