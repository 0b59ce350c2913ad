/**
 * The hybrid window walked one page at a time (Soundcharts): offsets inside a window anchored by
 * a keyset cursor; the window's last page gives the cursor that re-bases the next window at 0.
 * The parallel strategy uses the same positions, so checkpoints are interchangeable.
 */
import { compileQuery } from '../json/query.js';
import { withValue } from '../request/spec.js';
import type { Pagination } from '../profile/schema.js';
import type { Paginator, PaginatorContext, Position } from './types.js';

export type HybridPagination = Extract<Pagination, { kind: 'hybrid' }>;

/** The last offset a window may request: offset + page size never passes the window. */
export const lastOffset = (window: number, size: number): number => Math.floor((window - size) / size) * size;

export function hybridRequest(pagination: HybridPagination, base: Parameters<Paginator['request']>[0], position: Position) {
  const withOffset = withValue(base, pagination.offset, position.offset ?? 0);
  return position.cursor ? withValue(withOffset, pagination.param, position.cursor) : withOffset;
}

export function hybridPaginator(pagination: HybridPagination, context: PaginatorContext): Paginator {
  const size = context.pageSize ?? pagination.page_size.default;
  const last = lastOffset(pagination.window, size);
  const cursorAt = compileQuery(pagination.cursor);
  return {
    start: { cursor: null, offset: 0 },
    request: (base, position) => hybridRequest(pagination, base, position),
    advance(position, page, emitted, total) {
      if (page.records.length < size || (total !== undefined && emitted >= total)) return {};
      const offset = position.offset ?? 0;
      if (offset < last) return { next: { cursor: position.cursor ?? null, offset: offset + size } };
      const cursor = cursorAt.first(page.body);
      if (typeof cursor !== 'string' || cursor === '') {
        return { incomplete: `the offset window of ${pagination.window} ended without a cursor to continue from` };
      }
      return { next: { cursor, offset: 0 } };
    },
  };
}
