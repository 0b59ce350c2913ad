/**
 * The limiter layer: every request start waits for the run's budget, and every answer feeds it —
 * a 429 (with Retry-After or a reset header) slows every worker, a success lets the rate recover,
 * and a remaining-budget header near zero holds every start until the reset. A 429 while the
 * long-term quota header reads 0 is final: waiting would not bring the quota back.
 */
import { failure } from '../errors.js';
import type { Limiter } from '../rate-limit/limiter.js';
import { budgetPauseMs, quotaSpent, resetMs, type BudgetHeaderNames } from '../rate-limit/budget-headers.js';
import { apiMessage } from './api-message.js';
import { backoffMs, retryAfterMs } from './retry-timing.js';
import { snippet } from '../extract/page.js';
import type { Send } from './send.js';

export interface LimiterLayerOptions {
  limiter: Limiter;
  budget: BudgetHeaderNames;
  /** Requests that may be in flight at once, for reading a remaining-budget header. */
  concurrency: number;
  redact: (text: string) => string;
  /** Counts 429 answers, for the summary. */
  onThrottled?: () => void;
}

export function withLimiter(next: Send, options: LimiterLayerOptions): Send {
  const { limiter, budget } = options;
  let throttles = 0;
  return async (request) => {
    const response = await limiter.schedule(() => next(request));
    if (response.status === 429) {
      if (quotaSpent(response.headers, budget)) {
        const said = apiMessage(options.redact(response.text)) ?? snippet(options.redact(response.text));
        throw failure('QUOTA_SPENT', `the API quota is spent (${budget.quota}: ${response.headers[budget.quota!.toLowerCase()]}): ${said}`);
      }
      options.onThrottled?.();
      const asked = retryAfterMs(response.headers['retry-after']) ?? resetMs(response.headers[budget.reset?.toLowerCase() ?? 'x-ratelimit-reset'], Date.now());
      // Without a hint, each throttle in a row holds longer.
      limiter.throttled(asked ?? backoffMs(throttles++, { baseMs: 1000 }));
    } else if (response.status >= 200 && response.status < 300) {
      throttles = 0;
      limiter.succeeded();
      const hold = budgetPauseMs(response.headers, budget, options.concurrency, Date.now());
      if (hold !== undefined) limiter.pause(hold);
    }
    return response;
  };
}
