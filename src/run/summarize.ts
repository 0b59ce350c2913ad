/** The end-of-export summary (stderr and --summary-json) from the loop's counts and the engine's stats. */
import type { Engine } from '../engine.js';
import type { Destination } from '../destination.js';
import type { FanOut } from '../fan-out/fan-out.js';
import type { Summary } from '../progress/summary.js';
import type { ExportLoop } from './export-loop.js';

export interface SummaryParts {
  engine: Engine;
  loop: ExportLoop;
  destination: Destination;
  fanOut?: FanOut;
  out?: string;
  startedAt: number;
}

export function summarize({ engine, loop, destination, fanOut, out, startedAt }: SummaryParts, status: Summary['status']): Summary {
  const seconds = (Date.now() - startedAt) / 1000;
  const { stats } = engine;
  const { sink, output, resumed } = destination;
  return {
    profile: engine.resolved.profile.name,
    endpoint: engine.resolved.endpointName,
    status,
    records: (resumed?.emitted ?? 0) + sink.records,
    pages: loop.counts.pages,
    requests: stats.requests,
    seconds,
    recordsPerSecond: sink.records / Math.max(seconds, 0.001),
    retries: stats.retries,
    throttled: stats.throttled,
    waitedSeconds: stats.waitedMs / 1000,
    output: out ?? 'stdout',
    bytes: output.bytes,
    resumed: resumed !== undefined,
    reasons: loop.counts.reasons,
    ...(fanOut && { parents: fanOut.parents, parentsNotFound: fanOut.notFound }),
  };
}
