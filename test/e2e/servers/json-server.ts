/**
 * json-server (0.17) stand-in: `GET /posts` answers the whole bare array unless paged. With
 * `_page` (and `_limit`, default 10) it sends a `Link` header (first, prev, next, last) and
 * `X-Total-Count`; with `_limit` alone, the first `_limit` records and `X-Total-Count` but no
 * Link — the trap a profile that forgets `_page` falls into.
 */
import { json, tinyServer, type TinyServer } from '../tiny-server.js';

export interface Post {
  id: number;
  title: string;
  author: string;
  views: number;
}

export interface JsonServer extends TinyServer {
  posts: Post[];
}

export async function jsonServer(count = 2500): Promise<JsonServer> {
  const posts: Post[] = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    title: `post ${i + 1}`,
    author: ['ana', 'bo', 'cy', 'dee', 'eli'][i % 5],
    views: (i * 37) % 1000,
  }));
  const server = await tinyServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (req.method !== 'GET' || url.pathname !== '/posts') return json(res, 404, {});
    const pageText = url.searchParams.get('_page');
    const limitText = url.searchParams.get('_limit');
    if (pageText === null) {
      if (limitText === null) return json(res, 200, posts);
      return json(res, 200, posts.slice(0, Number(limitText) || 0), { 'x-total-count': String(posts.length) });
    }
    const page = Math.max(1, Number.parseInt(pageText, 10) || 1);
    const limit = Number.parseInt(limitText ?? '', 10) || 10;
    const last = Math.ceil(posts.length / limit);
    const to = (n: number) => {
      const target = new URL(url.href);
      target.searchParams.set('_page', String(n));
      return target.href;
    };
    const links: string[] = [];
    if (last > 0) links.push(`<${to(1)}>; rel="first"`);
    if (page > 1) links.push(`<${to(page - 1)}>; rel="prev"`);
    if (page < last) links.push(`<${to(page + 1)}>; rel="next"`);
    if (last > 0) links.push(`<${to(last)}>; rel="last"`);
    json(res, 200, posts.slice((page - 1) * limit, page * limit), {
      'x-total-count': String(posts.length),
      'access-control-expose-headers': 'X-Total-Count, Link',
      ...(links.length && { link: links.join(', ') }),
    });
  });
  return Object.assign(server, { posts });
}
