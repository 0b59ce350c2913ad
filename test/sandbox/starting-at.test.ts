import { describe, expect, it } from 'vitest';
import { createStartingAtEmulator } from '../../sandbox/starting-at/emulator.js';
import type { Emulator } from '../../sandbox/server/types.js';

const AUTH = { authorization: 'Bearer sandbox-token' };

interface Page {
  items: { id: string; created_at: string }[];
  cursor: { starting_at: string | null; previous: string | null };
  error?: string;
}

async function get(emulator: Emulator, query: Record<string, string | number>, headers: Record<string, string> = AUTH) {
  const response = await emulator.handle({
    method: 'GET',
    path: '/items',
    query: new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])),
    headers,
    rawBody: '',
    origin: 'http://127.0.0.1:4010',
  });
  return response as { status: number; body: Page };
}

const decode = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));

describe('starting-at emulator', () => {
  const emulator = createStartingAtEmulator({ size: 1000 });

  it('a cursor walk returns records() exactly, ending with one empty page', async () => {
    const items: unknown[] = [];
    const pages: Page[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const response = await get(emulator, { limit: 100, ...(cursor && { starting_at: cursor }) });
      expect(response.status).toBe(200);
      pages.push(response.body);
      items.push(...response.body.items);
      cursor = response.body.cursor.starting_at;
      if (cursor === null) break;
    }
    expect(pages).toHaveLength(11);
    expect(pages[9].items).toHaveLength(100);
    expect(pages[9].cursor.starting_at, 'the last full page still carries a cursor').not.toBeNull();
    expect(pages[10].items).toEqual([]);
    expect(items).toEqual(emulator.records('items'));
    expect(new Set(items.map((item) => (item as { id: string }).id)).size).toBe(1000);
  });

  it('orders by created_at then id, with real ties on created_at', () => {
    const items = emulator.records('items') as Page['items'];
    let ties = 0;
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1], items[i]];
      expect(a.created_at <= b.created_at).toBe(true);
      if (a.created_at === b.created_at) {
        ties++;
        expect(Number(a.id)).toBeLessThan(Number(b.id));
      }
    }
    expect(ties).toBeGreaterThan(10);
  });

  it('encodes the cursor as base64 JSON {last_id, last_value} of the page\'s last item', async () => {
    const { body } = await get(emulator, { limit: 10 });
    const last = body.items[9];
    expect(decode(body.cursor.starting_at!)).toEqual({ last_id: last.id, last_value: last.created_at });
    expect(body.cursor.previous).toBeNull();
  });

  it('gives a previous cursor that goes back one page once past the first', async () => {
    const first = await get(emulator, { limit: 10 });
    const second = await get(emulator, { limit: 10, starting_at: first.body.cursor.starting_at! });
    const third = await get(emulator, { limit: 10, starting_at: second.body.cursor.starting_at! });
    const back = await get(emulator, { limit: 10, starting_at: third.body.cursor.previous! });
    expect(back.body.items).toEqual(second.body.items);
    const start = await get(emulator, { limit: 10, starting_at: second.body.cursor.previous! });
    expect(start.body.items).toEqual(first.body.items);
  });

  it('defaults to 25 items and rejects limits outside 1..100', async () => {
    expect((await get(emulator, {})).body.items).toHaveLength(25);
    for (const limit of [0, 101, 'ten']) {
      const response = await get(emulator, { limit });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: expect.stringMatching(/limit/) });
    }
  });

  it('ignores unknown parameters like a real server: a cursor sent as cursor= gets page 1 again', async () => {
    const first = await get(emulator, { limit: 10 });
    const wrongName = await get(emulator, { limit: 10, cursor: first.body.cursor.starting_at!, page: 2, foo: 'bar' });
    expect(wrongName.status).toBe(200);
    expect(wrongName.body).toEqual(first.body);
    const rightName = await get(emulator, { limit: 10, starting_at: first.body.cursor.starting_at! });
    expect(rightName.body.items[0]).toEqual(emulator.records('items')[10]);
  });

  it('rejects a cursor that is not one of ours', async () => {
    const bad = ['%%%', Buffer.from('{"x":1}').toString('base64'), Buffer.from('[1,2]').toString('base64')];
    for (const cursor of bad) {
      const response = await get(emulator, { starting_at: cursor });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatch(/cursor/i);
    }
  });

  it('401s without the bearer token, 404s other paths', async () => {
    expect((await get(emulator, {}, {})).status).toBe(401);
    expect((await get(emulator, {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    const other = await emulator.handle({ method: 'GET', path: '/users', query: new URLSearchParams(), headers: AUTH, rawBody: '', origin: '' });
    expect(other.status).toBe(404);
  });

  it('has 12,345 items, 20 ms latency and no rate limit by default', () => {
    const standard = createStartingAtEmulator();
    expect(standard.records('items')).toHaveLength(12_345);
    expect(standard.latencyMs).toBe(20);
    expect(standard.rateLimit).toBeUndefined();
    expect(standard.env).toEqual({ STARTING_AT_TOKEN: 'sandbox-token' });
    expect(createStartingAtEmulator({ rateLimitPerMinute: 60 }).rateLimit?.limit).toBe(60);
  });
});
