/** Offset and page-number paging: addressable positions, ended by a short page or the total. */
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
    advance(position, page, emitted, total) {
      if (page.records.length < size || (total !== undefined && emitted >= total)) return {};
      return { next: { offset: (position.offset ?? pagination.start) + size } };
    },
  };
}

export function pagePaginator(pagination: PagePagination, context: PaginatorContext): Paginator {
  const size = context.pageSize ?? pagination.page_size.default;
  return {
    start: { page: pagination.start },
    request: (base, position) => withValue(base, pagination.param, position.page ?? pagination.start),
    advance(position, page, emitted, total) {
      if (page.records.length < size || (total !== undefined && emitted >= total)) return {};
      return { next: { page: (position.page ?? pagination.start) + 1 } };
    },
  };
}
