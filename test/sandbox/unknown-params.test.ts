/**
 * Real APIs ignore query parameters they do not know, so a profile that sends a parameter under
 * the wrong name gets the page it would have got without it (and then loops, which the repeat
 * guard catches). Every emulator must do the same: extra parameters change nothing.
 */
import { describe, expect, it } from 'vitest';
import { createEmulator, type EmulatorName } from '../../sandbox/registry.js';
import { send } from './sandbox-request.js';

const EXTRA = 'foo=bar&page=7&per_page=3&since_id=1&starting_after=x&after=y&_page=2';

/** One page as a test compares it: the body parsed (soundcharts pre-encodes its bodies), links removed. */
async function page(name: EmulatorName, path: string, init: { method?: string; body?: string; headers: Record<string, string> }) {
  const response = await send(createEmulator(name), path, init);
  const body = typeof response.body === 'string' ? JSON.parse(response.body) : response.body;
  return { status: response.status, body };
}

const withoutLinks = (body: any) => {
  const { _links, next_href, ...rest } = body;
  return rest;
};

describe('every emulator ignores unknown query parameters, as the real APIs do', () => {
  it('soundcharts (POST /api/v2/top/artists), unknown body keys too', async () => {
    const headers = { 'x-app-id': 'soundcharts', 'x-api-key': 'soundcharts', 'content-type': 'application/json' };
    const body = JSON.stringify({ sort: { platform: 'spotify', metricType: 'followers', period: 'month', sortBy: 'total', order: 'desc' } });
    const plain = await page('soundcharts', '/api/v2/top/artists?offset=100&limit=20', { method: 'POST', body, headers });
    expect(plain.status).toBe(200);
    expect(plain.body.items).toHaveLength(20);
    const extra = await page('soundcharts', `/api/v2/top/artists?offset=100&limit=20&${EXTRA}`, {
      method: 'POST',
      body: JSON.stringify({ ...JSON.parse(body), page: 3, unknown: true }),
      headers,
    });
    expect(extra.status).toBe(200);
    // next and previous echo the request's query string, unknown names included, as links do.
    const unlinked = (body: any) => ({ ...body, page: { ...body.page, next: undefined, previous: undefined } });
    expect(unlinked(extra.body)).toEqual(unlinked(plain.body));
  });

  it('soundcloud (GET /users/{urn}/tracks)', async () => {
    const headers = { authorization: 'OAuth sandbox-oauth-token' };
    const path = '/users/soundcloud%3Ausers%3A948745750/tracks?linked_partitioning=true&limit=10';
    const plain = await page('soundcloud', path, { headers });
    expect(plain.status).toBe(200);
    expect(plain.body.collection.length).toBeGreaterThan(0);
    const extra = await page('soundcloud', `${path}&${EXTRA}`, { headers });
    expect(extra.status).toBe(200);
    expect(withoutLinks(extra.body)).toEqual(withoutLinks(plain.body));
    expect(new URL(extra.body.next_href).searchParams.get('cursor')).toBe(new URL(plain.body.next_href).searchParams.get('cursor'));
  });

  it('artsy (GET /api/artists)', async () => {
    const headers = { 'x-xapp-token': 'sandbox-xapp-token' };
    const plain = await page('artsy', '/api/artists?size=10&total_count=1', { headers });
    expect(plain.status).toBe(200);
    expect(plain.body._embedded.artists).toHaveLength(10);
    const extra = await page('artsy', `/api/artists?size=10&total_count=1&${EXTRA}`, { headers });
    expect(extra.status).toBe(200);
    expect(withoutLinks(extra.body)).toEqual(withoutLinks(plain.body));
    const cursorOf = (body: any) => new URL(body._links.next.href).searchParams.get('cursor');
    expect(cursorOf(extra.body)).toBe(cursorOf(plain.body));
  });

  it('podchaser (POST /graphql): query parameters, unknown body keys and undeclared variables', async () => {
    const headers = { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' };
    const query = 'query($first: Int) { podcasts(first: $first, paginationType: CURSOR) { data { id } cursorInfo { nextCursor } } }';
    const plain = await page('podchaser', '/graphql', { method: 'POST', body: JSON.stringify({ query, variables: { first: 5 } }), headers });
    expect(plain.status).toBe(200);
    expect(plain.body.data.podcasts.data).toHaveLength(5);
    const body = JSON.stringify({ query, variables: { first: 5, cursor: 'x', page: 2 }, extensions: {}, page: 2 });
    const extra = await page('podchaser', `/graphql?${EXTRA}`, { method: 'POST', body, headers });
    expect(extra.status).toBe(200);
    const firstIds = (response: typeof plain) => response.body.data.podcasts.data.map((podcast: { id: string }) => podcast.id);
    expect(firstIds(extra)).toEqual(firstIds(plain));
  });

  it('starting-at (GET /items)', async () => {
    const headers = { authorization: 'Bearer sandbox-token' };
    const plain = await page('starting-at', '/items?limit=10', { headers });
    expect(plain.status).toBe(200);
    expect(plain.body.items).toHaveLength(10);
    const extra = await page('starting-at', `/items?limit=10&${EXTRA}&cursor=${encodeURIComponent(plain.body.cursor.starting_at)}`, { headers });
    expect(extra).toEqual(plain);
  });
});
