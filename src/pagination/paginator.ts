/** Picks the pagination kind the profile declares, with the stop rules the kinds share. */
import type { Pagination } from '../profile/schema.js';
import type { Paginator, PaginatorContext } from './types.js';
import { cursorPaginator } from './cursor.js';
import { nextUrlPaginator } from './next-url.js';
import { linkHeaderPaginator } from './link-header.js';
import { offsetPaginator, pagePaginator } from './offset.js';
import { hybridPaginator } from './hybrid-window.js';
import { withStopRules } from './stop-rules.js';

export function createPaginator(pagination: Pagination, context: PaginatorContext): Paginator {
  switch (pagination.kind) {
    case 'cursor':
      return withStopRules(pagination, context, cursorPaginator(pagination));
    case 'next_url':
      return withStopRules(pagination, context, nextUrlPaginator(pagination, context));
    case 'link_header':
      return withStopRules(pagination, context, linkHeaderPaginator(pagination, context));
    case 'offset':
      return withStopRules(pagination, context, offsetPaginator(pagination, context));
    case 'page':
      return withStopRules(pagination, context, pagePaginator(pagination));
    case 'hybrid':
      return hybridPaginator(pagination, context);
  }
}
