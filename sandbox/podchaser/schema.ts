/**
 * The part of Podchaser's GraphQL schema the sandbox serves: `podcasts`, `podcast { episodes }` and
 * what they return, with the live schema's field names (https://api-docs.podchaser.com/docs/reference/schema).
 */
import type { ObjectType } from '../graphql/selection.js';

const leaves = (...names: string[]): Record<string, null> => Object.fromEntries(names.map((name) => [name, null]));

export const PODCAST: ObjectType = {
  name: 'Podcast',
  fields: {
    ...leaves('id', 'title', 'description', 'url', 'imageUrl', 'rssUrl', 'language', 'numberOfEpisodes'),
    ...leaves('avgEpisodeLength', 'ratingAverage', 'ratingCount', 'isExplicit', 'startDate'),
    ...leaves('latestEpisodeDate', 'powerScore'),
    author: { name: 'Author', fields: leaves('name') },
    categories: { name: 'Category', fields: leaves('title', 'slug') },
  },
};

export const PODCAST_LIST: ObjectType = {
  name: 'PodcastList',
  fields: {
    data: PODCAST,
    cursorInfo: { name: 'CursorInfo', fields: leaves('total', 'nextCursor', 'cursorRefreshed') },
    paginatorInfo: {
      name: 'PaginatorInfo',
      fields: leaves('count', 'currentPage', 'firstItem', 'hasMorePages', 'lastItem', 'lastPage', 'perPage', 'total'),
    },
  },
};

export const EPISODE: ObjectType = {
  name: 'Episode',
  fields: leaves('id', 'title', 'description', 'airDate', 'length', 'url', 'audioUrl', 'explicit', 'episodeType'),
};

export const EPISODE_LIST: ObjectType = {
  name: 'EpisodeList',
  fields: {
    data: EPISODE,
    cursorInfo: PODCAST_LIST.fields.cursorInfo,
    paginatorInfo: { name: 'PaginatorInfo', fields: leaves('count', 'currentPage', 'hasMorePages', 'perPage', 'total') },
  },
};

/** One podcast, by identifier: its episodes are served here only, not under `podcasts`. */
export const PODCAST_WITH_EPISODES: ObjectType = { name: 'Podcast', fields: { ...PODCAST.fields, episodes: EPISODE_LIST } };

export const QUERY: ObjectType = { name: 'Query', fields: { podcasts: PODCAST_LIST, podcast: PODCAST_WITH_EPISODES } };
