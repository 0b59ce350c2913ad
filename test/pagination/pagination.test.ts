import { describe, expect, it } from 'vitest';
import { createPaginator } from '../../src/pagination/paginator.js';
import { linkWithRel } from '../../src/pagination/link-header.js';
import { lastOffset } from '../../src/pagination/hybrid-window.js';
import type { Pagination } from '../../src/profile/schema.js';
import type { RequestSpec } from '../../src/request/spec.js';
import { PaginateError } from '../../src/errors.js';

const base: RequestSpec = { method: 'GET', url: new URL('https://api.test/items?limit=2'), headers: {} };
const context = { origin: 'https://api.test' };
const page = (records: unknown[], body: unknown = {}, headers: Record<string, string> = {}) => ({ records, body, headers });

describe('cursor', () => {
  const pagination: Pagination = { kind: 'cursor', cursor: 'cursor.starting_at', param: { in: 'query', name: 'cursor' } };
  const paginator = createPaginator(pagination, context);

  it('sends no cursor first, then the one from the body', () => {
    expect(paginator.request(base, paginator.start).url.search).toBe('?limit=2');
    const step = paginator.advance(paginator.start, page([1, 2], { cursor: { starting_at: 'eyJ=' } }), 2, undefined);
    expect(step.next).toEqual({ cursor: 'eyJ=' });
    expect(paginator.request(base, step.next!).url.searchParams.get('cursor')).toBe('eyJ=');
  });

  it('stops on a missing cursor and on an empty page even with a cursor', () => {
    expect(paginator.advance({ cursor: 'a' }, page([1], { cursor: { starting_at: null } }), 1, undefined).next).toBeUndefined();
    expect(paginator.advance({ cursor: 'a' }, page([], { cursor: { starting_at: 'b' } }), 1, undefined).next).toBeUndefined();
  });

  it('reports a refreshed cursor as possibly incomplete and carries on', () => {
    const refreshed = createPaginator({ ...pagination, refreshed: 'info.refreshed' } as Pagination, context);
    const step = refreshed.advance({ cursor: 'a' }, page([1], { cursor: { starting_at: 'b' }, info: { refreshed: true } }), 1, undefined);
    expect(step.next).toEqual({ cursor: 'b' });
    expect(step.incomplete).toMatch(/may not be exhaustive/);
  });

  it('a GraphQL variable cursor goes into variables', () => {
    const graphql = createPaginator({ kind: 'cursor', cursor: 'c', param: { in: 'variable', name: 'cursor' } }, context);
    const spec = graphql.request({ ...base, method: 'POST', body: { query: 'q', variables: { first: 5 } } }, { cursor: 'xyz' });
    expect(spec.body).toEqual({ query: 'q', variables: { first: 5, cursor: 'xyz' } });
  });
});

describe('next URL', () => {
  const paginator = createPaginator({ kind: 'next_url', next: '_links.next.href' }, { origin: 'http://127.0.0.1:9', profileOrigin: 'https://api.artsy.net' });

  it('follows links on the origin in use, continues past empty pages, stops when absent', () => {
    const next = paginator.advance({}, page([], { _links: { next: { href: 'http://127.0.0.1:9/api/a?cursor=1' } } }), 0, undefined).next;
    expect(next).toEqual({ url: 'http://127.0.0.1:9/api/a?cursor=1' });
    expect(paginator.advance(next!, page([1], { _links: {} }), 1, undefined).next).toBeUndefined();
  });

  it("moves links to the profile's own origin onto the origin in use", () => {
    const next = paginator.advance({}, page([1], { _links: { next: { href: 'https://api.artsy.net/api/a?cursor=2' } } }), 1, undefined).next;
    expect(next).toEqual({ url: 'http://127.0.0.1:9/api/a?cursor=2' });
  });

  it('refuses a link that grows past 16 KB (a relative link resolving against itself)', () => {
    const long = `http://127.0.0.1:9/api/a?cursor=${'x'.repeat(17_000)}`;
    expect(() => paginator.advance({}, page([1], { _links: { next: { href: long } } }), 1, undefined)).toThrow(/longer than 16384/);
  });

  it('refuses a link to any other origin', () => {
    expect(() => paginator.advance({}, page([1], { _links: { next: { href: 'https://evil.test/steal' } } }), 1, undefined)).toThrow(PaginateError);
    expect(() => paginator.advance({}, page([1], { _links: { next: { href: 'https://evil.test/steal' } } }), 1, undefined)).toThrow(/refusing.*evil\.test/);
  });
});

describe('link header', () => {
  it('parses RFC 8288 rel=next among several links', () => {
    const header = '<https://api.test/items?page=1>; rel="first", <https://api.test/items?page=3>; rel="next last"';
    expect(linkWithRel(header, 'next')).toBe('https://api.test/items?page=3');
    expect(linkWithRel('<https://api.test/x>; rel=prev', 'next')).toBeUndefined();
  });
});

describe('offset and page', () => {
  const pageSize = { in: 'query' as const, name: 'limit', default: 2, max: 10 };
  it('offset advances by the page size and stops on a short page or the total', () => {
    const paginator = createPaginator({ kind: 'offset', page_size: pageSize, param: { in: 'query', name: 'offset' }, start: 0, stop_on_short_page: true, stop_at_total: true }, { ...context, pageSize: 2 });
    expect(paginator.advance({ offset: 0 }, page([1, 2]), 2, undefined).next).toEqual({ offset: 2 });
    expect(paginator.advance({ offset: 2 }, page([3]), 3, undefined).next).toBeUndefined();
    expect(paginator.advance({ offset: 2 }, page([3, 4]), 4, 4).next).toBeUndefined();
  });
  it('page numbers count from the start', () => {
    const paginator = createPaginator({ kind: 'page', page_size: pageSize, param: { in: 'query', name: 'page' }, start: 1, stop_on_short_page: true, stop_at_total: true }, { ...context, pageSize: 2 });
    expect(paginator.request(base, paginator.start).url.searchParams.get('page')).toBe('1');
    expect(paginator.advance({ page: 1 }, page([1, 2]), 2, undefined).next).toEqual({ page: 2 });
  });
});

describe('hybrid window walked sequentially', () => {
  const pagination: Pagination = {
    kind: 'hybrid',
    page_size: { in: 'query', name: 'limit', default: 100, max: 100 },
    offset: { in: 'query', name: 'offset' },
    param: { in: 'query', name: 'cursor' },
    cursor: 'page.cursor',
    total: 'page.total',
    window: 300,
  };
  const paginator = createPaginator(pagination, { ...context, pageSize: 100 });
  const full = Array.from({ length: 100 }, (_, i) => i);

  it('never requests past the window: 50,000 with 100 per page ends at 49,900', () => {
    expect(lastOffset(50_000, 100)).toBe(49_900);
    expect(lastOffset(50_000, 30)).toBe(49_950);
  });

  it('walks offsets inside a window, then re-bases at 0 with the closing page cursor', () => {
    expect(paginator.advance({ cursor: null, offset: 0 }, page(full, { page: { cursor: 'c1' } }), 100, 1000).next).toEqual({ cursor: null, offset: 100 });
    expect(paginator.advance({ cursor: null, offset: 200 }, page(full, { page: { cursor: 'c3' } }), 300, 1000).next).toEqual({ cursor: 'c3', offset: 0 });
    const spec = paginator.request(base, { cursor: 'ab=', offset: 100 });
    expect(spec.url.search).toBe('?limit=2&offset=100&cursor=ab%3D');
  });

  it('stops on a short page, on the total, and reports a window that ends without a cursor', () => {
    expect(paginator.advance({ cursor: null, offset: 0 }, page([1]), 1, 1000).next).toBeUndefined();
    expect(paginator.advance({ cursor: 'c', offset: 0 }, page(full), 1000, 1000).next).toBeUndefined();
    const step = paginator.advance({ cursor: null, offset: 200 }, page(full, { page: {} }), 300, 1000);
    expect(step.next).toBeUndefined();
    expect(step.incomplete).toMatch(/window of 300 ended without a cursor/);
  });
});
