import { describe, expect, it } from 'vitest';
import { createPaginator } from '../../src/pagination/paginator.js';
import { Profile, type Pagination } from '../../src/profile/schema.js';
import type { RequestSpec } from '../../src/request/spec.js';

const base: RequestSpec = { method: 'GET', url: new URL('https://api.test/v1/customers?limit=2'), headers: {} };
const context = { origin: 'https://api.test', pageSize: 2 };
const page = (records: unknown[], body: unknown = {}, hasMore?: boolean) => ({ records, body, headers: {}, hasMore });

/** Pagination as a profile file gives it, defaults filled by the schema. */
function pagination(fields: Record<string, unknown>): Pagination {
  const profile = Profile.parse({ name: 't', base_url: 'https://api.test', endpoints: { items: { path: '/items', records: 'data', pagination: fields } } });
  return profile.endpoints.items.pagination;
}

describe('stop rules', () => {
  it("has_more: false ends a cursor chain whose cursor is still there (Relay's endCursor)", () => {
    const relay = createPaginator(pagination({ kind: 'cursor', cursor: 'pageInfo.endCursor', param: { in: 'variable', name: 'after' }, has_more: 'pageInfo.hasNextPage' }), context);
    expect(relay.advance({ cursor: null }, page([1, 2], { pageInfo: { endCursor: 'x' } }, true), 2, undefined).next).toEqual({ cursor: 'x' });
    expect(relay.advance({ cursor: 'x' }, page([3], { pageInfo: { endCursor: 'y' } }, false), 3, undefined).next).toBeUndefined();
  });

  it("a cursor from the last record (Stripe's starting_after)", () => {
    const stripe = createPaginator(
      pagination({ kind: 'cursor', cursor: 'id', cursor_from: 'last_record', param: { in: 'query', name: 'starting_after' }, has_more: 'has_more' }),
      context,
    );
    const step = stripe.advance({ cursor: null }, page([{ id: 'cus_1' }, { id: 'cus_2' }], {}, true), 2, undefined);
    expect(step.next).toEqual({ cursor: 'cus_2' });
    expect(stripe.request(base, step.next!).url.searchParams.get('starting_after')).toBe('cus_2');
    expect(stripe.advance({ cursor: 'cus_2' }, page([{ id: 'cus_3' }], {}, false), 3, undefined).next).toBeUndefined();
  });

  it('the total reached ends any kind, unless stop_at_total is false', () => {
    const link = pagination({ kind: 'link_header', total_header: 'X-Total-Count' });
    const headers = { link: '<https://api.test/items?page=2>; rel="next"' };
    const full = { records: [1, 2], body: [], headers };
    expect(createPaginator(link, context).advance({}, full, 2, 2).next).toBeUndefined();
    expect(createPaginator(link, context).advance({}, full, 2, 3).next).toEqual({ url: 'https://api.test/items?page=2' });
    const keepGoing = pagination({ kind: 'link_header', total_header: 'X-Total-Count', stop_at_total: false });
    expect(createPaginator(keepGoing, context).advance({}, full, 2, 2).next).toEqual({ url: 'https://api.test/items?page=2' });
  });

  it('a short page ends offset and page kinds by default, and others only when asked', () => {
    const offset = pagination({ kind: 'offset', param: { in: 'query', name: 'offset' }, page_size: { in: 'query', name: 'limit', default: 2 } });
    expect(createPaginator(offset, context).advance({ offset: 0 }, page([1]), 1, undefined).next).toBeUndefined();
    const cursor = { kind: 'cursor', cursor: 'next', param: { in: 'query', name: 'cursor' }, page_size: { in: 'query', name: 'limit', default: 2 } };
    expect(createPaginator(pagination(cursor), context).advance({ cursor: null }, page([1], { next: 'n' }), 1, undefined).next).toEqual({ cursor: 'n' });
    expect(createPaginator(pagination({ ...cursor, stop_on_short_page: true }), context).advance({ cursor: null }, page([1], { next: 'n' }), 1, undefined).next).toBeUndefined();
  });

  it('an expired-cursor notice survives on the last page', () => {
    const podchaser = createPaginator(pagination({ kind: 'cursor', cursor: 'next', param: { in: 'query', name: 'cursor' }, refreshed: 'refreshed' }), context);
    expect(podchaser.advance({ cursor: 'a' }, page([], { refreshed: true }), 0, undefined).incomplete).toMatch(/may not be exhaustive/);
  });

  it('page_size.max is optional', () => {
    expect(pagination({ kind: 'page', param: { in: 'query', name: 'page' }, page_size: { in: 'query', name: 'per_page', default: 100 } }).page_size?.max).toBeUndefined();
  });
});

describe('has_more against the position', () => {
  it('has_more true with no cursor where the profile says is a profile mistake, named by field', () => {
    const field = (name: string) => `my.yaml: endpoints.items.${name}`;
    const typo = createPaginator(pagination({ kind: 'cursor', cursor: 'ids', cursor_from: 'last_record', param: { in: 'query', name: 'starting_after' }, has_more: 'has_more' }), { ...context, field });
    expect(() => typo.advance({ cursor: null }, page([{ id: 'cus_1' }], {}, true), 1, undefined)).toThrow(
      /^my\.yaml: endpoints\.items\.pagination\.cursor: has_more says there are more pages, but the response has no cursor at "ids" of the last record$/,
    );
    expect(typo.advance({ cursor: null }, page([{ id: 'cus_1' }], {}, false), 1, undefined).next).toBeUndefined();
  });
});

describe('the page count', () => {
  it("stops at the last page the body counts (Laravel's last_page), even when it is full", () => {
    const laravel = createPaginator(pagination({ kind: 'page', param: { in: 'query', name: 'page' }, total_pages: 'meta.last_page', page_size: { in: 'query', name: 'per_page', default: 2 } }), context);
    expect(laravel.advance({ page: 1 }, page([1, 2], { meta: { last_page: 2 } }), 2, undefined).next).toEqual({ page: 2 });
    expect(laravel.advance({ page: 2 }, page([3, 4], { meta: { last_page: 2 } }), 4, undefined).next).toBeUndefined();
    expect(laravel.advance({ page: 2 }, page([3, 4], { meta: { last_page: '3' } }), 4, undefined).next).toEqual({ page: 3 });
  });
});
