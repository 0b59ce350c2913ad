/**
 * The part of Podchaser's GraphQL schema the sandbox serves: `podcasts` and what it returns, with
 * the live schema's field names (https://api-docs.podchaser.com/docs/reference/schema).
 */
import type { ObjectType } from './graphql-selection.js';

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

export const QUERY: ObjectType = { name: 'Query', fields: { podcasts: PODCAST_LIST } };
