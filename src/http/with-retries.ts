/**
 * The retry layer: runs one request (with whatever layers it has) again while its failure is
 * retryable — network errors, timeouts, 5xx, 429, bodies that are not JSON — waiting as the
 * server asked (Retry-After) or with exponential backoff and jitter, up to `retries` times.
 * Page requests and token requests go through it alike.
 */
import { PaginateError } from '../errors.js';
import { abortableSleep } from '../sleep.js';
import { HttpError } from './http-error.js';
import { backoffMs } from './retry-timing.js';

export interface RetryEvent {
  attempt: number;
  reason: string;
  waitMs: number;
}

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  signal?: AbortSignal;
  onRetry?: (event: RetryEvent) => void;
}

export async function withRetries<T>(operation: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const retryable = error instanceof PaginateError && error.retryable && !policy.signal?.aborted;
      if (!retryable || attempt >= policy.retries) {
        throw error instanceof HttpError && attempt > 0 ? error.afterAttempts(attempt + 1) : error;
      }
      const waitMs = error.retryAfterMs ?? backoffMs(attempt);
      policy.onRetry?.({ attempt: attempt + 1, reason: error.retryReason, waitMs });
      if (waitMs > 0) await abortableSleep(waitMs, policy.signal);
    }
  }
}
