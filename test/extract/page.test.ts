import { describe, expect, it } from 'vitest';
import { createExtractor, MalformedResponse, ProfileMismatch } from '../../src/extract/page.js';
import { headerTotal } from '../../src/extract/header-total.js';
import type { Endpoint } from '../../src/profile/schema.js';

const response = (body: unknown, headers: Record<string, string> = {}) => ({ status: 200, headers, text: typeof body === 'string' ? body : JSON.stringify(body) });
const endpoint = (records: string, pagination: Record<string, unknown> = {}): Endpoint =>
  ({ method: 'GET', path: '/x', query: {}, filters: {}, records, pagination: { kind: 'link_header', rel: 'next', stop_at_total: true, stop_on_short_page: false, ...pagination } }) as Endpoint;
const extractor = (records: string, pagination?: Record<string, unknown>) =>
  createExtractor({ endpoint: endpoint(records, pagination), endpointName: 'items', file: 'my-api.yaml' });

describe('page extraction', () => {
  it('takes a bare array body with $ and with $[*]', () => {
    expect(extractor('$')(response([{ id: 1 }, { id: 2 }])).records).toEqual([{ id: 1 }, { id: 2 }]);
    expect(extractor('$[*]')(response([{ id: 1 }])).records).toEqual([{ id: 1 }]);
    expect(extractor('$[*]')(response([])).records).toEqual([]);
  });

  it('takes Relay nodes, and an empty connection is an empty page', () => {
    const read = extractor('data.items.edges[*].node', { has_more: 'data.items.pageInfo.hasNextPage' });
    const page = read(response({ data: { items: { edges: [{ node: { id: 7 } }], pageInfo: { hasNextPage: false, endCursor: 'x' } } } }));
    expect(page.records).toEqual([{ id: 7 }]);
    expect(page.hasMore).toBe(false);
    expect(read(response({ data: { items: { edges: [], pageInfo: { hasNextPage: false } } } })).records).toEqual([]);
  });

  it('a wrong shape names the file, the field and the keys the response has', () => {
    const read = extractor('data.podcasts.data');
    const error = (() => {
      try {
        read(response({ data: { podcast: [] }, errors: [] }));
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(ProfileMismatch);
    expect(error?.message).toMatch(/^my-api\.yaml: endpoints\.items\.records: expected an array of records at "data\.podcasts\.data"/);
    expect(error?.message).toContain('has no "podcasts" at data (an object with keys podcast)');
    expect(error?.message).toContain('{"data":{"podcast":[]},"errors":[]}');
    expect(() => extractor('$')(response({ items: [] }))).toThrow(/an object with keys items there/);
    expect(() => extractor('items[*]')(response({ results: [] }))).toThrow(ProfileMismatch);
  });

  it('a body that is not JSON stays a malformed response (retried elsewhere)', () => {
    expect(() => extractor('$')(response('<html>busy</html>'))).toThrow(MalformedResponse);
  });

  it('has_more must be a boolean', () => {
    expect(() => extractor('data', { has_more: 'has_more' })(response({ data: [] }))).toThrow(/endpoints\.items\.pagination\.has_more: expected true or false/);
  });

  it('reads a total from the body or from a header', () => {
    expect(extractor('items', { total: 'page.total' })(response({ items: [], page: { total: 9 } })).total).toBe(9);
    expect(extractor('$', { total_header: 'X-Total-Count' })(response([], { 'x-total-count': '2500' })).total).toBe(2500);
    expect(extractor('$', { total_header: 'Content-Range' })(response([], { 'content-range': 'items 0-99/2500' })).total).toBe(2500);
    expect(extractor('$', { total_header: 'X-Total-Count' })(response([])).total).toBeUndefined();
  });
});

describe('header totals', () => {
  it('reads counts and Content-Range lengths', () => {
    expect(headerTotal('2500')).toBe(2500);
    expect(headerTotal(' 12 ')).toBe(12);
    expect(headerTotal('0-99/2500')).toBe(2500);
    expect(headerTotal('items 0-24/101')).toBe(101);
    expect(headerTotal('*/0')).toBe(0);
    expect(headerTotal('0-99/*')).toBeUndefined();
    expect(headerTotal('lots')).toBeUndefined();
    expect(headerTotal(undefined)).toBeUndefined();
  });
});
