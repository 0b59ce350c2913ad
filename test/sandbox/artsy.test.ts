import { describe, expect, it } from 'vitest';
import { createArtsyEmulator } from '../../sandbox/artsy/emulator.js';
import { duplicates, ORIGIN, send } from './sandbox-request.js';

const AUTH = { 'X-Xapp-Token': 'sandbox-xapp-token' };

async function walk(emulator: ReturnType<typeof createArtsyEmulator>, first: string, name: string, headers = AUTH) {
  const records: any[] = [];
  const bodies: any[] = [];
  let url: string | undefined = first;
  while (url !== undefined) {
    const response = await send(emulator, url, { headers });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    bodies.push(response.body);
    records.push(...response.body._embedded[name]);
    url = response.body._links.next?.href;
    if (url !== undefined) expect(url.startsWith(`${ORIGIN}/api/${name}?`)).toBe(true);
    expect(bodies.length).toBeLessThan(10_000);
  }
  return { records, bodies };
}

describe('artsy emulator', () => {
  it('refuses a missing, wrong or expired token with an auth_error 401', async () => {
    let now = 0;
    const emulator = createArtsyEmulator({ now: () => now, tokenTtlMs: 1000 });
    for (const headers of [{}, { 'X-Xapp-Token': 'nope' }] as Record<string, string>[]) {
      const response = await send(emulator, '/api/artists', { headers });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ type: 'auth_error', message: 'The access token is invalid or has expired.' });
    }
    const issued = await send(emulator, '/api/tokens/xapp_token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_id: 'sandbox-client', client_secret: 'sandbox-secret' }),
    });
    expect(issued.status).toBe(201);
    const expiresAt = new Date(1000).toISOString();
    expect(issued.body).toEqual({ type: 'xapp_token', token: expect.any(String), expires_at: expiresAt });
    const headers = { 'X-XAPP-Token': issued.body.token };
    expect((await send(emulator, '/api/artists', { headers })).status).toBe(200);
    now = 1000;
    expect((await send(emulator, '/api/artists', { headers })).status).toBe(401);
  });

  it('issues tokens for form bodies and query parameters, and answers 406 to other bodies', async () => {
    const emulator = createArtsyEmulator();
    const form = await send(emulator, '/api/tokens/xapp_token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'client_id=sandbox-client&client_secret=sandbox-secret',
    });
    expect(form.status).toBe(201);
    const query = await send(emulator, '/api/tokens/xapp_token?client_id=sandbox-client&client_secret=sandbox-secret', {
      method: 'POST',
    });
    expect(query.status).toBe(201);
    const xml = await send(emulator, '/api/tokens/xapp_token', {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml' },
      body: '<client_id>sandbox-client</client_id>',
    });
    expect(xml.status).toBe(406);
    const wrongSecret = '/api/tokens/xapp_token?client_id=sandbox-client&client_secret=x';
    const wrong = await send(emulator, wrongSecret, { method: 'POST' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.type).toBe('auth_error');
  });

  it('answers 400 param_error to cursor with offset, and to size above 100', async () => {
    const emulator = createArtsyEmulator();
    const both = await send(emulator, '/api/artists?cursor=a%3A000000000000000000000000&offset=10', { headers: AUTH });
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({ type: 'param_error', message: expect.any(String), detail: expect.any(Object) });
    for (const size of ['101', '0', 'five']) {
      const response = await send(emulator, `/api/artists?size=${size}`, { headers: AUTH });
      expect(response.status).toBe(400);
      expect(response.body.type).toBe('param_error');
    }
    const badCursor = await send(emulator, '/api/artists?cursor=nonsense', { headers: AUTH });
    expect(badCursor.status).toBe(400);
    const unknownGene = await send(emulator, '/api/artists?gene_id=000000000000000000000000', { headers: AUTH });
    expect(unknownGene.status).toBe(404);
    expect(unknownGene.body).toEqual({ type: 'other_error', message: 'Gene Not Found' });
    const show = await send(emulator, '/api/artworks?show_id=4ea19ee97bab1a0001001908', { headers: AUTH });
    expect(show.status).toBe(404);
    expect(show.body.message).toBe('Show Not Found');
    const sample = await send(emulator, '/api/artists?sample=1', { headers: AUTH });
    expect(sample.status).toBe(400);
  });

  it('walks _links.next from the default page of 5 to exactly records(), counting only when asked', async () => {
    const emulator = createArtsyEmulator({ size: 400 });
    const { records, bodies } = await walk(emulator, '/api/artists?total_count=1', 'artists');
    const expected = emulator.records('artists');
    expect(duplicates(records.map((artist) => artist.id))).toEqual([]);
    expect(records).toEqual(expected);
    expect(bodies[0]._embedded.artists).toHaveLength(5);
    expect(bodies[0].total_count).toBe(400);
    expect(bodies.at(-1)._links.next).toBeUndefined();
    const next = new URL(bodies[0]._links.next.href);
    expect(next.origin + next.pathname).toBe(`${ORIGIN}/api/artists`);
    expect([...next.searchParams.keys()]).toEqual(['cursor', 'total_count']);
    expect(next.searchParams.get('cursor')).toMatch(/^[a-z0-9-]*:[0-9a-f]{24}$/);
    const uncounted = await send(emulator, '/api/artists', { headers: AUTH });
    expect(uncounted.body.total_count).toBeNull();
  });

  it('keeps filters and size in the next link: artworks by artist, artists by gene', async () => {
    const emulator = createArtsyEmulator();
    const artist = (emulator.records('artworks')[0] as any)._links.artists.href.split('=')[1];
    const artistId = (emulator.records('artists', { artwork_id: artist }) as any[])[0].id;
    const artworks = await walk(emulator, `/api/artworks?artist_id=${artistId}&size=2`, 'artworks');
    expect(artworks.records).toEqual(emulator.records('artworks', { artist_id: artistId }));
    expect(artworks.records.length).toBeGreaterThan(0);
    for (const body of artworks.bodies.slice(0, -1)) {
      expect(body._links.next.href).toContain(`artist_id=${artistId}&size=2`);
    }

    const gene = (emulator.records('genes') as any[])[3].id;
    const artists = await walk(emulator, `/api/artists?gene_id=${gene}&size=7&artworks=true`, 'artists');
    const expected = emulator.records('artists', { gene_id: gene, artworks: 'true' });
    expect(artists.records).toEqual(expected);
    expect(expected.length).toBeLessThan((emulator.records('artists', { gene_id: gene }) as any[]).length);
  });

  it('skips with offset and then pages by cursor', async () => {
    const emulator = createArtsyEmulator();
    const all = emulator.records('genes') as any[];
    const first = await send(emulator, '/api/genes?offset=20&size=10', { headers: AUTH });
    expect(first.body._embedded.genes).toEqual(all.slice(20, 30));
    expect(first.body._links.next.href).toContain('cursor=');
    expect(first.body._links.next.href).not.toContain('offset');
    const rest = await walk(emulator, first.body._links.next.href, 'genes');
    expect(rest.records).toEqual(all.slice(30));
    const past = await send(emulator, `/api/genes?offset=${all.length}`, { headers: AUTH });
    expect(past.body._embedded.genes).toEqual([]);
    expect(past.body._links.next).toBeUndefined();
  });

  it('walks 6,000 artworks at size 100 to exactly records()', async () => {
    const emulator = createArtsyEmulator();
    const { records, bodies } = await walk(emulator, '/api/artworks?size=100', 'artworks');
    expect(records.length).toBe(6000);
    expect(bodies).toHaveLength(60);
    expect(records).toEqual(emulator.records('artworks'));
  });

  it('declares 5 requests per second, or the benchmark ceiling, with a 429 other_error', () => {
    const limit = createArtsyEmulator().rateLimit!;
    expect(limit).toMatchObject({ limit: 5, windowMs: 1000 });
    const reply = limit.reply(250);
    expect(reply.status).toBe(429);
    expect(reply.body).toEqual({ type: 'other_error', message: 'Rate limit exceeded' });
    expect(reply.headers?.['retry-after']).toBe('1');
    const raised = createArtsyEmulator({ rateLimitPerMinute: 6000 }).rateLimit;
    expect(raised).toMatchObject({ limit: 6000, windowMs: 60_000 });
  });

  it('is deterministic for a seed', () => {
    const one = createArtsyEmulator({ seed: 3, size: 100 }).records('artists');
    expect(createArtsyEmulator({ seed: 3, size: 100 }).records('artists')).toEqual(one);
    expect(createArtsyEmulator({ seed: 4, size: 100 }).records('artists')).not.toEqual(one);
  });
});
