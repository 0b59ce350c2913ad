/**
 * Fetches one page: through the limiter, with credentials only for the profile's origin, retries
 * with backoff for network errors, 5xx, 429 and bodies that are not JSON, a new token after a 401 where
 * the profile can get one, and one clear error for everything else.
 */
import { ExitCode, failure, PaginateError, TransientError } from './errors.js';
import type { HttpClient, HttpResponse } from './http/client.js';
import { NetworkError } from './http/client.js';
import { fetchToken } from './http/token.js';
import { backoffMs, retryAfterMs } from './http/retry-timing.js';
import type { Limiter } from './rate-limit/limiter.js';
import { budgetPauseMs, quotaSpent, resetMs } from './rate-limit/budget-headers.js';
import type { ResolvedExport } from './profile/resolve.js';
import type { RequestSpec } from './request/spec.js';
import { apiMessage } from './http/api-message.js';
import type { Redactor } from './http/redact.js';
import { createExtractor, snippet, ApiError, MalformedResponse, type ExtractedPage } from './extract/page.js';

export interface FetchStats {
  requests: number;
  retries: number;
  /** 429 responses. */
  throttled: number;
}

export interface RetryEvent {
  attempt: number;
  reason: string;
  waitMs: number;
}

export interface PageFetcherOptions {
  client: HttpClient;
  limiter: Limiter;
  resolved: ResolvedExport;
  /** Attempts after the first. */
  retries: number;
  /** The export's redactor: bodies quoted in errors go through it. */
  redact: Redactor;
  /** The profile's file, named when a response does not match it. */
  profileFile: string;
  /** Requests that may be in flight at once, for reading a remaining-budget header. */
  concurrency?: number;
  signal?: AbortSignal;
  onRetry?: (event: RetryEvent) => void;
}

export interface PageFetcher {
  fetch(spec: RequestSpec): Promise<ExtractedPage>;
  readonly stats: FetchStats;
}

const RETRY_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

export function createPageFetcher(options: PageFetcherOptions): PageFetcher {
  const { client, limiter, resolved } = options;
  const stats: FetchStats = { requests: 0, retries: 0, throttled: 0 };
  const { redact } = options;
  // Bodies quoted in errors are redacted whole, before any snippet is cut from them.
  const shown = (response: HttpResponse): HttpResponse => ({ ...response, text: redact(response.text) });
  const extract = createExtractor({ endpoint: resolved.endpoint, endpointName: resolved.endpointName, file: options.profileFile, redact });
  const retrySafe = resolved.endpoint.read_only ?? (resolved.endpoint.method === 'GET' || resolved.endpoint.graphql !== undefined);
  let credentials: Promise<Record<string, string>> | undefined;
  /** The token headers; `stale` (the ones a 401 came back for) are replaced once, however many requests saw the 401. */
  const authHeaders = (stale?: Promise<Record<string, string>>) => {
    const token = resolved.auth.token;
    if (!token) return Promise.resolve(resolved.auth.headers);
    if (!credentials || (stale !== undefined && credentials === stale)) {
      const issued: Promise<Record<string, string>> = fetchToken(client, token, resolved.origin, resolved.auth.variables).then(
        (result) => {
          // An issued token is a secret like the environment's: redacted, and refused in checkpoints.
          resolved.auth.secrets.push(result.value);
          return result.headers;
        },
        (error: unknown) => {
          // A failed fetch is not remembered: the retry asks the token endpoint again.
          if (credentials === issued) credentials = undefined;
          throw error;
        },
      );
      credentials = issued;
    }
    return credentials;
  };

  const sendOnce = (spec: RequestSpec, auth: Record<string, string>): Promise<HttpResponse> => {
    stats.requests++;
    return client.send(
      {
        method: spec.method,
        url: spec.url,
        headers: { ...spec.headers, ...auth },
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      },
      options.signal,
    );
  };

  async function fetch(spec: RequestSpec): Promise<ExtractedPage> {
    let refreshedToken = false;
    for (let attempt = 0; ; attempt++) {
      const canRetry = retrySafe && attempt < options.retries;
      let response: HttpResponse;
      let used: Promise<Record<string, string>> | undefined;
      try {
        response = await limiter.schedule(async () => {
          // Credentials go to the profile's origin only, whatever URL a server handed us; taken at
          // send time, so a request that waited in the queue carries the newest token.
          used = spec.url.origin === resolved.origin ? authHeaders() : undefined;
          return sendOnce(spec, used ? await used : {});
        });
      } catch (error) {
        if (((error instanceof NetworkError && error.retryable) || error instanceof TransientError) && canRetry) {
          await retryAfter(attempt, error.message);
          continue;
        }
        throw error;
      }
      const { status } = response;
      const budget = resolved.profile.rate_limit_headers ?? {};
      if (status === 401 && resolved.auth.token && !refreshedToken) {
        refreshedToken = true;
        authHeaders(used).catch(() => {});
        continue;
      }
      if (status === 429 && quotaSpent(response.headers, budget)) {
        throw failure('QUOTA_SPENT', `the API quota is spent (${budget.quota}: ${response.headers[budget.quota!.toLowerCase()]}): ${apiMessage(shown(response).text) ?? snippet(shown(response).text)}`);
      }
      if (RETRY_STATUSES.has(status)) {
        const asked = retryAfterMs(response.headers['retry-after']) ?? resetMs(response.headers[budget.reset?.toLowerCase() ?? 'x-ratelimit-reset'], Date.now());
        if (status === 429) {
          stats.throttled++;
          // A throttle slows every worker: the whole limiter waits and slows down, not only this request.
          limiter.throttled(asked ?? backoffMs(attempt, { baseMs: 1000 }));
        }
        if (canRetry) {
          await retryAfter(attempt, `HTTP ${status}`, status === 429 ? 0 : asked);
          continue;
        }
        throw httpError(shown(response), spec, resolved, attempt);
      }
      if (status >= 300 && status < 400) {
        const location = response.headers.location ?? '(no Location)';
        throw failure('REDIRECT', `HTTP ${status} from ${spec.method} ${spec.url.origin}${spec.url.pathname}: redirected to ${location}; paginate does not follow redirects (point --base-url at the final origin)`);
      }
      if (status >= 400) throw httpError(shown(response), spec, resolved, attempt);
      limiter.succeeded();
      const hold = budgetPauseMs(response.headers, budget, options.concurrency ?? 1, Date.now());
      if (hold !== undefined) limiter.pause(hold);
      try {
        return extract(response);
      } catch (error) {
        if (error instanceof MalformedResponse && canRetry) {
          await retryAfter(attempt, 'malformed response');
          continue;
        }
        if (error instanceof ApiError && /cursor/i.test(error.message) && isContinuation(spec, resolved)) throw cursorRejected(error.message);
        throw error;
      }
    }
  }

  async function retryAfter(attempt: number, reason: string, asked?: number): Promise<void> {
    stats.retries++;
    const waitMs = asked ?? backoffMs(attempt);
    options.onRetry?.({ attempt: attempt + 1, reason, waitMs });
    if (waitMs > 0) await sleep(waitMs, options.signal);
  }

  return { fetch, stats };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The server refused a cursor it issued (expired, invalidated): what was exported stands, but may not be all. */
const cursorRejected = (said: string) =>
  new PaginateError('CURSOR_REJECTED', `the server rejected the cursor (${said})`, ExitCode.incomplete);

/** True when the request is not the first page's: it carries a position the server handed out. */
function isContinuation(spec: RequestSpec, resolved: ResolvedExport): boolean {
  return spec.url.href !== resolved.base.url.href || JSON.stringify(spec.body) !== JSON.stringify(resolved.base.body);
}

function httpError(response: HttpResponse, spec: RequestSpec, resolved: ResolvedExport, attempt: number): PaginateError {
  const where = `${spec.method} ${spec.url.origin}${spec.url.pathname}`;
  const said = apiMessage(response.text) ?? snippet(response.text, 100);
  const tries = attempt > 0 ? ` after ${attempt + 1} attempts` : '';
  const hint =
    response.status === 401 && resolved.auth.variables.length > 0
      ? `; check ${resolved.auth.variables.join(' and ')}`
      : response.status === 403
        ? '; the credentials are not allowed to read this endpoint'
        : '';
  if ((response.status === 400 || response.status === 410) && /cursor/i.test(said) && isContinuation(spec, resolved)) {
    return cursorRejected(`HTTP ${response.status}: ${said}`);
  }
  return failure(`HTTP_${response.status}`, `HTTP ${response.status} from ${where}${tries}: ${said}${hint}`);
}
