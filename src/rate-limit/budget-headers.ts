/**
 * What a response's rate-limit headers say about the budget, by the names the profile gives
 * (`X-RateLimit-Remaining`/`Reset`, `RateLimit-*`, Soundcharts' `x-quota-remaining`). Pure.
 */
export interface BudgetHeaderNames {
  remaining?: string;
  reset?: string;
  quota?: string;
}

/** Milliseconds until the window resets: the header holds seconds, or a Unix time when it is that large. */
export function resetMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  const number = Number(value);
  return number > 1e9 ? Math.max(0, number * 1000 - now) : number * 1000;
}

/**
 * How long to hold every request so the budget is not overrun: when no more requests remain than
 * may already be in flight, wait for the reset. Undefined when the headers allow going on.
 */
export function budgetPauseMs(headers: Record<string, string>, names: BudgetHeaderNames, inFlight: number, now: number): number | undefined {
  if (!names.remaining) return undefined;
  const remaining = Number(headers[names.remaining.toLowerCase()]);
  if (!Number.isFinite(remaining) || remaining < 0 || remaining > inFlight) return undefined;
  // One second when the server names no reset: enough for a per-second window, short for a per-minute one.
  return (names.reset ? resetMs(headers[names.reset.toLowerCase()], now) : undefined) ?? 1000;
}

/** True when the long-term quota counter says nothing is left: a 429 then is final, not a throttle. */
export function quotaSpent(headers: Record<string, string>, names: BudgetHeaderNames): boolean {
  if (!names.quota) return false;
  const value = headers[names.quota.toLowerCase()];
  return value !== undefined && value.trim() !== '' && Number(value) <= 0;
}
