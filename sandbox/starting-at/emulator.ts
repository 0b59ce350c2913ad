/**
 * EduFocal's items API (https://dev.edufocal.com/docs/cursor_objects/): `GET /items` for the
 * first page, then `GET /items?starting_at=<cursor>`, Bearer auth, and a keyset cursor
 * `{"last_id", "last_value"}` over (created_at, id). "The response will always include the next
 * cursor": the last full page still carries one, and only the empty page after it has none.
 * The page size parameter `limit` is our assumption (the docs name none). Like a real server it
 * ignores query parameters it does not know: a cursor sent under another name gets page 1 again.
 */
import { base64Json, fromBase64Json, int, isoDate, name, pick, seededRandom, type Random } from '../data/fake-data.js';
import type { Emulator, EmulatorOptions, SandboxResponse } from '../server/types.js';
import { growthTimes, type Growth } from '../data/growth.js';

const ENV = { STARTING_AT_TOKEN: 'sandbox-token' };
const DEFAULT_SIZE = 12_345;
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;
const TAGS = ['new', 'sale', 'eco', 'limited', 'b2b', 'légère', '🔥', 'with,comma', 'with "quote"'];

interface Item {
  id: string;
  name: string;
  created_at: string;
  tags: string[];
  price: number | null;
  active: boolean;
  notes: string;
}

/** Multi-line free text built from awkward names: quotes, commas, tabs, unicode. */
function notes(random: Random): string {
  const lines: string[] = [];
  for (let n = int(random, 0, 3); n > 0; n--) lines.push(`${name(random)}, ${name(random)}`);
  return lines.join('\n');
}

/** Items in export order, (created_at, id) ascending; about one in twenty shares its predecessor's timestamp, so ties are real. */
function createItems(seed: number, size: number): Item[] {
  const random = seededRandom(seed);
  // ids shuffled, so id order says nothing about creation order and ties must be broken by id
  const ids = Array.from({ length: size }, (_, i) => 1000 + i);
  for (let i = size - 1; i > 0; i--) {
    const j = int(random, 0, i);
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  const items: Item[] = [];
  for (let i = 0; i < size; i++) {
    const previous = items[items.length - 1];
    items.push({
      id: String(ids[i]),
      name: name(random),
      created_at: previous && random() < 0.05 ? previous.created_at : isoDate(random),
      tags: Array.from({ length: int(random, 0, 3) }, () => pick(random, TAGS)),
      price: random() < 0.1 ? null : Math.round(random() * 100_000) / 100,
      active: random() < 0.8,
      notes: notes(random),
    });
  }
  return items.sort(compareKeys);
}

/** New items with ids above every existing one: ties on created_at sort after the newest, as on a keyset API. */
function grown(items: Item[], growth: Growth, random: Random): Item[] {
  const newest = items.length === 0 ? Date.UTC(2026, 0, 1) : Date.parse(items[items.length - 1].created_at);
  let id = items.reduce((top, item) => Math.max(top, Number(item.id)), 999);
  const added = growthTimes(random, newest, growth).map((time) => ({
    id: String(++id),
    name: name(random),
    created_at: new Date(time).toISOString(),
    tags: [pick(random, TAGS)],
    price: Math.round(random() * 100_000) / 100,
    active: true,
    notes: notes(random),
  }));
  return [...items, ...added].sort(compareKeys);
}

const compareKeys = (a: { created_at: string; id: string }, b: { created_at: string; id: string }): number =>
  a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : Number(a.id) - Number(b.id);

const cursorOf = (item: Item): string => base64Json({ last_id: item.id, last_value: item.created_at });

/** The first position after the cursor's keyset; null for a cursor that is not one of ours. */
function positionAfter(items: Item[], text: string): number | null {
  const cursor = fromBase64Json(text) as Record<string, unknown> | undefined;
  if (typeof cursor !== 'object' || cursor === null) return null;
  const { last_id: id, last_value: value } = cursor;
  if (id === null && value === null) return 0;
  if (typeof id !== 'string' || !/^\d+$/.test(id) || typeof value !== 'string') return null;
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareKeys(items[mid], { created_at: value, id }) > 0) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * EduFocal's docs: `previous` is absent on the initial request. Going back to the first page needs a
 * cursor that means "from the start", which we spell `{"last_id":null,"last_value":null}`.
 */
function previousCursor(items: Item[], start: number, limit: number, initial: boolean): string | null {
  if (initial) return null;
  const from = Math.max(0, start - limit);
  return from === 0 ? base64Json({ last_id: null, last_value: null }) : cursorOf(items[from - 1]);
}

export function createStartingAtEmulator(options: EmulatorOptions = {}): Emulator {
  const seed = options.seed ?? 1;
  let items: Item[] | undefined;
  let growthRandom: Random | undefined;
  const all = () => (items ??= createItems(seed, options.size ?? DEFAULT_SIZE));
  const error = (status: number, message: string): SandboxResponse => ({ status, body: { error: message } });
  const perMinute = options.rateLimitPerMinute;

  return {
    name: 'starting-at',
    env: ENV,
    latencyMs: 20,
    rateLimit:
      perMinute !== undefined && Number.isFinite(perMinute)
        ? {
            limit: perMinute,
            windowMs: 60_000,
            reply: (retryAfterMs) => ({
              ...error(429, 'Too many requests'),
              headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
            }),
          }
        : undefined,
    handle(request) {
      if (request.headers.authorization !== `Bearer ${ENV.STARTING_AT_TOKEN}`) return error(401, 'Unauthenticated: send Authorization: Bearer <token>');
      if (request.path !== '/items') return error(404, `Not found: ${request.path}`);
      if (request.method !== 'GET') return error(405, `Method ${request.method} not allowed`);
      const limitText = request.query.get('limit');
      const limit = limitText === null ? DEFAULT_LIMIT : /^\d{1,9}$/.test(limitText) ? Number(limitText) : NaN;
      if (!(limit >= 1 && limit <= MAX_LIMIT)) return error(400, `limit must be an integer from 1 to ${MAX_LIMIT}`);
      const cursor = request.query.get('starting_at');
      const list = all();
      const start = cursor === null ? 0 : positionAfter(list, cursor);
      if (start === null) return error(400, 'Invalid cursor');
      const page = list.slice(start, start + limit);
      return {
        status: 200,
        body: {
          items: page,
          cursor: {
            starting_at: page.length > 0 ? cursorOf(page[page.length - 1]) : null,
            previous: previousCursor(list, start, limit, cursor === null),
          },
        },
      };
    },
    records(endpoint) {
      if (endpoint !== 'items') throw new Error(`starting-at has no endpoint "${endpoint}": use items`);
      return structuredClone(all());
    },
    grow(growth) {
      items = grown(all(), growth, (growthRandom ??= seededRandom(seed * 7919 + 17)));
    },
  };
}
