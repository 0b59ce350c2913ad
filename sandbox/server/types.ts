/**
 * The contract between the sandbox server (HTTP, latency, faults, rate limits, counters) and
 * each provider's emulator. An emulator is a request handler over parsed requests: it knows the
 * provider's API, never sockets, so it is unit-tested without a server.
 */
import type { Growth } from '../data/growth.js';
export interface SandboxRequest {
  method: string;
  /** Path without the query string, percent-decoded per segment is left to the emulator. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The raw request body ('' when none). */
  rawBody: string;
  /** Origin the client reached us on (`http://127.0.0.1:PORT`), for absolute next links. */
  origin: string;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings are sent as they are (HTML error pages, truncated JSON). */
  body?: unknown;
}

/** A provider's own throttle, enforced by the server before the handler runs. */
export interface EmulatorRateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
  /**
   * How requests are counted: `sliding` looks back `windowMs` from each request; `fixed` counts
   * within windows that open at the first request after the previous window closed.
   * @default 'sliding'
   */
  window?: 'sliding' | 'fixed';
  /** The provider's 429 (or other) reply; `retryAfterMs` is when the window frees a slot. */
  reply(retryAfterMs: number): SandboxResponse;
}

export interface Emulator {
  /** The profile name it stands in for: `soundcharts`, `soundcloud`, `podchaser`, `artsy`, `starting-at`. */
  readonly name: string;
  /** Environment the sandbox export runs with: credentials this emulator accepts. */
  readonly env: Record<string, string>;
  /**
   * Values for filters the real API requires (a SoundCloud user), so a sandbox export runs with no
   * setup; used only where the endpoint has the filter and the user gave none.
   */
  readonly filterDefaults?: Record<string, string>;
  readonly rateLimit?: EmulatorRateLimit;
  /** Default one-way latency in milliseconds when the user does not choose one. */
  readonly latencyMs: number;
  handle(request: SandboxRequest): SandboxResponse | Promise<SandboxResponse>;
  /**
   * Every record a complete export of `endpoint` returns, in export order, exactly as the API
   * serialises them. `params` are provider-level parameters (query names, body fields) that
   * select a subset, as the provider's documents name them.
   */
  records(endpoint: string, params?: Record<string, string>): unknown[];
  /**
   * Adds records as the live API gains them between two runs (for `--incremental`): where the
   * provider orders records by creation, seeded like the rest of the data.
   */
  grow?(growth: Growth): void;
}

export interface EmulatorOptions {
  /** PRNG seed for the generated data; the same seed gives the same data. */
  seed?: number;
  /** Scales the dataset (records per endpoint); each emulator has a realistic default. */
  size?: number;
  /** Clock, so tests can expire cursors and tokens without waiting. */
  now?: () => number;
  /**
   * Replaces the provider's own rate limit with this many requests per minute, for benchmarks
   * that set their own ceiling; `Infinity` turns the limit off.
   */
  rateLimitPerMinute?: number;
  /** Lifetime of issued access tokens (SoundCloud, Artsy). */
  tokenTtlMs?: number;
  /** Podchaser: how long a cursor snapshot lives between requests. */
  cursorTtlMs?: number;
  /** Podchaser: monthly points budget. */
  pointsBudget?: number;
  /** Soundcharts: successful calls before the monthly quota is spent. */
  quota?: number;
  /** Podchaser: records dropped when an expired cursor is refreshed. */
  refreshSkip?: number;
}
