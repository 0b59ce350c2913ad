/**
 * Fetches one page through the request layers, put together here and nowhere else:
 *
 *   retry → limiter → auth → undici client
 *
 * then reads the answer: a status paginate cannot use is an HttpError, a good body becomes a page
 * (extract/page.ts). A cursor the server refuses comes back as a page that says so, not as an
 * error: the export keeps what it has and finishes with exit 3.
 */
import { failure } from './errors.js';
import type { HttpClient, HttpRequest, HttpResponse } from './http/client.js';
import { HttpError } from './http/http-error.js';
import { apiMessage } from './http/api-message.js';
import { retryAfterMs } from './http/retry-timing.js';
import { resetMs } from './rate-limit/budget-headers.js';
import type { Limiter } from './rate-limit/limiter.js';
import type { ResolvedExport } from './profile/resolve.js';
import type { RequestSpec } from './request/spec.js';
import { isIssued, type Position } from './pagination/types.js';
import type { Redactor } from './http/redact.js';
import type { AuthLayer } from './http/with-auth.js';
import { withLimiter } from './http/with-limiter.js';
import { withRetries, type RetryEvent } from './http/with-retries.js';
import { ApiError, createExtractor, snippet, type ExtractedPage } from './extract/page.js';

export interface FetchStats {
  requests: number;
  retries: number;
  /** 429 responses. */
  throttled: number;
}

export interface PageFetcherOptions {
  client: HttpClient;
  limiter: Limiter;
  auth: AuthLayer;
  resolved: ResolvedExport;
  /** Attempts after the first. */
  retries: number;
  /** The export's redactor: bodies quoted in errors go through it. */
  redact: Redactor;
  /** The profile's file, named when a response does not match it. */
  profileFile: string;
  /** Requests that may be in flight at once, for reading a remaining-budget header. */
  concurrency: number;
  signal?: AbortSignal;
  onRetry?: (event: RetryEvent) => void;
}

export interface PageFetcher {
  /** `at`: the position asked for; only a position the server issued can be refused as a cursor. */
  fetch(spec: RequestSpec, at: Position): Promise<ExtractedPage>;
  readonly stats: FetchStats;
}

export function createPageFetcher(options: PageFetcherOptions): PageFetcher {
  const { resolved, redact, auth } = options;
  const stats: FetchStats = { requests: 0, retries: 0, throttled: 0 };
  const budget = resolved.profile.rate_limit_headers ?? {};
  const counted = (request: HttpRequest) => {
    stats.requests++;
    return options.client.send(request, options.signal);
  };
  const send = withLimiter(auth.wrap(counted), { limiter: options.limiter, budget, concurrency: options.concurrency, redact, onThrottled: () => stats.throttled++ });
  const extract = createExtractor({ endpoint: resolved.endpoint, endpointName: resolved.endpointName, file: options.profileFile, redact });
  const retrySafe = resolved.endpoint.read_only ?? (resolved.endpoint.method === 'GET' || resolved.endpoint.graphql !== undefined);
  const policy = {
    retries: retrySafe ? options.retries : 0,
    signal: options.signal,
    onRetry: (event: RetryEvent) => {
      stats.retries++;
      options.onRetry?.(event);
    },
  };
  const rejectedCursor = new RegExp(resolved.endpoint.pagination.cursor_rejected, 'i');

  /** A status paginate cannot use, as an error with its fields; the response itself when it can. */
  const checked = (response: HttpResponse, spec: RequestSpec): HttpResponse => {
    const { status } = response;
    const where = `${spec.method} ${spec.url.origin}${spec.url.pathname}`;
    if (status >= 300 && status < 400) {
      const location = response.headers.location ?? '(no Location)';
      throw failure('REDIRECT', `HTTP ${status} from ${where}: redirected to ${location}; paginate does not follow redirects (point --base-url at the final origin)`);
    }
    if (status < 400) return response;
    const text = redact(response.text);
    const hint =
      status === 401 && resolved.auth.variables.length > 0
        ? `; check ${resolved.auth.variables.join(' and ')}`
        : status === 403
          ? '; the credentials are not allowed to read this endpoint'
          : '';
    // After a 429 the limiter already holds every worker for as long as the server asked.
    const asked = status === 429 ? 0 : (retryAfterMs(response.headers['retry-after']) ?? resetMs(response.headers[budget.reset?.toLowerCase() ?? 'x-ratelimit-reset'], Date.now()));
    throw new HttpError({ response, where, said: apiMessage(text) ?? snippet(text, 100), hint, retryAfterMs: asked, redact });
  };

  /** The server refused a position it issued (expired, invalidated), as the profile recognises it. */
  const rejection = (error: unknown, at: Position): string | undefined => {
    if (!isIssued(at)) return undefined;
    if (error instanceof HttpError && (error.status === 400 || error.status === 410) && rejectedCursor.test(error.said)) return `HTTP ${error.status}: ${error.said}`;
    if (error instanceof ApiError && rejectedCursor.test(error.message)) return error.message;
    return undefined;
  };

  async function fetch(spec: RequestSpec, at: Position): Promise<ExtractedPage> {
    const request: HttpRequest = { method: spec.method, url: spec.url, headers: spec.headers, body: spec.body === undefined ? undefined : JSON.stringify(spec.body) };
    let renewed = false;
    try {
      return await withRetries(async () => {
        let response = await send(request);
        // A refused token is renewed once per page, whatever the retry budget.
        if (response.status === 401 && !renewed && auth.renew(response)) {
          renewed = true;
          response = await send(request);
        }
        return extract(checked(response, spec));
      }, policy);
    } catch (error) {
      const said = rejection(error, at);
      if (said === undefined) throw error;
      return { body: undefined, headers: {}, records: [], rejected: `the server rejected the cursor (${said})` };
    }
  }

  return { fetch, stats };
}
