/**
 * GitHub REST stand-in: `GET /repos/{owner}/{repo}/issues` as documented at
 * https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api — a bare
 * JSON array, `per_page` (default 30, capped at 100) and `page`, and a `Link` header whose URLs
 * point at `/repositories/{id}/issues` (next and last rels; prev and first after page 1; no next
 * on the last page; no Link at all when everything fits on one page). No total is sent.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { json, tinyServer, type TinyServer } from '../tiny-server.js';

export interface GithubIssue {
  id: number;
  node_id: string;
  number: number;
  title: string;
  state: 'open' | 'closed';
  user: { login: string };
  labels: Array<{ name: string }>;
  comments: number;
  created_at: string;
  /** Present on pull requests: GitHub lists them as issues too. */
  pull_request?: { url: string };
}

export interface GithubRestServer extends TinyServer {
  /** Every issue, newest first (GitHub's default sort=created, direction=desc). */
  issues: GithubIssue[];
  /** The issues a `state` filter selects, in the order GitHub lists them. */
  listed(state?: string): GithubIssue[];
}

export const OWNER = 'octocat';
export const REPO = 'Spoon-Knife';
const REPO_ID = 1300192;
export const GITHUB_TOKEN = 'ghp_testtoken0123456789';

export function githubIssues(count: number): GithubIssue[] {
  return Array.from({ length: count }, (_, i) => {
    const number = count - i;
    return {
      id: 2_000_000_000 + number,
      node_id: `I_kwDOABPHjc${number.toString(36).padStart(5, '0')}`,
      number,
      title: `Issue ${number}: ${['typo in README', 'crash on start', 'add dark mode', 'flaky test'][number % 4]}`,
      state: number % 7 === 0 ? 'closed' : 'open',
      user: { login: `user${number % 23}` },
      labels: number % 3 === 0 ? [{ name: 'bug' }] : [],
      comments: number % 11,
      created_at: new Date(Date.UTC(2024, 0, 1) + number * 3_600_000).toISOString().replace('.000', ''),
      ...(number % 6 === 0 && { pull_request: { url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${number}` } }),
    };
  });
}

export async function githubRestServer(count = 431): Promise<GithubRestServer> {
  const issues = githubIssues(count);
  const listed = (state = 'open') => (state === 'all' ? issues : issues.filter((issue) => issue.state === state));
  const server = await tinyServer((req, res) => reply(req, res, listed));
  return Object.assign(server, { issues, listed });
}

function reply(req: IncomingMessage, res: ServerResponse, listed: (state?: string) => GithubIssue[]): void {
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  const known = url.pathname === `/repos/${OWNER}/${REPO}/issues` || url.pathname === `/repositories/${REPO_ID}/issues`;
  if (req.method !== 'GET' || !known) {
    json(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
    return;
  }
  const auth = req.headers.authorization;
  if (auth !== undefined && auth !== `Bearer ${GITHUB_TOKEN}` && auth !== `token ${GITHUB_TOKEN}`) {
    json(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    return;
  }
  const perPage = Math.min(100, positive(url.searchParams.get('per_page')) ?? 30);
  const page = positive(url.searchParams.get('page')) ?? 1;
  const all = listed(url.searchParams.get('state') ?? 'open');
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const link = (n: number, rel: string) => {
    const target = new URL(`/repositories/${REPO_ID}/issues`, url.origin);
    target.search = url.search;
    target.searchParams.set('page', String(n));
    return `<${target.href}>; rel="${rel}"`;
  };
  const links = [];
  if (page > 1) links.push(link(Math.min(page - 1, last), 'prev'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  json(res, 200, all.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {});
}

const positive = (value: string | null): number | undefined => {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n > 0 ? n : undefined;
};
