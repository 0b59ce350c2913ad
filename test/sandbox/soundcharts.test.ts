import { describe, expect, it } from 'vitest';
import { createSoundchartsEmulator } from '../../sandbox/soundcharts/emulator.js';
import type { Emulator } from '../../sandbox/server/types.js';

const AUTH = { 'x-app-id': 'soundcharts', 'x-api-key': 'soundcharts' };
/** The request body of Soundcharts' cursor guide, verbatim. */
const SEED_BODY =
  '{"sort": {"platform": "spotify","metricType": "followers","period": "month","sortBy": "total","order": "desc"},"filters": [{"type": "metric","data": {"platform": "spotify","metricType": "followers","min": "10000","max": "100000000000"}}]}';
const SEED_PARAMS = { min: '10000', max: '100000000000' };

interface Page {
  items: { artist?: { uuid: string }; song?: { uuid: string }; metric: { value: number } }[];
  page: { offset: number; limit: number; total: number; next: string | null; previous: string | null; cursor: string | null };
  errors: unknown[];
}

async function post(
  emulator: Emulator,
  query: Record<string, string | number>,
  options: { body?: string; endpoint?: string; headers?: Record<string, string>; method?: string } = {},
) {
  const response = await emulator.handle({
    method: options.method ?? 'POST',
    path: `/api/v2/top/${options.endpoint ?? 'artists'}`,
    query: new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])),
    headers: options.headers ?? AUTH,
    rawBody: options.body ?? '',
    origin: 'http://127.0.0.1:4010',
  });
  const body = typeof response.body === 'string' ? JSON.parse(response.body) : response.body;
  return { ...response, body: body as Page & { errors: { key?: string; code: number; message: string }[] } };
}

const uuids = (items: unknown[]): string[] =>
  (items as Page['items']).map((item) => (item.artist ?? item.song)!.uuid);

/** The SDK's hybrid walk: offsets 0..49,900 per window, the next window from page 49,900's cursor. */
async function hybridWalk(emulator: Emulator, body?: string, limit = 100) {
  const items: unknown[] = [];
  const totals = new Set<number>();
  let cursor: string | null = null;
  for (let windows = 0; windows < 100; windows++) {
    let last: Page | undefined;
    for (let offset = 0; offset + limit <= 50_000; offset += limit) {
      const response = await post(emulator, { offset, limit, ...(cursor && { cursor }) }, { body });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      last = response.body;
      items.push(...last.items);
      totals.add(last.page.total);
      if (items.length >= last.page.total) return { items, totals };
      if (last.items.length < limit) throw new Error(`short page at offset ${offset} before the total`);
    }
    cursor = last!.page.cursor;
  }
  throw new Error('too many windows');
}

/** Sequential walk: offset 0 and each page's cursor. */
async function cursorWalk(emulator: Emulator, body: string | undefined, limit: number) {
  const items: unknown[] = [];
  let cursor: string | null = null;
  for (;;) {
    const response = await post(emulator, { offset: 0, limit, ...(cursor && { cursor }) }, { body });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    items.push(...response.body.items);
    if (response.body.page.cursor === null) return items;
    cursor = response.body.page.cursor;
  }
}

describe('soundcharts emulator: the cursor guide\'s dataset', () => {
  const emulator = createSoundchartsEmulator();

  it('has exactly 140,830 artists for the cursor guide\'s filter, and more without it', async () => {
    const first = await post(emulator, { offset: 0, limit: 100 }, { body: SEED_BODY });
    expect(first.body.page.total).toBe(140_830);
    const unfiltered = await post(emulator, { offset: 0, limit: 100 });
    expect(unfiltered.body.page.total).toBeGreaterThan(140_830 + 10_000);
  });

  it('a hybrid walk returns exactly records(), with one constant total and unique uuids', async () => {
    const { items, totals } = await hybridWalk(emulator, SEED_BODY);
    const expected = emulator.records('artists', SEED_PARAMS);
    expect([...totals]).toEqual([140_830]);
    expect(items.length).toBe(140_830);
    expect(new Set(uuids(items)).size, 'unique uuids').toBe(140_830);
    expect(uuids(items)).toEqual(uuids(expected));
    expect(JSON.stringify(items) === JSON.stringify(expected), 'items serialise exactly as records()').toBe(true);
  });

  it('issues cursors in the cursor guide\'s layout: base64 JSON of the last row and the sort', async () => {
    const { body } = await post(emulator, { offset: 0, limit: 100 }, { body: SEED_BODY });
    const cursor = body.page.cursor!;
    expect(cursor).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(cursor.length % 4).toBe(0);
    const decoded = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    expect(Object.keys(decoded)).toEqual(['idValue', 'fieldValue', 'order', 'metric', 'platform', 'metricType', 'period', 'sortBy']);
    expect(decoded).toMatchObject({ order: 'desc', metric: true, platform: 'spotify', metricType: 'followers', period: 'month', sortBy: 'total' });
    expect(decoded.idValue).toMatch(/^\d+$/);
    expect(decoded.fieldValue).toBe(body.items[99].metric.value);
  });
});

describe('soundcharts emulator: paging', () => {
  const emulator = createSoundchartsEmulator({ size: 5000 });

  it('a cursor chain at offset 0 returns records(), ties broken by id', async () => {
    const body = JSON.stringify({ sort: { platform: 'spotify', metricType: 'popularity', period: 'month', sortBy: 'total', order: 'desc' } });
    const items = await cursorWalk(emulator, body, 37);
    const expected = emulator.records('artists', { metricType: 'popularity' });
    const values = (expected as Page['items']).map((item) => item.metric.value);
    expect(new Set(values).size, 'popularity has ties').toBeLessThan(values.length / 10);
    expect(uuids(items)).toEqual(uuids(expected));
  });

  it('pages ascending, by change and by a filter on another metric', async () => {
    const sort = { platform: 'instagram', metricType: 'followers', period: 'week', sortBy: 'change', order: 'asc' };
    const filters = [{ type: 'metric', data: { platform: 'spotify', metricType: 'followers', min: 50_000 } }];
    const items = await cursorWalk(emulator, JSON.stringify({ sort, filters }), 100);
    const values = (items as Page['items']).map((item) => item.metric.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const bySpotify = new Set(uuids(emulator.records('artists', { min: '50000' })));
    expect(uuids(items).every((uuid) => bySpotify.has(uuid))).toBe(true);
    expect(items.length).toBe(bySpotify.size);
  });

  it('defaults to spotify followers, no filter, limit 100; records() defaults the same way', async () => {
    const { body } = await post(emulator, {});
    expect(body.page).toMatchObject({ offset: 0, limit: 100, previous: null });
    expect(body.items).toHaveLength(100);
    expect(uuids(body.items)).toEqual(uuids(emulator.records('artists').slice(0, 100)));
    expect(body.page.total).toBe(5000 + Math.ceil(5000 / 7));
  });

  it('keeps total constant, links offset pages and ends the window at 50,000', async () => {
    const { body } = await post(emulator, { offset: 200, limit: 100 }, { body: SEED_BODY });
    expect(body.page.total).toBe(5000);
    expect(body.page.next).toBe('/api/v2/top/artists?offset=300&limit=100');
    expect(body.page.previous).toBe('/api/v2/top/artists?offset=100&limit=100');
    const cursor = body.page.cursor!;
    const after = await post(emulator, { offset: 100, limit: 100, cursor }, { body: SEED_BODY });
    expect(after.body.page.total).toBe(5000);
    expect(after.body.page.next).toBe(`/api/v2/top/artists?offset=200&limit=100&cursor=${encodeURIComponent(cursor)}`);
    const direct = await post(emulator, { offset: 400, limit: 100 }, { body: SEED_BODY });
    expect(uuids(after.body.items)).toEqual(uuids(direct.body.items));
    const end = await post(emulator, { offset: 4950, limit: 100 }, { body: SEED_BODY });
    expect(end.body.items).toHaveLength(50);
    expect(end.body.page.next).toBeNull();
    const past = await post(emulator, { offset: 6000, limit: 100 }, { body: SEED_BODY });
    expect(past.body.items).toEqual([]);
    expect(past.body.page.cursor).toBeNull();
  });

  it('serves songs, sorted by spotify streams by default', async () => {
    const items = await cursorWalk(emulator, undefined, 100);
    const songs = await post(emulator, { limit: 100 }, { endpoint: 'songs' });
    expect(songs.status).toBe(200);
    expect(songs.body.page.total).toBe(5000);
    expect(songs.body.items[0].song).toMatchObject({ uuid: expect.any(String), isrc: expect.any(String) });
    expect(uuids(songs.body.items)).toEqual(uuids(emulator.records('songs').slice(0, 100)));
    expect(items.length).toBe(5000 + Math.ceil(5000 / 7));
  });

  it('is deterministic per seed', async () => {
    const again = await post(createSoundchartsEmulator({ size: 5000 }), {});
    const other = await post(createSoundchartsEmulator({ size: 5000, seed: 2 }), {});
    const mine = await post(emulator, {});
    expect(again.body).toEqual(mine.body);
    expect(other.body).not.toEqual(mine.body);
  });
});

describe('soundcharts emulator: errors', () => {
  const emulator = createSoundchartsEmulator({ size: 1000 });

  it('401s without the right x-app-id and x-api-key', async () => {
    const attempts: Record<string, string>[] = [{}, { 'x-app-id': 'soundcharts' }, { ...AUTH, 'x-api-key': 'nope' }];
    for (const headers of attempts) {
      const response = await post(emulator, {}, { headers });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ errors: [{ code: 401, message: 'You are not logged in' }] });
    }
  });

  it('404s an unknown path and 405s a GET', async () => {
    expect((await post(emulator, {}, { endpoint: 'albums' })).status).toBe(404);
    expect((await post(emulator, {}, { method: 'GET' })).status).toBe(405);
  });

  it.each([
    ['limit above 100', { limit: 101 }, undefined, 'limit'],
    ['limit 0', { limit: 0 }, undefined, 'limit'],
    ['a non-numeric offset', { offset: 'ten' }, undefined, 'offset'],
    ['offset + limit past 50,000', { offset: 49_950, limit: 100 }, undefined, 'offset'],
    ['invalid JSON', {}, '{"sort":', 'body'],
    ['an unknown metric', {}, '{"sort":{"platform":"myspace"}}', 'sort'],
    ['an unknown order', {}, '{"sort":{"order":"up"}}', 'sort.order'],
    ['a non-metric filter', {}, '{"filters":[{"type":"genre","data":{}}]}', 'filters[0]'],
    ['a non-numeric min', {}, '{"filters":[{"type":"metric","data":{"min":"lots"}}]}', 'filters[0].data.min'],
    ['a garbage cursor', { cursor: 'not base64!' }, undefined, 'cursor'],
    ['a cursor that is not JSON', { cursor: Buffer.from('hello').toString('base64') }, undefined, 'cursor'],
  ])('400s %s', async (_, query, body, key) => {
    const response = await post(emulator, query, { body });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ key, code: 400, message: expect.any(String) }]);
  });

  it('400s a cursor issued for another sort, saying the cursor is invalid', async () => {
    const { body } = await post(emulator, {});
    const response = await post(emulator, { cursor: body.page.cursor! }, { body: '{"sort":{"order":"asc"}}' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toMatch(/invalid cursor/i);
  });

  it('400s a cursor with a "+" that reached it as a space (not percent-encoded)', async () => {
    const { body } = await post(emulator, {});
    const cursor = body.page.cursor!;
    const mangled = `${cursor.slice(0, 10)} ${cursor.slice(11)}`;
    expect((await post(emulator, { cursor: mangled })).status).toBe(400);
  });
});

describe('soundcharts emulator: limits', () => {
  it('counts the monthly quota down on successes only and 429s when it is used up', async () => {
    const emulator = createSoundchartsEmulator({ size: 500, quota: 2 });
    const first = await post(emulator, {});
    expect(first.headers?.['x-quota-remaining']).toBe('1');
    expect((await post(emulator, { limit: 101 })).headers?.['x-quota-remaining']).toBe('1');
    expect((await post(emulator, {})).headers?.['x-quota-remaining']).toBe('0');
    const over = await post(emulator, {});
    expect(over.status).toBe(429);
    expect(over.body.errors[0].message).not.toMatch(/maximum request count/);
  });

  it('throttles at 5,000 per minute by default, configurable, with the SDK-recognised 429', () => {
    expect(createSoundchartsEmulator().rateLimit).toMatchObject({ limit: 5000, windowMs: 60_000 });
    expect(createSoundchartsEmulator({ rateLimitPerMinute: 120 }).rateLimit?.limit).toBe(120);
    expect(createSoundchartsEmulator({ rateLimitPerMinute: Infinity }).rateLimit).toBeUndefined();
    const reply = createSoundchartsEmulator().rateLimit!.reply(1500);
    expect(reply.status).toBe(429);
    expect(reply.headers).toMatchObject({ 'x-ratelimit-reset': '2', 'retry-after': '2', 'x-quota-remaining': expect.any(String) });
    expect(reply.body).toEqual({ errors: [{ code: 429, message: 'You have reached the maximum request count per minute' }] });
  });

  it('declares the public sandbox credentials and 150 ms latency', () => {
    const emulator = createSoundchartsEmulator();
    expect(emulator.env).toEqual({ SOUNDCHARTS_APP_ID: 'soundcharts', SOUNDCHARTS_API_KEY: 'soundcharts' });
    expect(emulator.latencyMs).toBe(150);
    expect(emulator.name).toBe('soundcharts');
  });
});
