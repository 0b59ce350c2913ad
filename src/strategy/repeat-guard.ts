/**
 * Stops a paginator that hands back a position already used in this run (A, B, A is a loop too)
 * with a clear error instead of paging forever. Only server-issued positions can repeat (a cursor
 * or next URL; in an offset window, the cursor that starts it), and each is kept as a 64-bit
 * digest, so a long export's memory grows by a few bytes per page, not by a URL.
 */
import { createHash } from 'node:crypto';
import { failure } from '../errors.js';
import { isIssued, type Position } from '../pagination/types.js';

export function createRepeatGuard(): (position: Position) => void {
  const seen = new Set<string>();
  return (position) => {
    // In an offset window only the cursor that starts it is the server's.
    if (!isIssued(position) || position.offset) return;
    const key = createHash('sha1').update(JSON.stringify(position)).digest('base64').slice(0, 11);
    if (seen.has(key)) {
      const what = position.url ? `next URL ${position.url}` : `cursor ${JSON.stringify(position.cursor)}`;
      throw failure('REPEATED_CURSOR', `repeated cursor: the server returned a ${what} already used in this run; stopping instead of looping`);
    }
    seen.add(key);
  };
}
