/**
 * The words for progress: the running progress line, and the end-of-export summary as one line
 * (stderr) and as JSON (--summary-json).
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { failure } from '../errors.js';
import { outputError } from '../sink/output-error.js';
import type { ProgressSnapshot } from './reporter.js';

export interface Summary {
  profile: string;
  endpoint: string;
  status: 'complete' | 'incomplete' | 'interrupted' | 'failed';
  records: number;
  pages: number;
  requests: number;
  seconds: number;
  recordsPerSecond: number;
  retries: number;
  throttled: number;
  waitedSeconds: number;
  output: string;
  bytes: number;
  resumed: boolean;
  /** Why the export may not be exhaustive. */
  reasons: string[];
  /** Fan-out: parents done, and those the API answered with 404. */
  parents?: number;
  parentsNotFound?: number;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m${Math.round(seconds % 60)}s` : `${Math.floor(minutes / 60)}h${minutes % 60}m`;
}

const formatThrottled = (throttled: number, waitedSeconds: number): string =>
  `${throttled} × 429 (${waitedSeconds.toFixed(1)} s waited)`;

/**
 * The counts shared by the bar and the plain line, most important first (a narrow terminal shows
 * a prefix): records (of total, with percent), rate, ETA, 429s and time waited, retries, pages.
 * `rate` is records/s over a recent window; `etaSeconds` undefined means not known yet.
 */
export function progressParts(snapshot: ProgressSnapshot, rate: number, etaSeconds: number | undefined): string[] {
  const { records, total } = snapshot;
  const perSecond = `${Math.round(rate)} records/s`;
  const head =
    total === undefined
      ? [`${records} records`, perSecond]
      : [
          `${records}/${total} records (${percent(records, total).toFixed(1)}%)`,
          perSecond,
          `ETA ${etaSeconds === undefined ? '?' : formatDuration(etaSeconds)}`,
        ];
  const throttled = formatThrottled(snapshot.throttled, snapshot.waitedMs / 1000);
  return [...head, throttled, `${snapshot.retries} retries`, `${snapshot.pages} pages`];
}

/** Floored, so 100% means every record the server announced has arrived. */
export const percent = (records: number, total: number): number =>
  total <= 0 ? 100 : Math.min(100, Math.floor((records / total) * 1000) / 10);

export function formatSummary(summary: Summary): string {
  const parts = [
    ...(summary.parents === undefined ? [] : [`${summary.parents} parents${summary.parentsNotFound ? ` (${summary.parentsNotFound} not found)` : ''}`]),
    `${summary.records} records`,
    `${summary.pages} pages`,
    `${formatDuration(summary.seconds)} (${Math.round(summary.recordsPerSecond)} records/s)`,
    `${summary.retries} retries`,
    formatThrottled(summary.throttled, summary.waitedSeconds),
    `→ ${summary.output} (${formatBytes(summary.bytes)})`,
  ];
  const state =
    summary.status === 'incomplete'
      ? `POSSIBLY INCOMPLETE: ${summary.reasons.join('; ')}`
      : summary.resumed
        ? `${summary.status} (resumed)`
        : summary.status;
  return `paginate: ${summary.profile} ${summary.endpoint}: ${parts.join(', ')}; ${state}`;
}

/** --summary-json: the same summary for pipelines, written whole or not at all (tmp + rename). */
export async function writeSummaryJson(path: string, summary: Summary): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(summary, null, 2)}\n`);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => {});
    // The output's messages already say what went wrong with a path ("output folder … does not exist").
    throw failure('SUMMARY_JSON', `--summary-json: ${outputError(error, path).message}`, error);
  }
}
