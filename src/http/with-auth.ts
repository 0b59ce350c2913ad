/**
 * The auth layer: credentials go on requests to the profile's origin only, whatever URL a server
 * handed us, and are taken at send time, so a request that waited for its turn carries the newest
 * token. It owns the token lifecycle (fetched on first use through the retry layer, fetched again
 * once per stale token after a 401) and the secrets that must never be shown: the environment's
 * and every token issued.
 */
import { PaginateError, failure } from '../errors.js';
import type { ResolvedAuth } from '../profile/auth.js';
import type { HttpResponse } from './client.js';
import type { Send } from './send.js';
import { requestToken } from './token.js';
import { withRetries, type RetryPolicy } from './with-retries.js';

export interface AuthLayer {
  /** The next layer, with credentials on every request to the origin. */
  wrap(next: Send): Send;
  /**
   * After a 401: gets a new token unless one newer than the refused one is on its way. False when
   * the profile has no token to renew, so sending again would not help.
   */
  renew(refused: HttpResponse): boolean;
  /** Every secret value so far, for redaction and for refusing them in checkpoints. */
  secrets(): readonly string[];
}

export interface AuthLayerOptions {
  auth: ResolvedAuth;
  origin: string;
  /** How token requests are sent: the HTTP client, without the rate budget of the API. */
  tokenSend: Send;
  retry: RetryPolicy;
}

type Headers = Record<string, string>;

export function createAuthLayer(options: AuthLayerOptions): AuthLayer {
  const { auth, origin } = options;
  const issued: string[] = [];
  const usedFor = new WeakMap<HttpResponse, Promise<Headers>>();
  let current: Promise<Headers> | undefined;

  const headers = (stale?: Promise<Headers>): Promise<Headers> => {
    const token = auth.token;
    if (!token) return Promise.resolve(auth.headers);
    if (!current || current === stale) {
      const fetching: Promise<Headers> = withRetries(() => requestToken(options.tokenSend, token, origin, auth.variables), options.retry).then(
        (result) => {
          issued.push(result.value);
          return result.headers;
        },
        (error: unknown) => {
          // Not remembered: the next request asks the token endpoint again. Its retries are spent,
          // so the page request must not retry it once more.
          if (current === fetching) current = undefined;
          throw error instanceof PaginateError && error.retryable ? failure('TOKEN_UNAVAILABLE', error.message, error) : error;
        },
      );
      current = fetching;
    }
    return current;
  };

  return {
    wrap: (next) => async (request) => {
      if (request.url.origin !== origin) return next(request);
      const used = headers();
      const response = await next({ ...request, headers: { ...request.headers, ...(await used) } });
      usedFor.set(response, used);
      return response;
    },
    renew(refused) {
      if (!auth.token) return false;
      headers(usedFor.get(refused)).catch(() => {});
      return true;
    },
    secrets: () => (issued.length === 0 ? auth.secrets : [...auth.secrets, ...issued]),
  };
}
