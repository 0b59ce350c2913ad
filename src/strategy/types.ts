/** What a fetch strategy yields: pages in export order, each with the position to resume after it. */
import type { Position } from '../pagination/types.js';

export interface PageResult {
  records: unknown[];
  /** Where the export continues after this page; undefined after the last page. */
  next?: Position;
  total?: number;
  /** Set when this page makes the export possibly incomplete. */
  incomplete?: string;
}
