/** What a fan-out checkpoint holds beside the usual fields: where among the parents to continue. */
import type { Position } from '../pagination/types.js';

export interface FanOutState {
  /** 0-based index of the parent to continue with; the ones before it are done. */
  parent: number;
  /** Where that parent's child export continues; absent to start it from its first page. */
  child?: { position: Position; emitted: number; total?: number };
  /** sha256 of the parents' lines up to `parent` (included when `child` is set): a rerun must be fed the same. */
  digest: string;
  /** Parents the API answered with 404. */
  notFound: number;
  /** Parents whose children ended short of their server's total. */
  short: number;
}
