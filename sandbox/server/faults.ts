/**
 * Fault injection for the sandbox server: which request gets which fault is a pure function of
 * the options, the request's number and a seeded random stream, so a failing test replays exactly.
 */
import { seededRandom, type Random } from '../data/fake-data.js';
import type { SandboxResponse } from './types.js';

export interface FaultOptions {
  /** Probability (0..1) of a 500, 502 or 503 JSON reply. */
  error5xx?: number;
  /** Probability of the connection being reset without a reply. */
  reset?: number;
  /** Probability of a 429 with `Retry-After: retryAfterS`. */
  rate429?: number;
  /** `Retry-After` seconds of `rate429` replies. @default 1 */
  retryAfterS?: number;
  /** Probability of a 200 whose body is truncated JSON or an HTML page. */
  malformed?: number;
  /** Probability of a delay of `slowMs` before the request is served normally. */
  slow?: number;
  /** @default 1000 */
  slowMs?: number;
  /** The `count` requests after the `after`-th (counted from start or `setFaults`) all get 429. */
  burst429?: { after: number; count: number; retryAfterS: number };
  /** Probability of never answering (until the client gives up or the server closes). */
  hang?: number;
  /** Seed of the random stream. @default 1 */
  seed?: number;
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'error5xx'; status: 500 | 502 | 503 }
  | { kind: 'reset' }
  | { kind: 'rate429'; retryAfterS: number }
  | { kind: 'burst429'; retryAfterS: number }
  | { kind: 'malformed'; variant: 'truncated' | 'html' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'hang' };

export type FaultKind = Exclude<FaultDecision['kind'], 'none'>;

export const FAULT_KINDS: readonly FaultKind[] = ['error5xx', 'reset', 'rate429', 'burst429', 'malformed', 'slow', 'hang'];

const STATUSES = [500, 502, 503] as const;

/**
 * The fault for request number `n` (1-based). Exactly one draw decides the kind, whatever the
 * options, so the stream stays aligned when a probability changes; sub-choices draw again.
 */
export function decideFault(options: FaultOptions, n: number, random: Random): FaultDecision {
  const roll = random();
  const burst = options.burst429;
  if (burst && n > burst.after && n <= burst.after + burst.count) {
    return { kind: 'burst429', retryAfterS: burst.retryAfterS };
  }
  let edge = 0;
  if (roll < (edge += options.error5xx ?? 0)) return { kind: 'error5xx', status: STATUSES[Math.floor(random() * 3)] };
  if (roll < (edge += options.reset ?? 0)) return { kind: 'reset' };
  if (roll < (edge += options.rate429 ?? 0)) return { kind: 'rate429', retryAfterS: options.retryAfterS ?? 1 };
  if (roll < (edge += options.malformed ?? 0)) return { kind: 'malformed', variant: random() < 0.5 ? 'truncated' : 'html' };
  if (roll < (edge += options.slow ?? 0)) return { kind: 'slow', delayMs: options.slowMs ?? 1000 };
  if (roll < (edge += options.hang ?? 0)) return { kind: 'hang' };
  return { kind: 'none' };
}

/** Numbers requests and decides each one's fault; a new injector restarts the count and the stream. */
export function createFaultInjector(options: FaultOptions): () => FaultDecision {
  const random = seededRandom(options.seed ?? 1);
  let n = 0;
  return () => decideFault(options, ++n, random);
}

const HTML_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Service temporarily unavailable</title></head>\n' +
  '<body><h1>We\'ll be right back</h1><p>The site is down for maintenance.</p></body></html>\n';

/** The reply a fault sends, or undefined for faults that send none (reset, hang) or delay (slow). */
export function faultResponse(decision: FaultDecision): SandboxResponse | undefined {
  switch (decision.kind) {
    case 'error5xx':
      return { status: decision.status, body: { error: 'injected fault', status: decision.status } };
    case 'rate429':
    case 'burst429':
      return {
        status: 429,
        headers: { 'retry-after': String(decision.retryAfterS) },
        body: { error: 'Too Many Requests (injected fault)' },
      };
    case 'malformed':
      return decision.variant === 'html'
        ? { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: HTML_PAGE }
        : { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"items":[{"id":"1","name":"trunc' };
    default:
      return undefined;
  }
}
