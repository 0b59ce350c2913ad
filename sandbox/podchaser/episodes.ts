/**
 * `podcast(identifier: {id, type: PODCHASER}) { episodes(...) }` [PC-SCHEMA]: one podcast and its
 * episodes, paged like `podcasts` (`first` up to 100, `paginationType: CURSOR` with `cursor`, or
 * `page`), sorted by `sort: {sortBy: AIR_DATE | ALPHABETICAL | LENGTH, direction}`, newest first by
 * default. A podcast has exactly its `numberOfEpisodes` episodes, generated from its id alone;
 * an unknown id is Laravel's "No query results" GraphQL error.
 */
import { base64Json, fromBase64Json, int, name, pick, seededRandom } from '../data/fake-data.js';
import { GraphQLError } from '../graphql/error.js';
import { countLeaves, project } from '../graphql/selection.js';
import type { PodcastEntry } from './data.js';
import { resolveValue, type FieldNode } from '../graphql/parser.js';
import { MAX_FIRST, type Plan, type QueryContext } from './query.js';
import { PODCAST_WITH_EPISODES } from './schema.js';

interface EpisodeEntry {
  record: Readonly<Record<string, unknown>>;
  airMs: number;
  /** Elasticsearch's tiebreaker, as for podcasts. */
  shardDoc: number;
}

const SORTS = {
  AIR_DATE: { type: 'number', value: (entry: EpisodeEntry) => entry.airMs },
  ALPHABETICAL: { type: 'string', value: (entry: EpisodeEntry) => entry.record.title as string },
  LENGTH: { type: 'number', value: (entry: EpisodeEntry) => entry.record.length as number },
} as const;
type Sort = keyof typeof SORTS;
type Values = [number | string, number];

const fail = (message: string): never => {
  throw new GraphQLError(message);
};
const dateTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

function generate(podcast: PodcastEntry): EpisodeEntry[] {
  const id = Number(podcast.record.id);
  const random = seededRandom(id * 2_654_435_761);
  const count = podcast.record.numberOfEpisodes as number;
  const span = Math.max(1, podcast.latestMs - podcast.startMs);
  return Array.from({ length: count }, (_, n) => {
    const episodeId = String(id * 10_000 + n);
    const airMs = podcast.startMs + Math.floor((span * n) / count) + int(random, 0, 3_600_000);
    const record = {
      id: episodeId,
      title: `${name(random)}${random() < 0.1 ? ', "live"' : ''}`,
      description: random() < 0.1 ? '' : `In this episode: ${name(random)}.\n${name(random)} joins.`,
      airDate: dateTime(airMs),
      length: int(random, 60, 10_800),
      url: `https://www.podchaser.com/podcasts/${id}/episodes/${episodeId}`,
      audioUrl: `https://audio.example.com/${id}/${episodeId}.mp3`,
      explicit: random() < 0.15,
      episodeType: pick(random, ['full', 'full', 'full', 'trailer', 'bonus']),
    };
    return { record: Object.freeze(record), airMs, shardDoc: (id % 5) * 2 ** 32 + n };
  });
}

export function createEpisodes(podcasts: () => readonly PodcastEntry[]) {
  let byId: Map<string, PodcastEntry> | undefined;
  const episodes = new Map<string, EpisodeEntry[]>();
  const podcastOf = (id: string) => (byId ??= new Map(podcasts().map((entry) => [entry.record.id as string, entry]))).get(id);

  function ordered(podcast: PodcastEntry, sortBy: Sort, descending: boolean): EpisodeEntry[] {
    const id = podcast.record.id as string;
    let list = episodes.get(id);
    if (!list) episodes.set(id, (list = generate(podcast)));
    const compare = (a: EpisodeEntry, b: EpisodeEntry) => {
      const [x, y] = [SORTS[sortBy].value(a), SORTS[sortBy].value(b)];
      return x !== y ? (x < y ? -1 : 1) * (descending ? -1 : 1) : a.shardDoc - b.shardDoc;
    };
    return [...list].sort(compare);
  }

  /** Every episode of podcast `id` in the order asked for, as the API serialises them (for tests). */
  function all(id: string, sortBy: Sort = 'AIR_DATE', direction = 'DESCENDING'): unknown[] {
    const podcast = podcastOf(id);
    if (!podcast) throw new Error(`podchaser has no podcast ${id}`);
    return ordered(podcast, sortBy, direction === 'DESCENDING').map((entry) => entry.record);
  }

  function plan(field: FieldNode, variables: ReadonlyMap<string, unknown>, context: QueryContext): Plan {
    const args = Object.fromEntries([...field.args].map(([key, node]) => [key, resolveValue(node, variables)]));
    const unknownArg = Object.keys(args).find((key) => key !== 'identifier');
    if (unknownArg) fail(`Unknown argument "${unknownArg}" on field "Query.podcast".`);
    const identifier = (args.identifier ?? {}) as Record<string, unknown>;
    if (typeof identifier.id !== 'string') fail('Field "podcast" argument "identifier" requires {id: String!, type: PodcastIdentifierType!}.');
    if (identifier.type !== 'PODCHASER') fail(`The sandbox knows podcasts by PODCHASER id only, not ${String(identifier.type)}.`);
    const selections = field.selections ?? [];
    const episodesField = selections.find((selection) => selection.name === 'episodes');
    const paging = episodesField ? pagingOf(episodesField, variables) : undefined;
    const data = episodesField?.selections?.filter((selection) => selection.name === 'data') ?? [];
    const perEpisode = data.reduce((sum, selection) => sum + countLeaves(selection.selections ?? []), 0);
    const own = countLeaves(selections.filter((selection) => selection.name !== 'episodes'));
    return {
      cost: 1 + own + (paging ? paging.first * perEpisode : 0),
      run: () => {
        const podcast = podcastOf(identifier.id as string) ?? fail('No query results for model [App\\Models\\Podcast].');
        const value = paging ? { ...podcast.record, episodes: page(podcast, paging, context) } : podcast.record;
        return project(value, selections, PODCAST_WITH_EPISODES);
      },
    };
  }

  function page(podcast: PodcastEntry, paging: Paging, context: QueryContext) {
    const list = ordered(podcast, paging.sortBy, paging.descending);
    const valuesOf = (entry: EpisodeEntry): Values => [SORTS[paging.sortBy].value(entry), entry.shardDoc];
    if (!paging.cursorMode) {
      const start = paging.page * paging.first;
      const slice = list.slice(start, start + paging.first);
      const paginatorInfo = { count: slice.length, currentPage: paging.page, hasMorePages: start + paging.first < list.length, perPage: paging.first, total: list.length };
      return { data: slice.map((entry) => entry.record), paginatorInfo, cursorInfo: null };
    }
    const { pitId, refreshed } = paging.cursor ? context.snapshots.touch(paging.cursor.pitId) : { pitId: context.snapshots.open(), refreshed: false };
    let start = 0;
    if (paging.cursor) {
      const [value, shardDoc] = paging.cursor.sort;
      const index = list.findIndex((entry) => {
        const [x, y] = valuesOf(entry);
        return x === value ? y > shardDoc : paging.descending ? x < value : x > value;
      });
      start = index === -1 ? list.length : index;
    }
    const slice = list.slice(start, start + paging.first);
    const more = start + paging.first < list.length;
    const nextCursor = more ? base64Json({ sort: valuesOf(slice[slice.length - 1]), pit_id: pitId }) : null;
    return { data: slice.map((entry) => entry.record), cursorInfo: { total: list.length, nextCursor, cursorRefreshed: refreshed }, paginatorInfo: null };
  }

  return { plan, all };
}

interface Paging {
  first: number;
  sortBy: Sort;
  descending: boolean;
  cursorMode: boolean;
  page: number;
  cursor?: { sort: Values; pitId: string };
}

function pagingOf(field: FieldNode, variables: ReadonlyMap<string, unknown>): Paging {
  const args: Record<string, unknown> = {};
  for (const [key, node] of field.args) {
    if (!['first', 'page', 'cursor', 'paginationType', 'sort'].includes(key)) fail(`The "${key}" argument of "Podcast.episodes" is not supported by the Podchaser sandbox.`);
    args[key] = resolveValue(node, variables) ?? undefined;
  }
  const first = args.first ?? 10;
  if (!Number.isInteger(first) || (first as number) < 1 || (first as number) > MAX_FIRST) fail(`The "first" argument must be an integer from 1 to ${MAX_FIRST}, got ${JSON.stringify(first)}.`);
  const { sortBy = 'AIR_DATE', direction = 'DESCENDING' } = (args.sort ?? {}) as Record<string, unknown>;
  if (typeof sortBy !== 'string' || !(sortBy in SORTS)) fail(`Value "${String(sortBy)}" is not an EpisodeSortType the sandbox has (${Object.keys(SORTS).join(', ')}).`);
  if (direction !== 'ASCENDING' && direction !== 'DESCENDING') fail(`Value "${String(direction)}" does not exist in "SortDirection" enum.`);
  const cursorMode = args.paginationType === 'CURSOR';
  if (args.paginationType !== undefined && !cursorMode && args.paginationType !== 'PAGE') fail(`Value "${String(args.paginationType)}" does not exist in "PaginationType" enum.`);
  if (!cursorMode && args.cursor !== undefined) fail('The "cursor" argument needs paginationType: CURSOR.');
  const page = args.page ?? 0;
  if (!Number.isInteger(page) || (page as number) < 0) fail('The "page" argument must be an integer from 0.');
  let cursor: Paging['cursor'];
  if (args.cursor !== undefined) {
    const decoded = (typeof args.cursor === 'string' ? fromBase64Json(args.cursor) : undefined) as Record<string, unknown> | undefined;
    const sort = decoded?.sort;
    const fits = Array.isArray(sort) && sort.length === 2 && typeof sort[0] === SORTS[sortBy as Sort].type && Number.isSafeInteger(sort[1]);
    if (!fits || typeof decoded?.pit_id !== 'string') fail('The cursor is invalid: pass nextCursor back unchanged, with the same sort.');
    cursor = { sort: sort as Values, pitId: decoded?.pit_id as string };
  }
  return { first: first as number, sortBy: sortBy as Sort, descending: direction === 'DESCENDING', cursorMode, page: page as number, cursor };
}
