/**
 * The stop rules every one-page-after-another kind shares: the body's has_more flag, the total
 * reached, and (where the profile opts in) a short page. Checked before the kind looks for a next
 * position, so no request is sent after the API said there is no more.
 */
import type { Pagination } from '../profile/schema.js';
import type { PageView, Paginator } from './types.js';

type Sequential = Exclude<Pagination, { kind: 'hybrid' }>;

export function isLastPage(pagination: Sequential, pageSize: number | undefined, page: PageView, emitted: number, total: number | undefined): boolean {
  if (page.hasMore === false) return true;
  if (pagination.stop_at_total && total !== undefined && emitted >= total) return true;
  const size = pageSize ?? pagination.page_size?.default;
  return pagination.stop_on_short_page && size !== undefined && page.records.length < size;
}

export function withStopRules(pagination: Sequential, pageSize: number | undefined, paginator: Paginator): Paginator {
  return {
    ...paginator,
    advance(position, page, emitted, total) {
      if (!isLastPage(pagination, pageSize, page, emitted, total)) {
        const step = paginator.advance(position, page, emitted, total);
        return { ...step, incomplete: step.incomplete ?? paginator.notice?.(page) };
      }
      return { incomplete: paginator.notice?.(page) };
    },
  };
}
