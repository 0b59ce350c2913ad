/**
 * SoundCloud's paging over one user's tracks, playlists or followings: `limit` (alias `page_size`),
 * `access`, `sort`, `cursor`. A page takes `limit` entries after the cursor and then drops the
 * private and inaccessible ones, so it can be short or empty and still have a next page.
 */
import { partitionPoint } from '../data/partition-point.js';
import type { Entry } from './data.js';
import type { SandboxRequest, SandboxResponse } from '../server/types.js';

export type Kind = 'tracks' | 'playlists' | 'followings';

export interface ListParams {
  limit: number;
  access: ReadonlySet<string>;
  sort: 'asc' | 'desc';
  /** Entry key (`<ISO>,<padded id>`) the page starts after. */
  after?: string;
  showTracks: boolean;
}

export const MAX_LIMIT = 200;
const DEFAULT_LIMIT = 50;
const ACCESS_VALUES = new Set(['playable', 'preview', 'blocked']);
const LINK = 'https://developers.soundcloud.com/docs/api/explorer/open-api';
const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z),(tracks|playlists|followings),(\d{1,11})$/;

/** SoundCloud's error body. */
export const failure = (status: number, message: string): SandboxResponse => ({
  status,
  body: { code: status, message, link: LINK },
});

/** Query parameters, validated; `page_size` is the name SoundCloud writes into its own next_href. */
export function parseParams(query: URLSearchParams, kind: Kind): ListParams | SandboxResponse {
  const limitText = query.get('limit') ?? query.get('page_size') ?? String(DEFAULT_LIMIT);
  const limit = /^\d+$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    return failure(400, `limit must be an integer from 1 to ${MAX_LIMIT}, got "${limitText}"`);
  }
  const access = (query.get('access') ?? 'playable,preview').split(',').map((value) => value.trim());
  const unknown = access.find((value) => !ACCESS_VALUES.has(value));
  if (unknown !== undefined) return failure(400, `access must list playable, preview or blocked, got "${unknown}"`);
  const sort = query.get('sort') ?? 'desc';
  if (sort !== 'asc' && sort !== 'desc') return failure(400, `sort must be asc or desc, got "${sort}"`);
  const cursor = query.get('cursor');
  const match = cursor === null ? null : CURSOR.exec(cursor);
  if (cursor !== null && (!match || match[2] !== kind)) return failure(400, `invalid cursor "${cursor}"`);
  const after = match ? `${match[1]},${match[3].padStart(11, '0')}` : undefined;
  // show_tracks defaults to true in SoundCloud's OpenAPI: a playlist comes with its tracks unless asked not to.
  return { limit, access: new Set(access), sort, after, showTracks: query.get('show_tracks') !== 'false' };
}

export const visible = (entry: Entry, params: ListParams): boolean =>
  !entry.hidden && (entry.access === undefined || params.access.has(entry.access));

/** A record as served: playlists embed their visible tracks unless `show_tracks=false`. */
export function serialize(entry: Entry, params: ListParams): unknown {
  if (!entry.tracks || !params.showTracks) return entry.record;
  const tracks = entry.tracks.filter((track) => visible(track, params)).map((track) => track.record);
  return { ...entry.record, tracks };
}

/** One page of `list` (already in the requested order); `next` is the cursor when entries remain. */
export function pageOf(list: readonly Entry[], params: ListParams, kind: Kind): { items: unknown[]; next?: string } {
  const after = params.after;
  const isAfter = (index: number): boolean =>
    after !== undefined && (params.sort === 'desc' ? list[index].key < after : list[index].key > after);
  const start = after === undefined ? 0 : partitionPoint(list.length, isAfter);
  const slice = list.slice(start, start + params.limit);
  const items = slice.filter((entry) => visible(entry, params)).map((entry) => serialize(entry, params));
  if (start + params.limit >= list.length) return { items };
  const [iso, id] = slice[slice.length - 1].key.split(',');
  return { items, next: `${iso},${kind},${id}` };
}

/**
 * Like the next_href in https://developers.soundcloud.com/blog/pagination-updates-on-our-api,
 * commas and colons stay readable: both are legal in a query.
 */
const encode = (value: string): string => encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%3A/gi, ':');

/** The next page's absolute URL: `page_size` for `limit`, and the request's `access`, `sort`, `show_tracks`. */
export function nextHref(request: SandboxRequest, params: ListParams, cursor: string): string {
  const parts = [`linked_partitioning=true`, `page_size=${params.limit}`, `cursor=${encode(cursor)}`];
  for (const key of ['access', 'sort', 'show_tracks']) {
    const value = request.query.get(key);
    if (value !== null) parts.push(`${key}=${encode(value)}`);
  }
  return `${request.origin}${request.path}?${parts.join('&')}`;
}
