/**
 * Stops a paginator that hands back a position already used in this run (A, B, A is a loop too)
 * with a clear error instead of paging forever.
 */
import { failure } from '../errors.js';
import type { Position } from '../pagination/types.js';

export function createRepeatGuard(): (position: Position) => void {
  const seen = new Set<string>();
  return (position) => {
    const key = JSON.stringify(position);
    if (seen.has(key)) {
      const what = position.url ? `next URL ${position.url}` : `cursor ${JSON.stringify(position.cursor)}`;
      throw failure('REPEATED_CURSOR', `repeated cursor: the server returned a ${what} already used in this run; stopping instead of looping`);
    }
    seen.add(key);
  };
}
