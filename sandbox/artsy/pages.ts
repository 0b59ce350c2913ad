/**
 * Artsy's paging over one collection: filters, `size`, `cursor` or `offset`, `total_count`, and
 * the HAL body with an absolute `_links.next` on the request's origin that keeps every parameter
 * but the position. The cursor is `<sort value>:<24-hex id>` of the page's last entry.
 */
import { compareKeys, type ArtsyCollection, type ArtsyEndpoint } from './data.js';
import { otherError, paramError } from './errors.js';
import { partitionPoint } from '../data/partition-point.js';
import type { SandboxRequest, SandboxResponse } from '../server/types.js';

export const MAX_SIZE = 100;
const DEFAULT_SIZE = 5;
/** Documented parameters the sandbox does not model: refused rather than silently ignored. */
const UNSUPPORTED = ['sample', 'similar_to_artist_id', 'similarity_type'];

/** Entries in both ascending position lists. */
function intersect(a: readonly number[], b: readonly number[]): number[] {
  const both: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      both.push(a[i]);
      i++;
      j++;
    }
  }
  return both;
}

export interface ArtsyPages {
  /** The HAL page for a GET on `/api/<endpoint>`. */
  page(endpoint: ArtsyEndpoint, request: SandboxRequest): SandboxResponse;
  /** Every record the filters in `params` select, in cursor order. */
  all(endpoint: ArtsyEndpoint, params: URLSearchParams): unknown[] | SandboxResponse;
}

export function createArtsyPages(data: () => Record<ArtsyEndpoint, ArtsyCollection>): ArtsyPages {
  // Combined filters are intersected once per combination, then served from here.
  const combined = new Map<string, readonly number[]>();

  function positions(endpoint: ArtsyEndpoint, query: URLSearchParams): readonly number[] | SandboxResponse {
    const collection = data()[endpoint];
    const chosen: [string, string][] = [];
    for (const [name, filter] of Object.entries(collection.filters)) {
      const value = query.get(name);
      if (value === null) continue;
      const found = filter.index.get(value);
      if (found === undefined && filter.label !== undefined) return otherError(404, `${filter.label} Not Found`);
      if (found !== undefined) chosen.push([name, value]);
    }
    if (chosen.length === 0) return collection.all;
    const lists = chosen.map(([name, value]) => collection.filters[name].index.get(value) as readonly number[]);
    if (lists.length === 1) return lists[0];
    const key = `${endpoint}?${chosen.map((pair) => pair.join('=')).join('&')}`;
    let list = combined.get(key);
    if (!list) combined.set(key, (list = lists.reduce(intersect)));
    return list;
  }

  function startOf(collection: ArtsyCollection, list: readonly number[], query: URLSearchParams) {
    const offset = query.get('offset');
    if (offset !== null) {
      if (/^\d+$/.test(offset)) return Number(offset);
      return paramError('offset is invalid', { offset: ['must be a non-negative integer'] });
    }
    const cursor = query.get('cursor');
    if (cursor === null) return 0;
    const match = /^(.*):([0-9a-f]{24})$/s.exec(cursor);
    if (!match) return paramError('cursor is invalid', { cursor: ['is invalid'] });
    const [, value, id] = match;
    return partitionPoint(list.length, (index) => {
      const entry = collection.entries[list[index]];
      return compareKeys(entry.sortValue, entry.id, value, id) > 0;
    });
  }

  return {
    all(endpoint, params) {
      const list = positions(endpoint, params);
      if ('status' in list) return list;
      return list.map((position) => data()[endpoint].entries[position].record);
    },
    page(endpoint, request) {
      const query = request.query;
      const unsupported = UNSUPPORTED.find((name) => query.has(name));
      if (unsupported) {
        return paramError(`${unsupported} is not supported by the sandbox`, { [unsupported]: ['is not supported'] });
      }
      const sizeText = query.get('size') ?? String(DEFAULT_SIZE);
      const size = /^\d+$/.test(sizeText) ? Number(sizeText) : NaN;
      if (!(size >= 1 && size <= MAX_SIZE)) {
        return paramError(`size must be from 1 to ${MAX_SIZE}`, { size: [`must be an integer from 1 to ${MAX_SIZE}`] });
      }
      if (query.has('cursor') && query.has('offset')) {
        const detail = ['cursor and offset are mutually exclusive'];
        return paramError('Cursor and offset cannot be used together.', { cursor: detail, offset: detail });
      }
      const collection = data()[endpoint];
      const list = positions(endpoint, query);
      if ('status' in list) return list;
      const start = startOf(collection, list, query);
      if (typeof start !== 'number') return start;
      const slice = list.slice(start, start + size).map((position) => collection.entries[position]);
      const search = query.toString();
      const links: Record<string, { href: string }> = {
        self: { href: `${request.origin}${request.path}${search ? `?${search}` : ''}` },
      };
      if (start + size < list.length) {
        const last = slice[slice.length - 1];
        const next = new URLSearchParams({ cursor: `${last.sortValue}:${last.id}` });
        for (const [name, value] of query) if (name !== 'cursor' && name !== 'offset') next.append(name, value);
        links.next = { href: `${request.origin}${request.path}?${next}` };
      }
      const counted = query.get('total_count') === '1' || query.get('total_count') === 'true';
      return {
        status: 200,
        body: {
          total_count: counted ? list.length : null,
          _links: links,
          _embedded: { [endpoint]: slice.map((entry) => entry.record) },
        },
      };
    },
  };
}
