/**
 * The one place a server-built URL is accepted. Links to the profile's own origin are moved onto
 * the origin in use (--base-url, sandbox); any other origin is refused, so credentials never leave.
 */
import { failure } from '../errors.js';
import type { PaginatorContext } from './types.js';

const MAX_URL = 16_384;

export function followUrl(link: string, from: URL, context: PaginatorContext): URL {
  let url: URL;
  try {
    url = new URL(link, from);
  } catch (error) {
    throw failure('BAD_NEXT_URL', `the server sent a next-page link that is not a URL: ${JSON.stringify(link.slice(0, 120))}`, error);
  }
  // A relative link that resolves against itself can grow forever without ever repeating.
  if (url.href.length > MAX_URL) {
    throw failure('BAD_NEXT_URL', `the server sent a next-page link of ${url.href.length} characters, longer than ${MAX_URL}: ${JSON.stringify(link.slice(0, 120))}`);
  }
  if (url.origin === context.origin) return url;
  if (context.profileOrigin && url.origin === context.profileOrigin) {
    const moved = new URL(url.pathname + url.search, context.origin);
    return moved;
  }
  throw failure(
    'FOREIGN_NEXT_URL',
    `refusing to follow a next-page link to ${url.origin}: it is not ${context.origin}, and credentials are only sent there`,
  );
}

/**
 * A next URL this run stored, asked for again: on the origin in use now. Only links to the origin
 * were ever stored, and checkpoints are keyed by the origin's identity, so the only way they
 * differ is a port that changed under the same identity (--sandbox listens anew each run).
 */
export function storedUrl(url: string, context: PaginatorContext): URL {
  const stored = new URL(url);
  return stored.origin === context.origin ? stored : new URL(stored.pathname + stored.search, context.origin);
}
