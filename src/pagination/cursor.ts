/** Cursor from a response path, sent back as a parameter or GraphQL variable (Podchaser, starting-at). */
import { failure } from '../errors.js';
import { getPath } from '../json/path.js';
import { withValue } from '../request/spec.js';
import type { Pagination } from '../profile/schema.js';
import type { Paginator } from './types.js';

type CursorPagination = Extract<Pagination, { kind: 'cursor' }>;

export function cursorPaginator(pagination: CursorPagination): Paginator {
  return {
    start: { cursor: null },
    request: (base, position) =>
      position.cursor ? withValue(base, pagination.param, position.cursor) : base,
    advance(_position, page) {
      const refreshed = pagination.refreshed !== undefined && getPath(page.body, pagination.refreshed) === true;
      const incomplete = refreshed ? 'the server replaced an expired cursor (cursorRefreshed); results may not be exhaustive' : undefined;
      const value = getPath(page.body, pagination.cursor);
      if (value !== null && value !== undefined && typeof value !== 'string' && typeof value !== 'number') {
        throw failure('BAD_CURSOR', `the cursor at "${pagination.cursor}" is ${Array.isArray(value) ? 'an array' : typeof value}, not a string or number: ${JSON.stringify(value).slice(0, 80)}`);
      }
      const cursor = value === null || value === undefined ? '' : String(value);
      // An empty page ends the export even with a cursor: such APIs "always include the next cursor".
      if (page.records.length === 0 || cursor === '') return { incomplete };
      return { next: { cursor }, incomplete };
    },
  };
}
