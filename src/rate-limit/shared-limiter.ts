/**
 * `--limiter redis://…`: connects once before any request (exit 2 when Redis cannot be reached)
 * and hands the engine a limiter whose budget lives on Redis, keyed by budget-key.ts.
 */
import { usageError } from '../errors.js';
import type { Limiter, LimiterOptions } from './limiter.js';
import { parseLimiterUrl } from './limiter-url.js';
import { EXPORT_DEFAULTS } from '../options/export-options.js';
import { budgetKey, type BudgetScope } from './budget-key.js';
import { connectRedis } from './redis-connection.js';
import { createRedisLimiter } from './redis-limiter.js';

export interface SharedLimiter {
  limiter(options: LimiterOptions & { scope: BudgetScope }): Limiter;
  close(): Promise<void>;
}

export async function connectSharedLimiter(text: string, options: { lostTimeoutMs?: number } = {}): Promise<SharedLimiter> {
  const url = parseLimiterUrl(text);
  const link = await connectRedis(url, { connectTimeoutMs: 5000, commandTimeoutMs: 2000 }).catch((error: unknown) => {
    throw usageError('LIMITER_UNREACHABLE', `cannot reach the limiter at ${url.shown}: ${(error as Error).message}`, error);
  });
  return {
    limiter: ({ scope, ...limiterOptions }) =>
      createRedisLimiter({
        ...limiterOptions,
        link,
        key: budgetKey(scope, limiterOptions.rate),
        lostTimeoutMs: options.lostTimeoutMs ?? EXPORT_DEFAULTS.limiterTimeoutMs,
        shown: url.shown,
      }),
    close: () => link.close(),
  };
}
