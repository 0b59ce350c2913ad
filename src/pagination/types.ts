/**
 * A pagination kind is a small pure object: where a position goes in a request, and where to
 * go after a page. Positions are plain JSON so checkpoints can store them.
 */
import type { RequestSpec } from '../request/spec.js';

export interface Position {
  cursor?: string | null;
  url?: string;
  offset?: number;
  page?: number;
}

/** A position the server handed out (a cursor, a next URL), as opposed to one counted here. */
export const isIssued = (position: Position): boolean => position.url !== undefined || (position.cursor !== null && position.cursor !== undefined);

/** What a pagination kind may look at in a response. */
export interface PageView {
  body: unknown;
  headers: Record<string, string>;
  records: unknown[];
  /** The body's has_more flag, where the profile names one. */
  hasMore?: boolean;
}

export interface Step {
  /** Where the next page is; absent when this was the last page. */
  next?: Position;
  /** Why the export may not be exhaustive (expired cursor, offset cap before the total). */
  incomplete?: string;
}

export interface Paginator {
  readonly start: Position;
  request(base: RequestSpec, position: Position): RequestSpec;
  /** `emitted` counts records including this page's, for total-based stops. */
  advance(position: Position, page: PageView, emitted: number, total: number | undefined): Step;
  /** Why this page makes the export possibly incomplete, even when it is the last (an expired cursor). */
  notice?(page: PageView): string | undefined;
}

export interface PaginatorContext {
  pageSize?: number;
  /** Where requests go. */
  origin: string;
  /** The profile's own origin, rewritten onto `origin` when they differ (--base-url). */
  profileOrigin?: string;
  /** Names a pagination field for a profile-mistake message: `my-api.yaml: endpoints.items.pagination.cursor`. */
  field?: (name: string) => string;
}
