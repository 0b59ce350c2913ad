/**
 * A cursor sent back as a parameter or GraphQL variable: read from the response body (Podchaser,
 * EduFocal, Relay's endCursor) or from the page's last record (Stripe's starting_after=<last id>).
 */
import { failure } from '../errors.js';
import { compileQuery } from '../json/query.js';
import { withValue } from '../request/spec.js';
import type { Pagination } from '../profile/schema.js';
import type { Paginator } from './types.js';

type CursorPagination = Extract<Pagination, { kind: 'cursor' }>;

export function cursorPaginator(pagination: CursorPagination): Paginator {
  const cursorAt = compileQuery(pagination.cursor);
  const refreshed = pagination.refreshed === undefined ? undefined : compileQuery(pagination.refreshed);
  const fromRecord = pagination.cursor_from === 'last_record';
  return {
    start: { cursor: null },
    request: (base, position) =>
      position.cursor ? withValue(base, pagination.param, position.cursor) : base,
    notice: (page) =>
      refreshed?.first(page.body) === true ? 'the server replaced an expired cursor (cursorRefreshed); results may not be exhaustive' : undefined,
    advance(_position, page) {
      // An empty page ends the export even with a cursor: such APIs "always include the next cursor".
      if (page.records.length === 0) return {};
      const value = cursorAt.first(fromRecord ? page.records.at(-1) : page.body);
      if (value !== null && value !== undefined && typeof value !== 'string' && typeof value !== 'number') {
        const where = fromRecord ? `"${pagination.cursor}" of the last record` : `"${pagination.cursor}"`;
        throw failure('BAD_CURSOR', `the cursor at ${where} is ${Array.isArray(value) ? 'an array' : typeof value}, not a string or number: ${JSON.stringify(value).slice(0, 80)}`);
      }
      const cursor = value === null || value === undefined ? '' : String(value);
      return cursor === '' ? {} : { next: { cursor } };
    },
  };
}
