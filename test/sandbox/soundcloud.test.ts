import { describe, expect, it } from 'vitest';
import { createSoundcloudEmulator } from '../../sandbox/soundcloud/emulator.js';
import { duplicates, ORIGIN, send } from './sandbox-request.js';

const AUTH = { Authorization: 'OAuth sandbox-oauth-token' };
const AUTHED = { headers: AUTH };
const BIG = 'soundcloud%3Ausers%3A948745750';

interface Walk {
  records: any[];
  pages: { size: number; next?: string }[];
}

async function walk(emulator = createSoundcloudEmulator(), first: string, headers = AUTH): Promise<Walk> {
  const walked: Walk = { records: [], pages: [] };
  let url: string | undefined = first;
  while (url !== undefined) {
    const response = await send(emulator, url, { headers });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const next: string | undefined = response.body.next_href ?? undefined;
    walked.records.push(...response.body.collection);
    walked.pages.push({ size: response.body.collection.length, next });
    if (next !== undefined) expect(next.startsWith(`${ORIGIN}/`)).toBe(true);
    url = next;
    expect(walked.pages.length).toBeLessThan(10_000);
  }
  return walked;
}

describe('soundcloud emulator', () => {
  it('refuses a missing or wrong token with a {code, message, link} 401', async () => {
    const emulator = createSoundcloudEmulator();
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'OAuth nope' },
      { Authorization: 'Bearer sandbox-oauth-token' },
    ];
    for (const headers of attempts) {
      const response = await send(emulator, `/users/${BIG}/tracks?linked_partitioning=true`, { headers });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 401, message: expect.any(String), link: expect.any(String) });
    }
  });

  it('answers 400 for a limit outside 1..200 and 404 for an unknown user', async () => {
    const emulator = createSoundcloudEmulator();
    for (const limit of ['0', '201', 'ten']) {
      const response = await send(emulator, `/users/${BIG}/tracks?linked_partitioning=true&limit=${limit}`, AUTHED);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe(400);
    }
    const unknown = await send(emulator, '/users/soundcloud%3Ausers%3A1/tracks', { headers: AUTH });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 404, link: expect.any(String) });
  });

  it('accepts the URN raw or encoded, and the deprecated numeric id, with the same result', async () => {
    const emulator = createSoundcloudEmulator();
    const bodies = [];
    for (const user of [BIG, 'soundcloud:users:948745750', '948745750']) {
      const response = await send(emulator, `/users/${user}/tracks?linked_partitioning=true&limit=20`, AUTHED);
      expect(response.status).toBe(200);
      bodies.push(response.body.collection);
    }
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it('walks next_href through short and empty pages to exactly records()', async () => {
    const emulator = createSoundcloudEmulator();
    const walked = await walk(emulator, `/users/${BIG}/tracks?linked_partitioning=true`);
    const expected = emulator.records('user-tracks', { user: 'soundcloud:users:948745750' });
    expect(duplicates(walked.records.map((track) => track.id))).toEqual([]);
    expect(walked.records.map((track) => track.id)).toEqual(expected.map((track: any) => track.id));
    expect(walked.records).toEqual(expected);
    expect(expected.length).toBeGreaterThan(1500);
    const middle = walked.pages.slice(0, -1);
    const emptyWithNext = middle.some((page) => page.size === 0 && page.next !== undefined);
    expect(emptyWithNext, 'an empty page that still has next_href').toBe(true);
    expect(middle.some((page) => page.size > 0 && page.size < 50), 'a short page with next_href').toBe(true);
    expect(walked.pages.at(-1)?.next).toBeUndefined();
    expect(walked.pages[0].next).toMatch(/[?&]page_size=50&cursor=\d{4}-\d\d-\d\dT[\d:.]+Z,tracks,\d{11}/);
  });

  it('sorts by created_at then id, newest first by default', async () => {
    const emulator = createSoundcloudEmulator();
    const tracks = emulator.records('user-tracks') as any[];
    const keys = tracks.map((track) => `${track.created_at} ${String(track.id).padStart(11, '0')}`);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(new Set(tracks.map((track) => track.created_at)).size).toBeLessThan(tracks.length);
  });

  it('keeps access and sort in next_href, and blocked tracks come only when asked for', async () => {
    const emulator = createSoundcloudEmulator();
    const query = 'access=playable%2Cpreview%2Cblocked&sort=asc&limit=200&linked_partitioning=true';
    const walked = await walk(emulator, `/users/${BIG}/tracks?${query}`);
    expect(walked.pages.some((page) => page.size === 0 && page.next !== undefined), 'empty page at limit 200').toBe(true);
    expect(walked.pages[0].next).toContain('access=playable,preview,blocked');
    expect(walked.pages[0].next).toContain('sort=asc');
    const params = { user: '948745750', access: 'playable,preview,blocked', sort: 'asc' };
    expect(walked.records).toEqual(emulator.records('user-tracks', params));
    const blocked = walked.records.filter((track) => track.access === 'blocked');
    expect(blocked.length).toBeGreaterThan(0);
    const byDefault = emulator.records('user-tracks') as any[];
    expect(byDefault.some((track) => track.access === 'blocked')).toBe(false);
    expect(walked.records.length).toBe(byDefault.length + blocked.length);
  });

  it('walks playlists and /me with page_size, and an empty user ends at once', async () => {
    const emulator = createSoundcloudEmulator();
    const playlists = await walk(emulator, `/users/${BIG}/playlists?linked_partitioning=true&page_size=7`);
    expect(playlists.records).toEqual(emulator.records('user-playlists'));
    // show_tracks defaults to true: every playlist comes with its tracks, and some have tracks.
    expect(playlists.records.every((playlist) => Array.isArray(playlist.tracks))).toBe(true);
    expect(playlists.records.some((playlist) => playlist.tracks.length > 0)).toBe(true);
    const mine = await walk(emulator, '/me/tracks?linked_partitioning=true&limit=13');
    expect(mine.records).toEqual(emulator.records('my-tracks'));
    const myPlaylists = await walk(emulator, '/me/playlists?linked_partitioning=true&show_tracks=false');
    expect(myPlaylists.records).toEqual(emulator.records('my-playlists', { show_tracks: 'false' }));
    expect(myPlaylists.records[0].tracks).toBeUndefined();
    const empty = await walk(emulator, '/users/soundcloud%3Ausers%3A5550002/tracks?linked_partitioning=true');
    expect(empty.pages).toEqual([{ size: 0, next: undefined }]);
  });

  it('embeds playlists\' tracks unless show_tracks=false, the API\'s default', async () => {
    const emulator = createSoundcloudEmulator();
    const page = async (query: string) => (await send(emulator, `/users/${BIG}/playlists?linked_partitioning=true&limit=5${query}`, AUTHED)).body.collection;
    const byDefault = await page('');
    expect(byDefault.length).toBeGreaterThan(0);
    expect(byDefault.every((playlist: any) => Array.isArray(playlist.tracks))).toBe(true);
    expect(await page('&show_tracks=true')).toEqual(byDefault);
    const bare = await page('&show_tracks=false');
    expect(bare.every((playlist: any) => playlist.tracks === undefined)).toBe(true);
    expect(emulator.records('user-playlists')).toEqual(emulator.records('user-playlists', { show_tracks: 'true' }));
  });

  it('returns a bare array without linked_partitioning (deprecated)', async () => {
    const emulator = createSoundcloudEmulator();
    const response = await send(emulator, `/users/${BIG}/tracks?limit=10`, { headers: AUTH });
    expect(Array.isArray(response.body)).toBe(true);
    expect(response.body.length).toBeLessThanOrEqual(10);
  });

  it('rejects a malformed cursor with 400', async () => {
    const emulator = createSoundcloudEmulator();
    const response = await send(emulator, `/users/${BIG}/tracks?linked_partitioning=true&cursor=garbage`, AUTHED);
    expect(response.status).toBe(400);
  });

  it('issues client-credentials tokens that expire on the injected clock', async () => {
    let now = 1_000_000;
    const emulator = createSoundcloudEmulator({ now: () => now, tokenTtlMs: 60_000 });
    const basic = `Basic ${Buffer.from('sandbox-client:sandbox-secret').toString('base64')}`;
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic };
    const grant = { method: 'POST', headers: form, body: 'grant_type=client_credentials' };
    const token = await send(emulator, '/oauth/token', grant);
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'bearer', expires_in: 59, refresh_token: expect.any(String) });
    const headers = { Authorization: `OAuth ${token.body.access_token}` };
    expect((await send(emulator, `/users/${BIG}/tracks`, { headers })).status).toBe(200);
    now += 60_000;
    const expired = await send(emulator, `/users/${BIG}/tracks`, { headers });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/expired/);

    const refresh = `grant_type=refresh_token&refresh_token=${token.body.refresh_token}`;
    expect((await send(emulator, '/oauth/token', { method: 'POST', headers: form, body: refresh })).status).toBe(200);
    expect((await send(emulator, '/oauth/token', { method: 'POST', headers: form, body: refresh })).status).toBe(400);

    const wrong = `Basic ${Buffer.from('sandbox-client:nope').toString('base64')}`;
    const refused = await send(emulator, '/oauth/token', {
      method: 'POST',
      headers: { ...form, Authorization: wrong },
      body: 'grant_type=client_credentials',
    });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_client');
  });

  it('throttles client-credentials grants per app', async () => {
    const emulator = createSoundcloudEmulator({ tokenIssueLimit: { limit: 2, windowMs: 60_000 } });
    const body = 'grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret';
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const post = () => send(emulator, '/oauth/token', { method: 'POST', headers, body });
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    const throttled = await post();
    expect(throttled.status).toBe(429);
    expect(throttled.headers?.['retry-after']).toBeDefined();
  });

  it('is deterministic for a seed and scales with size', () => {
    const one = createSoundcloudEmulator({ seed: 7, size: 300 }).records('user-tracks');
    expect(createSoundcloudEmulator({ seed: 7, size: 300 }).records('user-tracks')).toEqual(one);
    expect(createSoundcloudEmulator({ seed: 8, size: 300 }).records('user-tracks')).not.toEqual(one);
    expect(one.length).toBeLessThan(300);
  });
});

describe('soundcloud sandbox: a user’s followings', () => {
  it('lists the other sandbox users, newest follow first, paged by next_href', async () => {
    const { createSoundcloudEmulator } = await import('../../sandbox/soundcloud/emulator.js');
    const emulator = createSoundcloudEmulator();
    const all = emulator.records('user-followings', { user: 'soundcloud:users:948745750' }) as Array<{ kind: string; urn: string }>;
    expect(all).toHaveLength(4);
    expect(all.every((user) => user.kind === 'user' && user.urn !== 'soundcloud:users:948745750')).toBe(true);
    const request = (query: string) =>
      emulator.handle({ method: 'GET', path: '/users/soundcloud%3Ausers%3A948745750/followings', query: new URLSearchParams(query), headers: { authorization: 'OAuth sandbox-oauth-token' }, rawBody: '', origin: 'http://127.0.0.1:4010' });
    const first = (await request('linked_partitioning=true&limit=3')) as { status: number; body: { collection: unknown[]; next_href?: string } };
    expect(first.body.collection).toEqual(all.slice(0, 3));
    const next = new URL(first.body.next_href as string);
    const second = (await request(next.search.slice(1))) as { body: { collection: unknown[]; next_href?: string } };
    expect(second.body.collection).toEqual(all.slice(3));
    expect(second.body.next_href).toBeUndefined();
  });
});
