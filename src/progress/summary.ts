/** The end-of-export summary: one object (for --summary-json) and one line (stderr). */
export interface Summary {
  profile: string;
  endpoint: string;
  status: 'complete' | 'incomplete' | 'interrupted' | 'failed' | 'stopped';
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

export function formatSummary(summary: Summary): string {
  const parts = [
    `${summary.records} records`,
    `${summary.pages} pages`,
    `${formatDuration(summary.seconds)} (${Math.round(summary.recordsPerSecond)} records/s)`,
    `${summary.retries} retries`,
    `${summary.throttled} throttled (${summary.waitedSeconds.toFixed(1)} s waited)`,
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
