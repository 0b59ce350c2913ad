/**
 * The stop rules every one-page-after-another kind shares: the body's has_more flag, the total
 * reached, and (where the profile opts in) a short page. Checked before the kind looks for a next
 * position, so no request is sent after the API said there is no more.
 */
import { ProfileMismatch } from '../extract/page.js';
import type { Pagination } from '../profile/schema.js';
import type { PageView, Paginator, PaginatorContext } from './types.js';

type Sequential = Exclude<Pagination, { kind: 'hybrid' }>;

export function isLastPage(pagination: Sequential, pageSize: number | undefined, page: PageView, emitted: number, total: number | undefined): boolean {
  if (page.hasMore === false) return true;
  if (pagination.stop_at_total && total !== undefined && emitted >= total) return true;
  const size = pageSize ?? pagination.page_size?.default;
  return pagination.stop_on_short_page && size !== undefined && page.records.length < size;
}

/** What a kind follows to the next page, for a message when has_more promises a page it cannot reach. */
const follows = {
  cursor: (p: Extract<Sequential, { kind: 'cursor' }>) => ({ field: 'pagination.cursor', what: `cursor at "${p.cursor}"${p.cursor_from === 'last_record' ? ' of the last record' : ''}` }),
  next_url: (p: Extract<Sequential, { kind: 'next_url' }>) => ({ field: 'pagination.next', what: `next URL at "${p.next}"` }),
  link_header: (p: Extract<Sequential, { kind: 'link_header' }>) => ({ field: 'pagination.rel', what: `Link header with rel="${p.rel}"` }),
};

export function withStopRules(pagination: Sequential, context: PaginatorContext, paginator: Paginator): Paginator {
  return {
    ...paginator,
    advance(position, page, emitted, total) {
      if (isLastPage(pagination, context.pageSize, page, emitted, total)) return { incomplete: paginator.notice?.(page) };
      const step = paginator.advance(position, page, emitted, total);
      if (!step.next && page.hasMore === true && page.records.length > 0 && pagination.kind in follows) {
        // The API says there is more, and the profile cannot say where: a path that finds nothing.
        const { field, what } = follows[pagination.kind as keyof typeof follows](pagination as never);
        const name = context.field?.(field) ?? field;
        throw new ProfileMismatch(`${name}: ${pagination.has_more} says there are more pages, but the response has no ${what}`);
      }
      return { ...step, incomplete: step.incomplete ?? paginator.notice?.(page) };
    },
  };
}
