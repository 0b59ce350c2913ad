/** Next-page URL from a response path, followed as given (SoundCloud `next_href`, Artsy `_links.next.href`). */
import { compileQuery } from '../json/query.js';
import type { Pagination } from '../profile/schema.js';
import type { Paginator, PaginatorContext } from './types.js';
import { followUrl, storedUrl } from './follow-url.js';

type NextUrlPagination = Extract<Pagination, { kind: 'next_url' }>;

export function nextUrlPaginator(pagination: NextUrlPagination, context: PaginatorContext): Paginator {
  const next = compileQuery(pagination.next);
  return {
    start: {},
    request: (base, position) => (position.url ? { ...base, url: storedUrl(position.url, context) } : base),
    advance(position, page) {
      const link = next.first(page.body);
      // Short and even empty pages still carry a next link (SoundCloud): only its absence ends the export.
      if (typeof link !== 'string' || link === '') return {};
      const from = new URL(position.url ?? context.origin);
      return { next: { url: followUrl(link, from, context).href } };
    },
  };
}
