import { describe, expect, it } from 'vitest';
import { createPodchaserEmulator } from '../../sandbox/podchaser/emulator.js';
import { loadProfile } from '../../src/profile/load.js';
import { duplicates, send } from './sandbox-request.js';

const AUTH = { Authorization: 'Bearer sandbox-token', 'Content-Type': 'application/json' };
const QUERY = `query($first: Int, $cursor: String) {
  podcasts(first: $first, cursor: $cursor, paginationType: CURSOR,
           sort: {sortBy: FOLLOWER_COUNT, direction: DESCENDING}) {
    data { id title }
    cursorInfo { total nextCursor cursorRefreshed }
  }
}`;
const ALL_FIELDS = `id title description url imageUrl rssUrl language numberOfEpisodes avgEpisodeLength
  ratingAverage ratingCount isExplicit startDate latestEpisodeDate powerScore author { name } categories { title slug }`;
/** Podchaser's PodcastSortType, from its live schema (introspected). */
const PODCAST_SORT_TYPE = [
  'ALPHABETICAL', 'RELEVANCE', 'TRENDING', 'RATING', 'DATE_OF_FIRST_EPISODE', 'LATEST_EPISODE', 'FOLLOWER_COUNT',
  'POWER_SCORE', 'AUDIENCE_ESTIMATE', 'EPISODE_AUDIENCE_ESTIMATE', 'YOUTUBE_REACH_ESTIMATE', 'TOTAL_REACH_ESTIMATE',
  'SPONSORED_EPISODE_COUNT', 'EPISODE_COUNT', 'AGE', 'TOP_COUNTRY', 'LATEST_SPONSORED_EPISODE',
];

type Podchaser = ReturnType<typeof createPodchaserEmulator>;

const post = (
  emulator: Podchaser,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = AUTH,
) =>
  send(emulator, '/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });

async function walk(emulator: Podchaser, query = QUERY, variables: Record<string, unknown> = { first: 100 }) {
  const records: any[] = [];
  const pages: any[] = [];
  let cursor: string | null = null;
  do {
    const response = await post(emulator, query, { ...variables, cursor });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const podcasts = response.body.data.podcasts;
    records.push(...podcasts.data);
    pages.push(podcasts.cursorInfo);
    cursor = podcasts.cursorInfo.nextCursor;
    expect(pages.length).toBeLessThan(10_000);
  } while (cursor !== null);
  return { records, pages };
}

const decode = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));

describe('podchaser emulator', () => {
  it('refuses a missing or wrong bearer token with a 401 "Unauthenticated."', async () => {
    const emulator = createPodchaserEmulator();
    for (const headers of [{ 'Content-Type': 'application/json' }, { ...AUTH, Authorization: 'Bearer nope' }]) {
      const response = await post(emulator, QUERY, { first: 1 }, headers);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ errors: [{ message: 'Unauthenticated.' }] });
    }
  });

  it('walks nextCursor to exactly records() with the selected fields, and reports points', async () => {
    const emulator = createPodchaserEmulator();
    const first = await post(emulator, QUERY, { first: 100 });
    expect(first.headers).toMatchObject({ 'x-podchaser-query-cost': String(1 + 100 * 2) });
    expect(Number(first.headers?.['x-podchaser-points-remaining'])).toBe(100_000_000 - 201);
    expect(decode(first.body.data.podcasts.cursorInfo.nextCursor)).toEqual({
      sort: [expect.any(Number), expect.any(Number)],
      pit_id: expect.any(String),
    });
    const { records, pages } = await walk(emulator);
    expect(duplicates(records.map((podcast) => podcast.id))).toEqual([]);
    const params = { sortBy: 'FOLLOWER_COUNT', direction: 'DESCENDING', fields: 'id,title' };
    expect(records).toEqual(emulator.records('podcasts', params));
    expect(records).toHaveLength(2500);
    expect(pages.every((page) => page.total === 2500 && page.cursorRefreshed === false)).toBe(true);
    expect(pages.at(-1).nextCursor).toBeNull();
  });

  it('returns whole records, aliases and __typename, ascending by rating with nulls last', async () => {
    const emulator = createPodchaserEmulator({ size: 300 });
    const query = `query Walk($first: Int = 7, $cursor: String) {
      podcasts(first: $first, cursor: $cursor, paginationType: CURSOR, sort: {sortBy: RATING, direction: ASCENDING}) {
        data { ${ALL_FIELDS} }
        cursorInfo { nextCursor }
      }
    }`;
    const { records } = await walk(emulator, query, {});
    const expected = emulator.records('podcasts', { sortBy: 'RATING', direction: 'ASCENDING' }) as any[];
    expect(records).toEqual(expected);
    const ratings = expected.map((podcast) => podcast.ratingAverage);
    expect(ratings.indexOf(null)).toBe(ratings.filter((rating) => rating !== null).length);
    const aliased = await post(emulator, '{ __typename top: podcasts(first: 2) { data { name: title __typename } } }');
    expect(aliased.body.data.__typename).toBe('Query');
    expect(Object.keys(aliased.body.data.top.data[0])).toEqual(['name', '__typename']);
  });

  it('the profile offers exactly the PodcastSortType values', () => {
    const profile = loadProfile({ name: 'podchaser' }, { PAGINATE_PROFILES: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent' }).profile;
    expect([...(profile.endpoints.podcasts.filters['sort-by'].enum ?? [])].sort()).toEqual([...PODCAST_SORT_TYPE].sort());
    expect(profile.endpoints.podcasts.pagination.page_size?.max).toBe(100);
  });

  it('walks every PodcastSortType value, both ways, to exactly records()', async () => {
    const emulator = createPodchaserEmulator({ size: 150 });
    const query = `query($cursor: String, $sort: PodcastSort) {
      podcasts(first: 17, cursor: $cursor, paginationType: CURSOR, sort: $sort) { data { id } cursorInfo { nextCursor } }
    }`;
    for (const sortBy of PODCAST_SORT_TYPE) {
      for (const direction of ['ASCENDING', 'DESCENDING']) {
        const { records } = await walk(emulator, query, { sort: { sortBy, direction } });
        expect(records, `${sortBy} ${direction}`).toEqual(emulator.records('podcasts', { sortBy, direction, fields: 'id' }));
      }
    }
  });

  it('answers GraphQL errors in a 200 for first above 100, bad cursors and bad fields', async () => {
    const emulator = createPodchaserEmulator();
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [QUERY, { first: 101 }, /first/],
      [QUERY, { first: 0 }, /first/],
      [QUERY, { first: 10, cursor: 'not a cursor' }, /cursor is invalid/],
      [QUERY, { first: 10, cursor: Buffer.from('{"sort":["a",1],"pit_id":"x"}').toString('base64') }, /cursor is/],
      ['{ podcasts(first: 1) { data { nope } } }', {}, /Cannot query field "nope" on type "Podcast"/],
      ['{ podcasts(first: 1) { data { categories } } }', {}, /must have a selection/],
      ['{ podcasts(first: 1) { data { id }', {}, /Syntax Error/],
      ['{ episodes { id } }', {}, /Cannot query field "episodes" on type "Query"/],
      ['mutation { podcasts { data { id } } }', {}, /not supported/],
      ['{ podcasts(first: 1, searchTerm: "x") { data { id } } }', {}, /not supported/],
      ['{ podcasts(first: 1, sort: {sortBy: LOUDNESS}) { data { id } } }', {}, /PodcastSortType/],
      ['{ podcasts(first: 1, sort: {sortBy: TITLE}) { data { id } } }', {}, /^Value "TITLE" does not exist in "PodcastSortType" enum\.$/],
      ['query($sort: PodcastSort) { podcasts(first: 1, sort: $sort) { data { id } } }', { sort: { sortBy: 'DATE_OF_LATEST_EPISODE' } }, /"DATE_OF_LATEST_EPISODE" does not exist in "PodcastSortType" enum/],
      ['{ podcasts(first: 1, sort: {sortBy: ALPHABETICAL, direction: UP}) { data { id } } }', {}, /"UP" does not exist in "SortDirection" enum/],
    ];
    for (const [query, variables, message] of cases) {
      const response = await post(emulator, query, variables);
      expect(response.status, query).toBe(200);
      expect(response.body.data, query).toBeNull();
      expect(response.body.errors[0].message, query).toMatch(message);
    }
  });

  it('refreshes an expired snapshot: same position, new pit_id, cursorRefreshed true', async () => {
    let now = 0;
    const emulator = createPodchaserEmulator({ now: () => now, size: 100 });
    const page1 = (await post(emulator, QUERY, { first: 10 })).body.data.podcasts;
    now += 60_000;
    const page2 = (await post(emulator, QUERY, { first: 10, cursor: page1.cursorInfo.nextCursor })).body.data.podcasts;
    expect(page2.cursorInfo.cursorRefreshed).toBe(false);
    now += 60_001;
    const page3 = (await post(emulator, QUERY, { first: 10, cursor: page2.cursorInfo.nextCursor })).body.data.podcasts;
    expect(page3.cursorInfo.cursorRefreshed).toBe(true);
    expect(decode(page3.cursorInfo.nextCursor).pit_id).not.toBe(decode(page2.cursorInfo.nextCursor).pit_id);
    const page4 = (await post(emulator, QUERY, { first: 10, cursor: page3.cursorInfo.nextCursor })).body.data.podcasts;
    expect(page4.cursorInfo.cursorRefreshed).toBe(false);
    const expected = emulator.records('podcasts', { fields: 'id,title' });
    expect([...page1.data, ...page2.data, ...page3.data, ...page4.data]).toEqual(expected.slice(0, 40));
  });

  it('can lose records on refresh when refreshSkip is set', async () => {
    let now = 0;
    const emulator = createPodchaserEmulator({ now: () => now, size: 100, refreshSkip: 3, cursorTtlMs: 1000 });
    const page1 = (await post(emulator, QUERY, { first: 10 })).body.data.podcasts;
    now += 1001;
    const page2 = (await post(emulator, QUERY, { first: 10, cursor: page1.cursorInfo.nextCursor })).body.data.podcasts;
    expect(page2.cursorInfo.cursorRefreshed).toBe(true);
    expect(page2.data).toEqual(emulator.records('podcasts', { fields: 'id,title' }).slice(13, 23));
  });

  it('refuses a query that would overspend the points budget with a 400, headers included', async () => {
    const emulator = createPodchaserEmulator({ pointsBudget: 500 });
    expect((await post(emulator, QUERY, { first: 100 })).status).toBe(200);
    expect((await post(emulator, QUERY, { first: 100 })).status).toBe(200);
    const refused = await post(emulator, QUERY, { first: 100 });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toMatch(/points budget exhausted/i);
    expect(refused.headers).toEqual({ 'x-podchaser-points-remaining': '98', 'x-podchaser-query-cost': '201' });
    const cheap = await post(emulator, QUERY, { first: 10 });
    expect(cheap.status).toBe(200);
    expect(cheap.headers?.['x-podchaser-points-remaining']).toBe('77');
  });

  it('pages by page number without a cursor, up to the 10,000-result window', async () => {
    const emulator = createPodchaserEmulator();
    const query = `{ podcasts(first: 50, page: 2, sort: {sortBy: ALPHABETICAL, direction: ASCENDING}) {
      data { id } paginatorInfo { currentPage hasMorePages lastPage total } } }`;
    const response = await post(emulator, query);
    const expected = emulator.records('podcasts', { sortBy: 'ALPHABETICAL', direction: 'ASCENDING', fields: 'id' });
    expect(response.body.data.podcasts.data).toEqual(expected.slice(100, 150));
    const info = response.body.data.podcasts.paginatorInfo;
    expect(info).toEqual({ currentPage: 2, hasMorePages: true, lastPage: 49, total: 2500 });
    const deep = await post(emulator, '{ podcasts(first: 100, page: 100) { data { id } } }');
    expect(deep.body.errors[0].message).toMatch(/Result window is too large/);
  });

  it('declares a per-minute request cap with a 429 in GraphQL form', () => {
    const limit = createPodchaserEmulator().rateLimit!;
    expect(limit).toMatchObject({ limit: 300, windowMs: 60_000 });
    const reply = limit.reply(1500);
    expect(reply.status).toBe(429);
    expect(reply.headers).toMatchObject({ 'retry-after': '2', 'x-podchaser-query-cost': '0' });
    expect(createPodchaserEmulator({ rateLimitPerMinute: Infinity }).rateLimit?.limit).toBe(Infinity);
  });
});
