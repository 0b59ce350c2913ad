/**
 * Progress on stderr, never stdout. Without a terminal (cron, CI) a plain line every few seconds;
 * `--quiet` silences everything but errors. The interactive bar lives in tty.ts.
 */
import type { Writable } from 'node:stream';
import { formatSummary, type Summary } from './summary.js';

export interface ProgressSnapshot {
  records: number;
  pages: number;
  total?: number;
  retries: number;
  throttled: number;
  elapsedMs: number;
}

export interface Reporter {
  page(snapshot: ProgressSnapshot): void;
  log(line: string): void;
  warn(line: string): void;
  finish(summary: Summary): void;
}

export interface ReporterOptions {
  stderr: Writable;
  quiet: boolean;
  verbose: boolean;
  /** How often the plain progress line is printed. @default 10000 */
  intervalMs?: number;
}

export function plainReporter(options: ReporterOptions): Reporter {
  const { stderr } = options;
  const interval = options.intervalMs ?? 10_000;
  let lastLine = Date.now();
  const line = (text: string) => stderr.write(`${text}\n`);
  return {
    page(snapshot) {
      if (options.quiet || Date.now() - lastLine < interval) return;
      lastLine = Date.now();
      const rate = snapshot.records / Math.max(snapshot.elapsedMs / 1000, 0.001);
      const of = snapshot.total !== undefined ? `/${snapshot.total}` : '';
      line(`paginate: ${snapshot.records}${of} records, ${snapshot.pages} pages, ${Math.round(rate)} records/s, ${snapshot.retries} retries`);
    },
    log(text) {
      if (options.verbose) line(`paginate: ${text}`);
    },
    warn(text) {
      if (!options.quiet) line(`paginate: warning: ${text}`);
    },
    finish(summary) {
      if (!options.quiet || summary.status === 'incomplete') line(formatSummary(summary));
    },
  };
}
