/** Offset and page-number paging: addressable positions, ended by an empty page or the shared stop rules. */
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
  return {
    start: { page: pagination.start },
    request: (base, position) => withValue(base, pagination.param, position.page ?? pagination.start),
    advance: (position, page) => (page.records.length === 0 ? {} : { next: { page: (position.page ?? pagination.start) + 1 } }),
  };
}
