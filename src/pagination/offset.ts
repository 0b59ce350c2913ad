/** Offset and page-number paging: addressable positions, ended by an empty page, the page count or the shared stop rules. */
import { compileQuery } from '../json/query.js';
import { withValue } from '../request/spec.js';
import type { Pagination } from '../profile/schema.js';
import type { Paginator, PaginatorContext } from './types.js';

type OffsetPagination = Extract<Pagination, { kind: 'offset' }>;
type PagePagination = Extract<Pagination, { kind: 'page' }>;

export function offsetPaginator(pagination: OffsetPagination, context: PaginatorContext): Paginator {
  const size = context.pageSize ?? pagination.page_size.default;
  return {
    start: { offset: pagination.start },
    request: (base, position) => withValue(base, pagination.param, position.offset ?? pagination.start),
    advance: (position, page) => (page.records.length === 0 ? {} : { next: { offset: (position.offset ?? pagination.start) + size } }),
  };
}

export function pagePaginator(pagination: PagePagination): Paginator {
  const totalPages = pagination.total_pages === undefined ? undefined : compileQuery(pagination.total_pages);
  return {
    start: { page: pagination.start },
    request: (base, position) => withValue(base, pagination.param, position.page ?? pagination.start),
    advance(position, page) {
      const number = position.page ?? pagination.start;
      const pages = Number(totalPages?.first(page.body));
      if (page.records.length === 0 || (Number.isFinite(pages) && number - pagination.start + 1 >= pages)) return {};
      return { next: { page: number + 1 } };
    },
  };
}
