import { describe, expect, it } from 'vitest';
import { createSoundchartsEmulator } from '../../sandbox/soundcharts/emulator.js';

const AUTH = { 'x-app-id': 'soundcharts', 'x-api-key': 'soundcharts' };
type Body = { related: { uuid: string }; items: Array<{ uuid: string; name: string; releaseDate: string }>; page: { offset: number; limit: number; total: number; next: string | null; previous: string | null }; errors: Array<{ key?: string; message: string }> };

const emulator = createSoundchartsEmulator({ size: 2000 });
const get = async (uuid: string, query: Record<string, string | number> = {}, method = 'GET') => {
  const response = await emulator.handle({
    method,
    path: `/api/v2.21/artist/${encodeURIComponent(uuid)}/songs`,
    query: new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])),
    headers: AUTH,
    rawBody: '',
    origin: 'http://127.0.0.1:4010',
  });
  return { status: response.status, body: response.body as Body };
};
const artists = (emulator.records('artists', {}) as Array<{ artist: { uuid: string } }>).map((item) => item.artist.uuid);

describe('soundcharts sandbox: an artist’s songs', () => {
  it('pages by offset and limit with the total, the artist as related, and next/previous links', async () => {
    const uuid = artists.find((candidate) => emulator.records('artist-songs', { uuid: candidate }).length > 150) as string;
    const all = emulator.records('artist-songs', { uuid }) as Body['items'];
    const first = await get(uuid, { offset: 0, limit: 100 });
    expect(first.status).toBe(200);
    expect(first.body.related.uuid).toBe(uuid);
    expect(first.body.page).toMatchObject({ offset: 0, limit: 100, total: all.length, previous: null });
    expect(first.body.page.next).toMatch(/offset=100&limit=100/);
    const second = await get(uuid, { offset: 100, limit: 100 });
    expect([...first.body.items, ...second.body.items]).toEqual(all.slice(0, 200));
    // Newest first by default.
    expect(all.map((song) => song.releaseDate)).toEqual(all.map((song) => song.releaseDate).toSorted().reverse());
  });

  it('sorts by name ascending and filters by main performer, the same on every request', async () => {
    const uuid = artists[3];
    const byName = (await get(uuid, { sortBy: 'name', sortOrder: 'asc', limit: 100 })).body.items.map((song) => song.name);
    expect(byName).toEqual(byName.toSorted());
    const main = emulator.records('artist-songs', { uuid, mainPerformer: '1' });
    const featuring = emulator.records('artist-songs', { uuid, mainPerformer: '0' });
    expect(main.length + featuring.length).toBe(emulator.records('artist-songs', { uuid }).length);
  });

  it('answers 404 for an unknown artist and 400 for a bad parameter', async () => {
    const unknown = await get('11e81bcc-9c1c-ce38-b96b-a0369fe50396');
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].message).toBe('Artist not found');
    expect((await get(artists[0], { limit: 101 })).status).toBe(400);
    expect((await get(artists[0], { sortBy: 'popularity' })).body.errors[0]).toMatchObject({ key: 'sortBy' });
    expect((await get(artists[0], {}, 'POST')).status).toBe(405);
  });
});
