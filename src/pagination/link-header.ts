/** RFC 8288 `Link: <…>; rel="next"` response header. */
import type { Pagination } from '../profile/schema.js';
import type { Paginator, PaginatorContext } from './types.js';
import { followUrl, storedUrl } from './follow-url.js';

type LinkHeaderPagination = Extract<Pagination, { kind: 'link_header' }>;

/** The target of the link with relation `rel`, from a Link header value. */
export function linkWithRel(header: string | undefined, rel: string): string | undefined {
  if (!header) return undefined;
  for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const params = match[2];
    const rels = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const values = (rels?.[1] ?? rels?.[2] ?? '').toLowerCase().split(/\s+/);
    if (values.includes(rel.toLowerCase())) return match[1];
  }
  return undefined;
}

export function linkHeaderPaginator(pagination: LinkHeaderPagination, context: PaginatorContext): Paginator {
  return {
    start: {},
    request: (base, position) => (position.url ? { ...base, url: storedUrl(position.url, context) } : base),
    advance(position, page) {
      const link = linkWithRel(page.headers.link, pagination.rel);
      if (!link) return {};
      return { next: { url: followUrl(link, new URL(position.url ?? context.origin), context).href } };
    },
  };
}
