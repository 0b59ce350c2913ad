/**
 * The `podcasts` field: its arguments checked and its cost known before anything runs (a query
 * that would overspend is refused unrun), then the page itself. `paginationType: CURSOR` pages by
 * `cursor` (base64 of `{"sort": [value, shardDoc], "pit_id": …}`); otherwise `page` (0-based)
 * pages by offset, capped like Elasticsearch at 10,000 results.
 */
import { base64Json, fromBase64Json } from '../data/fake-data.js';
import { GraphQLError } from '../graphql/error.js';
import { countLeaves, project } from '../graphql/selection.js';
import { resolveValue, type FieldNode } from '../graphql/parser.js';
import { fitsSort, SORT_BY, sortValuesOf } from './order.js';
import type { Direction, Orders, SortBy, SortValues } from './order.js';
import { PODCAST_LIST } from './schema.js';
import type { Snapshots } from './snapshots.js';

export const MAX_FIRST = 100;
const DEFAULT_FIRST = 10;
const RESULT_WINDOW = 10_000;
const ARGUMENTS = new Set(['first', 'page', 'cursor', 'paginationType', 'sort']);
const UNSUPPORTED = new Set(['searchTerm', 'filters']);

export interface QueryContext {
  orders: Orders;
  snapshots: Snapshots;
  total(): number;
  /** Records lost when a snapshot is replaced. */
  refreshSkip: number;
}

export interface Plan {
  cost: number;
  run(): unknown;
}

interface Paging {
  first: number;
  sortBy: SortBy;
  direction: Direction;
  /** `paginationType: CURSOR`; otherwise page numbers. */
  cursorMode: boolean;
  page: number;
  cursor?: { sort: SortValues; pitId: string };
}

const fail = (message: string): never => {
  throw new GraphQLError(message);
};

function argumentsOf(field: FieldNode, variables: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [name, node] of field.args) {
    if (UNSUPPORTED.has(name)) fail(`The "${name}" argument is not supported by the Podchaser sandbox.`);
    if (!ARGUMENTS.has(name)) fail(`Unknown argument "${name}" on field "Query.podcasts".`);
    // null and an unset variable both mean "not given".
    args[name] = resolveValue(node, variables) ?? undefined;
  }
  return args;
}

function sortOf(sort: unknown): { sortBy: SortBy; direction: Direction } {
  const { sortBy = 'FOLLOWER_COUNT', direction = 'DESCENDING' } = (sort ?? {}) as Record<string, unknown>;
  // graphql-js and graphql-php (under Podchaser's Lighthouse) word an unknown enum value this way.
  if (typeof sortBy !== 'string' || !(sortBy in SORT_BY)) fail(`Value "${String(sortBy)}" does not exist in "PodcastSortType" enum.`);
  if (direction !== 'ASCENDING' && direction !== 'DESCENDING') {
    fail(`Value "${String(direction)}" does not exist in "SortDirection" enum.`);
  }
  return { sortBy: sortBy as SortBy, direction: direction as Direction };
}

function decodeCursor(cursor: unknown, sortBy: SortBy): Paging['cursor'] {
  if (cursor === undefined) return undefined;
  const decoded = typeof cursor === 'string' ? fromBase64Json(cursor) : undefined;
  const { sort, pit_id: pitId } = (decoded ?? {}) as Record<string, unknown>;
  if (typeof pitId !== 'string' || !fitsSort(sort, sortBy)) {
    fail('The cursor is invalid: pass nextCursor back unchanged, with the same sort.');
  }
  return { sort: sort as SortValues, pitId: pitId as string };
}

function pagingOf(args: Record<string, unknown>): Paging {
  const first = args.first ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || (first as number) < 1 || (first as number) > MAX_FIRST) {
    fail(`The "first" argument must be an integer from 1 to ${MAX_FIRST}, got ${JSON.stringify(first)}.`);
  }
  const { paginationType, cursor, page = 0 } = args;
  if (paginationType !== undefined && paginationType !== 'CURSOR' && paginationType !== 'PAGE') {
    fail(`Value "${String(paginationType)}" does not exist in "PaginationType" enum.`);
  }
  const cursorMode = paginationType === 'CURSOR';
  if (!cursorMode && cursor !== undefined) fail('The "cursor" argument needs paginationType: CURSOR.');
  if (cursorMode && args.page !== undefined) fail('The "page" argument cannot be used with paginationType: CURSOR.');
  if (!Number.isInteger(page) || (page as number) < 0) fail('The "page" argument must be an integer from 0.');
  if (((page as number) + 1) * (first as number) > RESULT_WINDOW) {
    fail(`Result window is too large, from + size must be less than or equal to: [${RESULT_WINDOW}]. Use cursors.`);
  }
  const { sortBy, direction } = sortOf(args.sort);
  const decoded = decodeCursor(cursor, sortBy);
  return { first: first as number, sortBy, direction, cursorMode, page: page as number, cursor: decoded };
}

/** The page's records and its `cursorInfo`; a cursor on an expired snapshot continues on a new one. */
function cursorPage(paging: Paging, context: QueryContext) {
  const { first, sortBy, direction, cursor } = paging;
  const list = context.orders.list(sortBy, direction);
  const { pitId, refreshed } = cursor
    ? context.snapshots.touch(cursor.pitId)
    : { pitId: context.snapshots.open(), refreshed: false };
  const skipped = refreshed ? context.refreshSkip : 0;
  const start = cursor ? context.orders.after(sortBy, direction, cursor.sort) + skipped : 0;
  const slice = list.slice(start, start + first);
  const more = start + first < list.length;
  const nextCursor = more ? base64Json({ sort: sortValuesOf(slice[slice.length - 1], sortBy), pit_id: pitId }) : null;
  const cursorInfo = { total: context.total(), nextCursor, cursorRefreshed: refreshed };
  return { data: slice.map((entry) => entry.record), cursorInfo, paginatorInfo: null };
}

/** The page's records and Lighthouse's `paginatorInfo` (pages counted from 0). */
function numberedPage({ first, sortBy, direction, page }: Paging, context: QueryContext) {
  const list = context.orders.list(sortBy, direction);
  const start = page * first;
  const slice = list.slice(start, start + first);
  const paginatorInfo = {
    count: slice.length,
    currentPage: page,
    firstItem: slice.length > 0 ? start + 1 : null,
    hasMorePages: start + first < list.length,
    lastItem: slice.length > 0 ? start + slice.length : null,
    lastPage: Math.max(0, Math.ceil(list.length / first) - 1),
    perPage: first,
    total: context.total(),
  };
  return { data: slice.map((entry) => entry.record), cursorInfo: null, paginatorInfo };
}

export function planPodcasts(field: FieldNode, variables: ReadonlyMap<string, unknown>, context: QueryContext): Plan {
  const paging = pagingOf(argumentsOf(field, variables));
  const selections = field.selections ?? [];
  // Cost as Podchaser states it: the fields asked for, per record asked for, plus one.
  const perRecord = selections
    .filter((selection) => selection.name === 'data')
    .reduce((sum, selection) => sum + countLeaves(selection.selections ?? []), 0);
  return {
    cost: 1 + paging.first * perRecord,
    run: () => {
      const page = paging.cursorMode ? cursorPage(paging, context) : numberedPage(paging, context);
      return project(page, selections, PODCAST_LIST);
    },
  };
}
