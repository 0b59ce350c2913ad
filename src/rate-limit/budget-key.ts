/**
 * Which Redis key a run's budget lives under: one per origin, rate and credential, so every
 * process using the same API key at the same rate shares one budget, and other keys or rates do
 * not. The credential enters only as a SHA-256 digest behind a fixed prefix, never as itself. Pure.
 */
import { createHash } from 'node:crypto';
import type { Rate } from './rate.js';

export interface BudgetScope {
  /** The API's origin, `https://customer.api.soundcharts.com`. */
  origin: string;
  /** The credential values the profile sends (API keys, client secrets), in profile order. */
  identity: readonly string[];
}

export const BUDGET_PREFIX = 'paginate:budget:';

export function budgetKey(scope: BudgetScope, rate?: Rate): string {
  const who = createHash('sha256').update('paginate budget identity v1').update(JSON.stringify(scope.identity)).digest('hex').slice(0, 32);
  return `${BUDGET_PREFIX}${scope.origin}:${rate ? `${rate.count}per${rate.perMs}ms` : 'unlimited'}:${who}`;
}
