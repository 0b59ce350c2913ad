import { describe, expect, it } from 'vitest';
import { createPodchaserEmulator } from '../../sandbox/podchaser/emulator.js';

const QUERY = `query Episodes($podcast: String!, $first: Int, $cursor: String, $sort: EpisodeSort) {
  podcast(identifier: {id: $podcast, type: PODCHASER}) {
    title
    episodes(first: $first, cursor: $cursor, paginationType: CURSOR, sort: $sort) {
      data { id title airDate length }
      cursorInfo { total nextCursor cursorRefreshed }
    }
  }
}`;

type Body = { data: { podcast: { title: string; episodes: { data: Array<{ id: string; airDate: string; length: number }>; cursorInfo: { total: number; nextCursor: string | null } } } } | null; errors?: Array<{ message: string }> };

const emulator = createPodchaserEmulator({ size: 300 });
const post = async (variables: Record<string, unknown>, query = QUERY) => {
  const response = await emulator.handle({
    method: 'POST',
    path: '/graphql',
    query: new URLSearchParams(),
    headers: { authorization: 'Bearer sandbox-token' },
    rawBody: JSON.stringify({ query, variables }),
    origin: 'http://127.0.0.1:4010',
  });
  return { status: response.status, body: response.body as Body };
};
const podcasts = emulator.records('podcasts') as Array<{ id: string; title: string; numberOfEpisodes: number }>;

describe('podchaser sandbox: a podcast’s episodes', () => {
  it('pages by cursor through exactly numberOfEpisodes episodes, newest first', async () => {
    const podcast = podcasts.find((candidate) => candidate.numberOfEpisodes > 250) as (typeof podcasts)[number];
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const { status, body } = await post({ podcast: podcast.id, first: 100, cursor: cursor ?? undefined });
      expect(status).toBe(200);
      expect(body.data?.podcast.title).toBe(podcast.title);
      const page = body.data!.podcast.episodes;
      expect(page.cursorInfo.total).toBe(podcast.numberOfEpisodes);
      seen.push(...page.data.map((episode) => episode.id));
      cursor = page.cursorInfo.nextCursor;
    } while (cursor);
    const all = emulator.records('episodes', { podcast: podcast.id }) as Array<{ id: string; airDate: string }>;
    expect(seen).toEqual(all.map((episode) => episode.id));
    expect(all).toHaveLength(podcast.numberOfEpisodes);
    expect(all.map((episode) => episode.airDate)).toEqual(all.map((episode) => episode.airDate).toSorted().reverse());
  });

  it('sorts by length ascending, and refuses a sort it does not have', async () => {
    const lengths = (await post({ podcast: podcasts[0].id, first: 50, sort: { sortBy: 'LENGTH', direction: 'ASCENDING' } })).body.data!.podcast.episodes.data.map((episode) => episode.length);
    expect(lengths).toEqual(lengths.toSorted((a, b) => a - b));
    const bad = await post({ podcast: podcasts[0].id, sort: { sortBy: 'FOLLOWER_COUNT' } });
    expect(bad.body.errors?.[0].message).toMatch(/EpisodeSortType/);
  });

  it('answers an unknown podcast with a GraphQL error and null data', async () => {
    const { status, body } = await post({ podcast: '1' });
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors?.[0].message).toBe('No query results for model [App\\Models\\Podcast].');
  });

  it('serves episodes only under podcast(identifier), not in the podcasts list', async () => {
    const { body } = await post({}, '{ podcasts(first: 1) { data { id episodes { data { id } } } } }');
    expect(body.errors?.[0].message).toBe('Cannot query field "episodes" on type "Podcast".');
  });
});
