import { afterEach, describe, expect, it } from 'vitest';
import { isPaginateError } from '../../src/errors.js';
import { createEmulator, EMULATORS, startSandbox } from '../../sandbox/registry.js';
import type { SandboxServer } from '../../sandbox/server/server.js';

const servers: SandboxServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('registry', () => {
  it('knows the five profiles and builds each one', () => {
    expect([...EMULATORS].sort()).toEqual(['artsy', 'podchaser', 'soundcharts', 'soundcloud', 'starting-at']);
    for (const name of EMULATORS) expect(createEmulator(name, { size: 10 }).name).toBe(name);
  });

  it('refuses an unknown name with a usage error listing the valid ones', () => {
    try {
      createEmulator('myspace');
      expect.unreachable();
    } catch (error) {
      expect(isPaginateError(error) && error.exitCode).toBe(2);
      expect((error as Error).message).toMatch(/soundcharts/);
    }
  });

  it('serves soundcharts over HTTP: percent-encoded cursors, then the per-minute 429', async () => {
    const server = await startSandbox('soundcharts', { latencyMs: 0, size: 3000, rateLimitPerMinute: 3 });
    servers.push(server);
    const headers = { 'x-app-id': server.emulator.env.SOUNDCHARTS_APP_ID, 'x-api-key': server.emulator.env.SOUNDCHARTS_API_KEY };
    const post = (query: string) => fetch(`${server.url}/api/v2/top/artists?${query}`, { method: 'POST', headers });
    const first = await (await post('offset=0&limit=100')).json();
    const query = new URLSearchParams({ offset: '0', limit: '100', cursor: first.page.cursor });
    const second = await (await post(query.toString())).json();
    const expected = server.emulator.records('artists').slice(100, 200);
    expect(second.items).toEqual(expected);
    expect((await post('limit=1')).status).toBe(200);
    const limited = await post('limit=1');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('x-ratelimit-reset')).toBe(limited.headers.get('retry-after'));
    expect(server.stats.statuses).toEqual({ 200: 3, 429: 1 });
  });

  it('serves starting-at over HTTP: a full walk equals records()', async () => {
    const server = await startSandbox('starting-at', { latencyMs: 0, size: 250 });
    servers.push(server);
    const items: unknown[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `${server.url}/items?limit=100${cursor ? `&starting_at=${encodeURIComponent(cursor)}` : ''}`;
      const page: { items: unknown[]; cursor: { starting_at: string | null } } = await (await fetch(url, { headers: { authorization: `Bearer ${server.emulator.env.STARTING_AT_TOKEN}` } })).json();
      items.push(...page.items);
      cursor = page.cursor.starting_at;
    } while (cursor && server.stats.requests < 10);
    expect(items).toEqual(server.emulator.records('items'));
    expect(server.stats.requests).toBe(4);
  });
});
