/**
 * `paginate export`: wires profile -> engine (strategy, HTTP, limiter) -> sink, with progress,
 * summary and exit code. Everything is validated before the first request is sent.
 */
import type { Writable } from 'node:stream';
import { setMaxListeners } from 'node:events';
import { ExitCode, PaginateError, usageError } from './errors.js';
import { loadProfile } from './profile/load.js';
import { createEngine, type StrategyName } from './engine.js';
import type { Rate } from './rate-limit/rate.js';
import { openOutput } from './sink/output.js';
import { createSink, formatFromPath, type Format } from './sink/sink.js';
import { plainReporter } from './progress/reporter.js';
import type { Summary } from './progress/summary.js';

export interface ExportCommand {
  profile: string;
  endpoint?: string;
  filters: Array<[string, string]>;
  baseUrl?: string;
  out?: string;
  format?: Format;
  fields?: string[];
  strategy: StrategyName;
  concurrency?: number;
  rate?: Rate;
  pageSize?: number;
  maxItems?: number;
  retries?: number;
  timeoutMs?: number;
  sandbox: boolean;
  quiet: boolean;
  verbose: boolean;
  profileFile?: string;
}

export interface ExportIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
}

export async function runExport(command: ExportCommand, io: ExportIo): Promise<ExitCode> {
  const { profile } = loadProfile({ name: command.profile, file: command.profileFile }, io.env);
  if (command.sandbox && command.baseUrl) throw usageError('BAD_OPTIONS', '--sandbox and --base-url cannot be used together');
  const sandbox = command.sandbox ? await (await import('./sandbox/for-profile.js')).startSandboxFor(profile.name) : undefined;
  const reporter = plainReporter({ stderr: io.stderr, quiet: command.quiet, verbose: command.verbose });
  const controller = new AbortController();
  // Every in-flight request listens for the abort; many at once is expected, not a leak.
  setMaxListeners(0, controller.signal);
  const abort = () => controller.abort(io.signal.reason);
  io.signal.addEventListener('abort', abort, { once: true });
  try {
    const engine = createEngine({
      profile,
      endpoint: command.endpoint,
      filters: command.filters,
      baseUrl: sandbox?.url ?? command.baseUrl,
      env: sandbox ? sandbox.env : io.env,
      pageSize: command.pageSize,
      strategy: command.strategy,
      concurrency: command.concurrency,
      rate: command.rate,
      retries: command.retries,
      timeoutMs: command.timeoutMs,
      signal: controller.signal,
      onRetry: (event) =>
        reporter.log(`retry ${event.attempt} after ${event.reason}, waiting ${(event.waitMs / 1000).toFixed(1)} s`),
    });
    const format = command.format ?? formatFromPath(command.out) ?? 'ndjson';
    const output = await openOutput({ path: command.out, stream: command.out ? undefined : io.stdout });
    const sink = createSink({ format, fields: command.fields ?? (format === 'csv' ? engine.resolved.endpoint.fields : undefined), output });
    const started = Date.now();
    let pages = 0;
    let total: number | undefined;
    const reasons: string[] = [];
    let status: Summary['status'] = 'complete';
    try {
      for await (const page of engine.pages()) {
        pages++;
        total = page.total ?? total;
        if (page.incomplete && !reasons.includes(page.incomplete)) {
          reasons.push(page.incomplete);
          reporter.warn(page.incomplete);
        }
        const room = command.maxItems === undefined ? page.records.length : command.maxItems - sink.records;
        await sink.write(room < page.records.length ? page.records.slice(0, room) : page.records);
        reporter.page({ records: sink.records, pages, total, ...engine.stats, elapsedMs: Date.now() - started });
        if (command.maxItems !== undefined && sink.records >= command.maxItems) break;
      }
      if (io.signal.aborted) status = 'interrupted';
      else if (command.maxItems === undefined || sink.records < command.maxItems) {
        if (total !== undefined && sink.records < total) {
          reasons.push(`received ${sink.records} of the ${total} records the server reported`);
        }
        if (reasons.length > 0) status = 'incomplete';
      }
      await sink.close();
    } catch (error) {
      if (error instanceof PaginateError && error.code === 'OUTPUT_CLOSED') {
        status = 'stopped';
        await sink.close().catch(() => {});
      } else if (io.signal.aborted) {
        status = 'interrupted';
        await sink.close().catch(() => {});
      } else {
        await sink.close().catch(() => {});
        throw error;
      }
    } finally {
      await engine.close();
    }
    // A reader that went away (`| head`) ends the export quietly.
    if (status === 'stopped') return ExitCode.ok;
    const seconds = (Date.now() - started) / 1000;
    const stats = engine.stats;
    reporter.finish({
      profile: profile.name,
      endpoint: engine.resolved.endpointName,
      status,
      records: sink.records,
      pages,
      requests: stats.requests,
      seconds,
      recordsPerSecond: sink.records / Math.max(seconds, 0.001),
      retries: stats.retries,
      throttled: stats.throttled,
      waitedSeconds: stats.waitedMs / 1000,
      output: command.out ?? 'stdout',
      bytes: output.bytes,
      resumed: false,
      reasons,
    });
    if (status === 'interrupted') return ExitCode.interrupted;
    return status === 'incomplete' ? ExitCode.incomplete : ExitCode.ok;
  } finally {
    io.signal.removeEventListener('abort', abort);
    await sandbox?.close();
  }
}
