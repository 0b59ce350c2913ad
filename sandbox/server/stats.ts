/**
 * What the sandbox server saw: counters for benchmarks and a bounded request log for tests that
 * assert on every request (which headers reached which server, how many ran at once).
 */
import { FAULT_KINDS, type FaultKind } from './faults.js';

export interface RequestLogEntry {
  /** When the request arrived (ms since the epoch). */
  at: number;
  /** When the response finished or the connection closed; undefined while in flight. */
  end?: number;
  method: string;
  path: string;
  /** The raw query string without `?` ('' when none). */
  query: string;
  /** 0 while in flight, and for requests reset or left hanging. */
  status: number;
  /** Request headers, lower-cased, as received: credentials included, so tests can check where they went. */
  headers: Record<string, string>;
  fault?: FaultKind;
}

export interface SandboxStats {
  requests: number;
  inFlight: number;
  maxInFlight: number;
  /** Responses sent, by status code. */
  statuses: Record<number, number>;
  faults: Record<FaultKind, number>;
  /** Requests refused by the emulator's own rate limit. */
  rateLimited: number;
  log: RequestLogEntry[];
  /** Requests left out of `log` once it reached its cap. */
  logDropped: number;
}

export function emptyStats(inFlight = 0): SandboxStats {
  const faults = {} as Record<FaultKind, number>;
  for (const kind of FAULT_KINDS) faults[kind] = 0;
  return { requests: 0, inFlight, maxInFlight: inFlight, statuses: {}, faults, rateLimited: 0, log: [], logDropped: 0 };
}
