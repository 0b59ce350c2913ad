/**
 * `--dry-run`: one request, then what the export would do — records, requests, windows,
 * strategy, rate limit and an estimated time. Nothing is written and no checkpoint is made.
 */
import type { Engine } from './engine.js';
import { formatRate } from './rate-limit/rate.js';
import { formatDuration } from './progress/summary.js';

export interface Plan {
  profile: string;
  endpoint: string;
  strategy: 'sequential' | 'hybrid';
  concurrency: number;
  rate?: string;
  pageSize?: number;
  total?: number;
  requests?: number;
  windows?: number;
  latencyMs: number;
  estimatedSeconds?: number;
  firstPageRecords: number;
}

export async function planExport(engine: Engine): Promise<Plan> {
  const { resolved } = engine;
  const pagination = resolved.endpoint.pagination;
  const started = Date.now();
  const page = await engine.probe();
  const latencyMs = Date.now() - started;
  const size = resolved.pageSize ?? Math.max(page.records.length, 1);
  const total = page.total;
  const requests = total === undefined ? undefined : Math.max(1, Math.ceil(total / size));
  const windows = pagination.kind === 'hybrid' && total !== undefined ? Math.max(1, Math.ceil(total / pagination.window)) : undefined;
  // Requests per second: the rate limit, or what the concurrency allows at the measured latency.
  const byLatency = engine.concurrency / Math.max(latencyMs / 1000, 0.001);
  const byRate = engine.rate ? engine.rate.count / (engine.rate.perMs / 1000) : Infinity;
  return {
    profile: resolved.profile.name,
    endpoint: resolved.endpointName,
    strategy: engine.strategy,
    concurrency: engine.concurrency,
    rate: engine.rate && formatRate(engine.rate),
    pageSize: resolved.pageSize,
    total,
    requests,
    windows,
    latencyMs,
    estimatedSeconds: requests === undefined ? undefined : requests / Math.min(byLatency, byRate),
    firstPageRecords: page.records.length,
  };
}

export function formatPlan(plan: Plan): string {
  const lines = [
    `plan for ${plan.profile} ${plan.endpoint} (one request sent, ${plan.latencyMs} ms)`,
    `  records:     ${plan.total ?? 'unknown (the API reports no total)'}`,
    `  requests:    ${plan.requests ?? 'unknown'}${plan.pageSize ? ` of ${plan.pageSize} records` : ''}`,
  ];
  if (plan.windows !== undefined) lines.push(`  windows:     ${plan.windows} offset window${plan.windows === 1 ? '' : 's'}`);
  lines.push(
    `  strategy:    ${plan.strategy}${plan.strategy === 'hybrid' ? `, ${plan.concurrency} requests in flight` : ''}`,
    `  rate limit:  ${plan.rate ?? 'none'}`,
    `  estimate:    ${plan.estimatedSeconds === undefined ? 'unknown' : formatDuration(plan.estimatedSeconds)}`,
  );
  return `${lines.join('\n')}\n`;
}
