/** Picks the pagination kind the profile declares. */
import type { Pagination } from '../profile/schema.js';
import type { Paginator, PaginatorContext } from './types.js';
import { cursorPaginator } from './cursor.js';
import { nextUrlPaginator } from './next-url.js';
import { linkHeaderPaginator } from './link-header.js';
import { offsetPaginator, pagePaginator } from './offset.js';
import { hybridPaginator } from './hybrid-window.js';

export function createPaginator(pagination: Pagination, context: PaginatorContext): Paginator {
  switch (pagination.kind) {
    case 'cursor':
      return cursorPaginator(pagination);
    case 'next_url':
      return nextUrlPaginator(pagination, context);
    case 'link_header':
      return linkHeaderPaginator(pagination, context);
    case 'offset':
      return offsetPaginator(pagination, context);
    case 'page':
      return pagePaginator(pagination, context);
    case 'hybrid':
      return hybridPaginator(pagination, context);
  }
}
