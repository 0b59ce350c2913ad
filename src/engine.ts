/**
 * The export engine without any output: profile + choices in, an async iterator of pages out.
 * The CLI and the library API are both thin layers over it (run/prepare.ts creates it for both).
 */
import { setMaxListeners } from 'node:events';
import { resolveExport, type ExportChoices, type ResolvedExport } from './profile/resolve.js';
import type { Profile } from './profile/schema.js';
import { createHttpClient } from './http/client.js';
import { liveRedactor, type Redactor } from './http/redact.js';
import { createLimiter, type Limiter } from './rate-limit/limiter.js';
import { parseRate, type Rate } from './rate-limit/rate.js';
import type { SharedLimiter } from './rate-limit/shared-limiter.js';
import { createPaginator } from './pagination/paginator.js';
import type { Position } from './pagination/types.js';
import { createPageFetcher, type FetchStats } from './page-fetcher.js';
import type { RetryEvent } from './http/with-retries.js';
import { createAuthLayer } from './http/with-auth.js';
import { sequential } from './strategy/sequential.js';
import { hybrid } from './strategy/hybrid.js';
import { usageError } from './errors.js';
import { EXPORT_DEFAULTS, type ExportValues } from './options/export-options.js';
import type { PageResult } from './strategy/types.js';
import type { ExtractedPage } from './extract/page.js';
import type { RequestSpec } from './request/spec.js';

export type StrategyName = NonNullable<ExportValues['strategy']>;

/** strategy, concurrency, rate, retries and timeoutMs mean what the option table says; its defaults apply. */
export interface EngineOptions extends ExportChoices, Partial<Pick<ExportValues, 'strategy' | 'concurrency' | 'rate' | 'retries' | 'timeoutMs'>> {
  profile: Profile;
  /** Where the profile was loaded from, for messages that point at one of its fields. */
  profileFile?: string;
  env?: NodeJS.ProcessEnv;
  /** Page chains run at once (fan-out: one per parent); they share the limiter. @default 1 */
  chains?: number;
  signal?: AbortSignal;
  onRetry?: (event: RetryEvent) => void;
  /** A budget shared with other processes (`--limiter redis://…`); the in-process limiter when absent. */
  sharedLimiter?: SharedLimiter;
}

/** Where a resumed export continues, the records written before that point, and the total it started with. */
export interface Resume {
  position: Position;
  emitted: number;
  total?: number;
}

export interface Engine {
  resolved: ResolvedExport;
  /** The strategy actually used. */
  strategy: 'sequential' | 'hybrid';
  rate?: Rate;
  concurrency: number;
  /**
   * Pages in export order, from the start or from a checkpointed position; `base` replaces the
   * first request (an incremental run's lower bound, a fan-out parent's filters).
   */
  pages(resume?: Resume, base?: RequestSpec): AsyncGenerator<PageResult>;
  /** Fetches the first page only (for --dry-run). */
  probe(): Promise<ExtractedPage>;
  readonly stats: FetchStats & { waitedMs: number };
  redact: Redactor;
  /** Every secret of this export so far (the environment's, tokens issued): never shown, never stored. */
  secrets(): readonly string[];
  close(): Promise<void>;
}

/** Resolves the profile and choices (exit 2 on any mistake) and prepares the fetch; sends nothing yet. */
export function createEngine(options: EngineOptions): Engine {
  const env = options.env ?? process.env;
  const resolved = resolveExport(options.profile, options, env);
  // Closing the engine ends requests still in flight (a hybrid export cut at --max-items has some),
  // instead of letting them retry against a closed client.
  const closing = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, closing.signal]) : closing.signal;
  setMaxListeners(0, signal);
  const retries = options.retries ?? EXPORT_DEFAULTS.retries;
  const { pagination } = resolved.endpoint;
  const strategy = chooseStrategy(options.strategy ?? EXPORT_DEFAULTS.strategy, pagination.kind, resolved);
  const concurrency = strategy === 'sequential' ? 1 : (options.concurrency ?? options.profile.concurrency);
  const inFlight = concurrency * (options.chains ?? 1);
  const client = createHttpClient({ timeoutMs: options.timeoutMs ?? EXPORT_DEFAULTS.timeoutMs, connections: Math.max(inFlight, 1) });
  const auth = createAuthLayer({
    auth: resolved.auth,
    origin: resolved.origin,
    tokenSend: (request) => client.send(request, signal),
    retry: { retries, signal, onRetry: options.onRetry },
  });
  const redact = liveRedactor(auth.secrets);
  const profileFile = options.profileFile ?? `profile ${options.profile.name}`;
  const rate = options.rate ?? (options.profile.rate_limit ? parseRate(options.profile.rate_limit, 'rate_limit') : undefined);
  const limiterOptions = { rate, concurrency: inFlight, signal };
  const limiter: Limiter = options.sharedLimiter
    ? options.sharedLimiter.limiter({ ...limiterOptions, scope: { origin: resolved.origin, identity: resolved.auth.secrets } })
    : createLimiter(limiterOptions);
  const fetcher = createPageFetcher({
    client,
    limiter,
    auth,
    resolved,
    retries,
    redact,
    profileFile,
    concurrency,
    signal,
    onRetry: options.onRetry,
  });
  const paginator = createPaginator(pagination, {
    field: (name) => `${profileFile}: endpoints.${resolved.endpointName}.${name}`,
    pageSize: resolved.pageSize,
    origin: resolved.origin,
    profileOrigin: resolved.profileOrigin,
  });
  return {
    resolved, strategy, rate, concurrency, redact,
    secrets: auth.secrets,
    probe: () => fetcher.fetch(paginator.request(resolved.base, paginator.start), paginator.start),
    pages(resume, base = resolved.base) {
      const strategyOptions = {
        paginator,
        base,
        fetch: fetcher.fetch,
        start: resume?.position,
        emitted: resume?.emitted,
        total: resume?.total,
        signal,
      };
      return pagination.kind === 'hybrid' && strategy === 'hybrid'
        ? hybrid({ ...strategyOptions, pagination, pageSize: resolved.pageSize ?? pagination.page_size.default, concurrency })
        : sequential(strategyOptions);
    },
    get stats() {
      return { ...fetcher.stats, waitedMs: limiter.stats.waitedMs };
    },
    async close() {
      closing.abort(new Error('the export is over'));
      await limiter.stop();
      await client.close();
    },
  };
}

/** auto = hybrid where the profile declares a window, sequential elsewhere. */
function chooseStrategy(choice: StrategyName, kind: string, resolved: ResolvedExport): 'sequential' | 'hybrid' {
  if (choice === 'hybrid' && kind !== 'hybrid') {
    throw usageError(
      'NO_HYBRID',
      `--strategy hybrid: ${resolved.profile.name} ${resolved.endpointName} pages by ${kind.replace('_', ' ')}, which needs each page before the next; only a profile with an offset window can fetch in parallel`,
    );
  }
  if (choice === 'sequential') return 'sequential';
  return kind === 'hybrid' ? 'hybrid' : 'sequential';
}
