/**
 * Orders of the podcasts list and Elasticsearch's `search_after`: each sort is computed once and
 * cached; a cursor's sort values `[value, shardDoc]` locate the next page by binary search.
 */
import { partitionPoint } from '../data/partition-point.js';
import type { PodcastEntry } from './data.js';

export type SortValue = number | string | null;
export type SortValues = [SortValue, number];
export type Direction = 'ASCENDING' | 'DESCENDING';

/**
 * Every value of Podchaser's `PodcastSortType` enum (its live schema, as introspected), with the
 * value each compares; a value not listed here is a GraphQL error, as at the real API. Without a
 * search term every podcast is equally relevant, so RELEVANCE leaves only the shard-doc order.
 * AGE is the time since the first episode: ascending puts the youngest podcast first.
 */
type Sort = { type: 'number' | 'string'; nullable?: true; value: (entry: PodcastEntry) => SortValue };
export const SORT_BY = {
  ALPHABETICAL: { type: 'string', value: (entry) => entry.record.title as string },
  RELEVANCE: { type: 'number', value: () => 1 },
  TRENDING: { type: 'number', value: (entry) => entry.hidden.trending },
  RATING: { type: 'number', nullable: true, value: (entry) => entry.record.ratingAverage as number | null },
  DATE_OF_FIRST_EPISODE: { type: 'number', value: (entry) => entry.startMs },
  LATEST_EPISODE: { type: 'number', value: (entry) => entry.latestMs },
  FOLLOWER_COUNT: { type: 'number', value: (entry) => entry.hidden.followers },
  POWER_SCORE: { type: 'number', value: (entry) => entry.record.powerScore as number },
  AUDIENCE_ESTIMATE: { type: 'number', value: (entry) => entry.hidden.audience },
  EPISODE_AUDIENCE_ESTIMATE: { type: 'number', value: (entry) => entry.hidden.episodeAudience },
  YOUTUBE_REACH_ESTIMATE: { type: 'number', value: (entry) => entry.hidden.youtubeReach },
  TOTAL_REACH_ESTIMATE: { type: 'number', value: (entry) => entry.hidden.audience + entry.hidden.youtubeReach },
  SPONSORED_EPISODE_COUNT: { type: 'number', value: (entry) => entry.hidden.sponsoredEpisodes },
  EPISODE_COUNT: { type: 'number', value: (entry) => entry.record.numberOfEpisodes as number },
  AGE: { type: 'number', value: (entry) => -entry.startMs },
  TOP_COUNTRY: { type: 'string', value: (entry) => entry.hidden.topCountry },
  LATEST_SPONSORED_EPISODE: { type: 'number', nullable: true, value: (entry) => entry.hidden.latestSponsoredMs },
} satisfies Record<string, Sort>;

export type SortBy = keyof typeof SORT_BY;

export const sortValuesOf = (entry: PodcastEntry, sortBy: SortBy): SortValues => [
  (SORT_BY[sortBy] as Sort).value(entry),
  entry.shardDoc,
];

/** Direction orders the value; missing values go last either way (Elasticsearch's `_last`). */
function compare(a: SortValues, b: SortValues, direction: Direction): number {
  if (a[0] !== b[0]) {
    if (a[0] === null) return 1;
    if (b[0] === null) return -1;
    return (a[0] < b[0] ? -1 : 1) * (direction === 'ASCENDING' ? 1 : -1);
  }
  return a[1] - b[1];
}

/** Whether decoded cursor values fit this sort: a number or string as it compares, and a shard doc. */
export function fitsSort(values: unknown, sortBy: SortBy): values is SortValues {
  if (!Array.isArray(values) || values.length !== 2 || !Number.isSafeInteger(values[1])) return false;
  const sort: Sort = SORT_BY[sortBy];
  return typeof values[0] === sort.type || (values[0] === null && sort.nullable === true);
}

export interface Orders {
  list(sortBy: SortBy, direction: Direction): readonly PodcastEntry[];
  /** Index of the first entry after `after` in that order. */
  after(sortBy: SortBy, direction: Direction, after: SortValues): number;
}

export function createOrders(entries: () => readonly PodcastEntry[]): Orders {
  const cache = new Map<string, readonly PodcastEntry[]>();
  const list = (sortBy: SortBy, direction: Direction): readonly PodcastEntry[] => {
    const key = `${sortBy}:${direction}`;
    let sorted = cache.get(key);
    if (!sorted) {
      sorted = [...entries()].sort((a, b) => compare(sortValuesOf(a, sortBy), sortValuesOf(b, sortBy), direction));
      cache.set(key, sorted);
    }
    return sorted;
  };
  return {
    list,
    after(sortBy, direction, after) {
      const sorted = list(sortBy, direction);
      const isAfter = (index: number): boolean => compare(sortValuesOf(sorted[index], sortBy), after, direction) > 0;
      return partitionPoint(sorted.length, isAfter);
    },
  };
}
