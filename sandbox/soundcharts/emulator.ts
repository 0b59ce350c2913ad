/**
 * Soundcharts' ranking endpoints, as its cursor guide describes them (https://help.soundcharts.com/en/articles/14724998-how-do-cursors-work):
 * `POST /api/v2/top/{artists,songs}`
 * with offsets that stop at 50,000 and base64 keyset cursors that embed the sort, an artist's
 * songs (`GET /api/v2.21/artist/{uuid}/songs`, offset paging), legacy
 * `x-app-id`/`x-api-key` auth, a per-minute rate limit and a monthly quota counter.
 */
import { base64Json, fromBase64Json } from '../data/fake-data.js';
import { createDataset, ID_BASE, type Dataset, type SoundchartsEndpoint } from './data.js';
import { BadRequest, paramsQuery, parseRankQuery, type SortSpec } from './query.js';
import { createViewCache, positionAfter, type RankView } from './view.js';
import type { Emulator, EmulatorOptions, SandboxRequest, SandboxResponse } from '../server/types.js';
import { ARTIST_SONGS_ROUTE, createArtistSongs } from './artist-songs.js';

export interface SoundchartsOptions extends EmulatorOptions {
  /** Monthly quota: successful calls before every call gets the quota-exhausted 429. @default 1_000_000 */
  quota?: number;
}

/** The public sandbox credentials of Soundcharts' older docs (https://doc.api.soundcharts.com/api/v2/doc). */
const ENV = { SOUNDCHARTS_APP_ID: 'soundcharts', SOUNDCHARTS_API_KEY: 'soundcharts' };
/** Offsets reach only the first 50,000 rows after the cursor (Soundcharts' cursor guide). */
const OFFSET_CAP = 50_000;
const MAX_LIMIT = 100;
const CURSOR_SORT_FIELDS = ['platform', 'metricType', 'period', 'sortBy', 'order'] as const;
const ROUTE = /^\/api\/v2\/top\/(artists|songs)\/?$/;

function intParam(query: URLSearchParams, key: string, fallback: number): number {
  const text = query.get(key);
  if (text === null || text === '') return fallback;
  if (/^\d{1,9}$/.test(text)) return Number(text);
  throw new BadRequest(key, `${key} must be a non-negative integer; got ${JSON.stringify(text)}`);
}

/** The cursor layout of Soundcharts' cursor guide: the last row's keyset plus the whole sort, base64 with padding. */
function encodeCursor(view: RankView, position: number, sort: SortSpec): string {
  return base64Json({
    idValue: String(ID_BASE + view.rows[position]),
    fieldValue: view.values[position],
    order: sort.order,
    metric: true,
    platform: sort.platform,
    metricType: sort.metricType,
    period: sort.period,
    sortBy: sort.sortBy,
  });
}

/** A cursor is only valid with the sort it was issued for: it holds a position in that ranking. */
function decodeCursor(text: string, sort: SortSpec): { fieldValue: number; id: number } {
  const cursor = fromBase64Json(text) as Record<string, unknown> | undefined;
  if (
    typeof cursor !== 'object' ||
    cursor === null ||
    typeof cursor.fieldValue !== 'number' ||
    typeof cursor.idValue !== 'string' ||
    !/^\d+$/.test(cursor.idValue)
  ) {
    throw new BadRequest('cursor', 'Invalid cursor: send back page.cursor exactly as received (base64, percent-encoded)');
  }
  for (const field of CURSOR_SORT_FIELDS) {
    if (cursor[field] !== sort[field]) {
      throw new BadRequest('cursor', `Invalid cursor: it was issued for ${field} ${JSON.stringify(cursor[field])}, this request sorts by ${JSON.stringify(sort[field])}`);
    }
  }
  return { fieldValue: cursor.fieldValue, id: Number(cursor.idValue) };
}

/** Next/previous offset pages, relative URLs that keep the request's other parameters. */
function pageUrl(endpoint: SoundchartsEndpoint, query: URLSearchParams, offset: number, limit: number): string {
  const next = new URLSearchParams(query);
  next.set('offset', String(offset));
  next.set('limit', String(limit));
  return `/api/v2/top/${endpoint}?${next}`;
}

/**
 * `size` is the number of artists with at least 10,000 Spotify followers (default 140,830, the
 * count in Soundcharts' cursor guide; about a seventh more sit below) or of songs (default 60,000). `page.total` counts
 * every row matching the filters — the same in every window, not what remains after the cursor.
 * `records(endpoint, params)` takes `platform`, `metricType`, `period`, `sortBy`, `order`, `min`,
 * `max`, `countryCode`, `cityKey`; like a request without a body it applies no filter unless
 * `min` or `max` is given (the cursor guide's export is `{min: '10000', max: '100000000000'}`).
 */
export function createSoundchartsEmulator(options: SoundchartsOptions = {}): Emulator {
  const seed = options.seed ?? 1;
  const perMinute = options.rateLimitPerMinute ?? 5000;
  let quota = options.quota ?? 1_000_000;
  const catalogues = new Map<SoundchartsEndpoint, { dataset: Dataset; view: ReturnType<typeof createViewCache> }>();
  const catalogue = (endpoint: SoundchartsEndpoint) => {
    let entry = catalogues.get(endpoint);
    if (!entry) {
      const dataset = createDataset(endpoint, seed, options.size);
      entry = { dataset, view: createViewCache(dataset) };
      catalogues.set(endpoint, entry);
    }
    return entry;
  };

  const artistSongs = createArtistSongs(() => catalogue('artists').dataset);
  const quotaHeader = () => ({ 'x-quota-remaining': String(Math.max(0, quota)) });
  const error = (status: number, message: string, key?: string): SandboxResponse => ({
    status,
    headers: quotaHeader(),
    body: { errors: [key === undefined ? { code: status, message } : { key, code: status, message }] },
  });

  function page(endpoint: SoundchartsEndpoint, request: SandboxRequest): SandboxResponse {
    const { query } = request;
    const limit = intParam(query, 'limit', MAX_LIMIT);
    if (limit < 1 || limit > MAX_LIMIT) throw new BadRequest('limit', `limit must be between 1 and ${MAX_LIMIT}; got ${limit}`);
    const offset = intParam(query, 'offset', 0);
    const rank = parseRankQuery(endpoint, request.rawBody, query);
    if (offset + limit > OFFSET_CAP) {
      throw new BadRequest('offset', `offset + limit must not exceed ${OFFSET_CAP}: offsets stop at 50,000 results, use the cursor to go further`);
    }
    const cursorText = query.get('cursor');
    const keyset = cursorText ? decodeCursor(cursorText, rank.sort) : undefined;
    if (quota <= 0) return error(429, 'You have exceeded your monthly API quota');
    quota--;
    const view = catalogue(endpoint).view(rank);
    const start = (keyset ? positionAfter(view, keyset.fieldValue, keyset.id, rank.sort.order) : 0) + offset;
    const end = Math.min(start + limit, view.rows.length);
    const items: string[] = [];
    for (let position = start; position < end; position++) items.push(view.json(position));
    const meta = {
      offset,
      limit,
      total: view.rows.length,
      next: end < view.rows.length && offset + 2 * limit <= OFFSET_CAP ? pageUrl(endpoint, query, offset + limit, limit) : null,
      previous: offset > 0 ? pageUrl(endpoint, query, Math.max(0, offset - limit), limit) : null,
      cursor: end > start ? encodeCursor(view, end - 1, rank.sort) : null,
    };
    return {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', ...quotaHeader() },
      body: `{"items":[${items.join(',')}],"page":${JSON.stringify(meta)},"errors":[]}`,
    };
  }

  function songsPage(uuid: string, request: SandboxRequest): SandboxResponse {
    const query = artistSongs.parse(request.query);
    const artist = artistSongs.artist(uuid);
    if (!artist) return error(404, 'Artist not found');
    if (quota <= 0) return error(429, 'You have exceeded your monthly API quota');
    quota--;
    const songs = artistSongs.songs(artist.row, query);
    const link = (offset: number) => {
      const next = new URLSearchParams(request.query);
      next.set('offset', String(offset));
      next.set('limit', String(query.limit));
      return `${request.path}?${next}`;
    };
    const end = query.offset + query.limit;
    return {
      status: 200,
      headers: quotaHeader(),
      body: {
        related: artist.related,
        items: songs.slice(query.offset, end),
        page: { offset: query.offset, limit: query.limit, next: end < songs.length ? link(end) : null, previous: query.offset > 0 ? link(Math.max(0, query.offset - query.limit)) : null, total: songs.length },
        errors: [],
      },
    };
  }

  return {
    name: 'soundcharts',
    env: ENV,
    latencyMs: 150,
    rateLimit: Number.isFinite(perMinute)
      ? {
          limit: perMinute,
          windowMs: 60_000,
          // a per-minute counter: x-ratelimit-reset says when it starts over
          window: 'fixed',
          reply(retryAfterMs) {
            const seconds = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
            return {
              ...error(429, 'You have reached the maximum request count per minute'),
              headers: { ...quotaHeader(), 'x-ratelimit-reset': seconds, 'retry-after': seconds },
            };
          },
        }
      : undefined,
    handle(request) {
      if (request.headers['x-app-id'] !== ENV.SOUNDCHARTS_APP_ID || request.headers['x-api-key'] !== ENV.SOUNDCHARTS_API_KEY) {
        return error(401, 'You are not logged in');
      }
      const songsOf = ARTIST_SONGS_ROUTE.exec(request.path)?.[1];
      if (songsOf !== undefined) {
        if (request.method !== 'GET') return error(405, `Method ${request.method} not allowed: use GET`);
        try {
          return songsPage(decodeURIComponent(songsOf), request);
        } catch (caught) {
          if (caught instanceof BadRequest) return error(400, caught.message, caught.key);
          throw caught;
        }
      }
      const endpoint = ROUTE.exec(request.path)?.[1] as SoundchartsEndpoint | undefined;
      if (!endpoint) return error(404, `No route found for "${request.method} ${request.path}"`);
      if (request.method !== 'POST') return error(405, `Method ${request.method} not allowed: use POST`);
      try {
        return page(endpoint, request);
      } catch (caught) {
        if (caught instanceof BadRequest) return error(400, caught.message, caught.key);
        throw caught;
      }
    },
    records(endpoint, params) {
      if (endpoint === 'artist-songs') {
        const { uuid = '', ...rest } = params ?? {};
        const artist = artistSongs.artist(uuid);
        if (!artist) throw new Error(`soundcharts has no artist "${uuid}"`);
        return artistSongs.songs(artist.row, artistSongs.parse(new URLSearchParams(rest)));
      }
      if (endpoint !== 'artists' && endpoint !== 'songs') throw new Error(`soundcharts has no endpoint "${endpoint}": use artists, songs or artist-songs`);
      const view = catalogue(endpoint).view(paramsQuery(endpoint, params));
      const items: string[] = [];
      for (let position = 0; position < view.rows.length; position++) items.push(view.json(position));
      return JSON.parse(`[${items.join(',')}]`) as unknown[];
    },
  };
}
