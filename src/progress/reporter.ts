/**
 * Progress on stderr, never stdout. Picks how: a bar on a terminal (tty.ts, loaded only then), a
 * plain line every ~10 s without one (cron, CI, a file), or nothing but an incomplete summary
 * with --quiet.
 */
import type { Writable } from 'node:stream';
import { createRateMeter, etaSeconds } from './eta.js';
import { formatSummary, progressParts, type Summary } from './summary.js';

export interface ProgressSnapshot {
  records: number;
  pages: number;
  /** Records the server says exist, when it says so. */
  total?: number;
  retries: number;
  /** 429 responses. */
  throttled: number;
  /** Time spent waiting on the rate limiter. */
  waitedMs: number;
  /** Since the export started. */
  elapsedMs: number;
}

/** What is being exported, for the spinner shown until the first page. */
export interface ExportInfo {
  profile: string;
  endpoint: string;
  strategy: string;
  /** A file path, or `stdout`. */
  output: string;
}

/**
 * Call order: start → page (after every page) with log/warn at any time → finish on every path that
 * has a summary → close in a `finally`, always (it is idempotent and a no-op after finish).
 */
export interface Reporter {
  /** Before the first request. */
  start(info: ExportInfo): void;
  /** After each page is written; cheap enough to call for every page. */
  page(snapshot: ProgressSnapshot): void;
  /** Shown with --verbose only. */
  log(line: string): void;
  warn(line: string): void;
  /** Ends the progress display and prints the one summary line. */
  finish(summary: Summary): void;
  /** Ends the progress display without a summary, so an error line can follow on a clean line. */
  close(): void;
}

export type ReporterStream = Writable & { isTTY?: boolean; columns?: number };

export interface ReporterOptions {
  stderr: ReporterStream;
  quiet: boolean;
  verbose: boolean;
  env: NodeJS.ProcessEnv;
  /** Force the bar (true) or plain lines (false). @default detected from stderr and env */
  isTTY?: boolean;
  /** How often the plain progress line is printed. @default 10000 */
  intervalMs?: number;
}

export async function createReporter(options: ReporterOptions): Promise<Reporter> {
  if (options.quiet) return quietReporter(options.stderr);
  if (options.isTTY ?? isInteractive(options.stderr, options.env)) {
    // Loaded here only: ora and cli-progress cost start-up time that --help and cron runs need not pay.
    const { createTtyReporter } = await import('./tty.js');
    return createTtyReporter({
      stderr: options.stderr as NodeJS.WriteStream,
      verbose: options.verbose,
      color: !options.env.NO_COLOR,
    });
  }
  return plainReporter(options);
}

export function isInteractive(stderr: ReporterStream, env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  // A terminal that reports no width (some `docker exec -t`) cannot host a bar.
  return stderr.isTTY === true && (stderr.columns ?? 0) > 0 && env.TERM !== 'dumb' && !ci;
}

/** --quiet: only errors, and the summary when the export may be incomplete (it exits 3). */
export function quietReporter(stderr: Writable): Reporter {
  const ignore = () => {};
  return {
    start: ignore,
    page: ignore,
    log: ignore,
    warn: ignore,
    close: ignore,
    finish(summary) {
      if (summary.status === 'incomplete') stderr.write(`${formatSummary(summary)}\n`);
    },
  };
}

/** No ANSI at all: one line per interval, timed by the snapshots so that tests need no clock. */
export function plainReporter(options: Pick<ReporterOptions, 'stderr' | 'verbose' | 'intervalMs'>): Reporter {
  const interval = options.intervalMs ?? 10_000;
  const meter = createRateMeter(interval);
  let lastLineMs: number | undefined;
  const line = (text: string) => options.stderr.write(`${text}\n`);
  return {
    start(info) {
      if (options.verbose) line(`paginate: exporting ${info.profile} ${info.endpoint} (${info.strategy}) → ${info.output}`);
    },
    page(snapshot) {
      const at = snapshot.elapsedMs;
      // The first page is the rate's baseline; lines follow once an interval has passed.
      if (lastLineMs === undefined) {
        lastLineMs = at;
        meter.sample(at, snapshot.records);
        return;
      }
      if (at - lastLineMs < interval) return;
      lastLineMs = at;
      const rate = meter.sample(at, snapshot.records);
      const eta = snapshot.total === undefined ? undefined : etaSeconds(snapshot.records, snapshot.total, rate);
      line(`paginate: ${progressParts(snapshot, rate, eta).join(', ')}`);
    },
    log(text) {
      if (options.verbose) line(`paginate: ${text}`);
    },
    warn(text) {
      line(`paginate: warning: ${text}`);
    },
    finish(summary) {
      line(formatSummary(summary));
    },
    close() {},
  };
}
