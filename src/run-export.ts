/**
 * `paginate export`: wires profile -> engine (strategy, HTTP, limiter) -> destination (sink and
 * checkpoint), with progress, summary and exit code. Everything is validated before the first
 * request is sent.
 */
import type { Readable, Writable } from 'node:stream';
import { setMaxListeners } from 'node:events';
import { dirname, resolve as absolute } from 'node:path';
import { accessSync, constants } from 'node:fs';
import { ExitCode, PaginateError, usageError } from './errors.js';
import { loadProfile } from './profile/load.js';
import { createEngine, type StrategyName } from './engine.js';
import type { Rate } from './rate-limit/rate.js';
import { formatFromPath, type Format } from './sink/sink.js';
import { openDestination } from './destination.js';
import { createReporter, type ReporterStream } from './progress/reporter.js';
import { writeSummaryJson, type Summary } from './progress/summary.js';
import type { PageResult } from './strategy/types.js';
import type { EachSpec } from './fan-out/each.js';
import { checkEach } from './fan-out/each.js';
import { openParentInput } from './fan-out/input.js';
import { createFanOut, type FanOut, type FanOutPage } from './fan-out/fan-out.js';
import { requireIncremental } from './incremental/require.js';
import { createSession, type Session } from './incremental/session.js';
import { durableLength } from './incremental/output-start.js';
import type { Position } from './pagination/types.js';
import type { ExportCommand } from './cli-options.js';

export type { ExportCommand };

export interface ExportIo {
  stdout: Writable;
  /** Where fan-out parents come from without --each-from. @default process.stdin */
  stdin?: Readable;
  stderr: ReporterStream;
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
}

export async function runExport(command: ExportCommand, io: ExportIo): Promise<ExitCode> {
  const { profile, file: profileFile } = loadProfile({ name: command.profile, file: command.profileFile }, io.env);
  const wanted = command.incremental ? requireIncremental(profile, command.endpoint, command.filters, command.since) : undefined;
  const filters = wanted?.filters ?? command.filters;
  if (command.summaryJson) checkWritableFolder(command.summaryJson, '--summary-json');
  if (command.sandbox && command.baseUrl) throw usageError('BAD_OPTION', '--sandbox and --base-url cannot be used together');
  // Reached before anything else starts: an unreachable limiter is exit 2 with nothing sent.
  const sharedLimiter = command.limiter ? await (await import('./rate-limit/shared-limiter.js')).connectSharedLimiter(command.limiter, { lostTimeoutMs: command.limiterTimeoutMs }) : undefined;
  const sandbox = command.sandbox ? await (await import('./sandbox/for-profile.js')).startSandboxFor(profile.name) : undefined;
  if (command.each) checkEach(command.each, profile, command.endpoint, command.filters);
  const eachNames = command.each?.map((spec) => spec.filter);
  const controller = new AbortController();
  // Every in-flight request listens for the abort; many at once is expected, not a leak.
  setMaxListeners(0, controller.signal);
  const abort = () => controller.abort(io.signal.reason);
  io.signal.addEventListener('abort', abort, { once: true });
  // Records printed to the same terminal would tear the bar apart: plain lines then.
  const sharedTerminal = command.out === undefined && (io.stdout as { isTTY?: boolean }).isTTY === true;
  const reporter = await createReporter({
    stderr: io.stderr,
    quiet: command.quiet,
    verbose: command.verbose,
    env: io.env,
    isTTY: sharedTerminal ? false : undefined,
  });
  try {
    const engine = createEngine({
      profile,
      profileFile,
      endpoint: command.endpoint,
      filters: sandbox ? sandbox.fillFilters(filters, profile, command.endpoint, eachNames) : filters,
      deferredFilters: eachNames,
      baseUrl: sandbox?.url ?? command.baseUrl,
      env: sandbox ? sandbox.env : io.env,
      pageSize: command.pageSize,
      strategy: command.strategy,
      // Fan-out: --concurrency is parents at once, every chain under the one limiter.
      concurrency: command.each ? undefined : command.concurrency,
      chains: command.each ? (command.concurrency ?? 1) : undefined,
      rate: command.rate,
      retries: command.retries,
      timeoutMs: command.timeoutMs,
      sharedLimiter,
      signal: controller.signal,
      onRetry: (event) => reporter.log(engine.redact(`retry ${event.attempt} after ${event.reason}, waiting ${(event.waitMs / 1000).toFixed(1)} s`)),
    });
    const { resolved } = engine;
    // Every line from here on may quote a server, and a server may echo a credential.
    const { redact } = engine;
    try {
      const format = command.format ?? formatFromPath(command.out) ?? 'ndjson';
      if (command.dryRun) {
        const { planExport, formatPlan } = await import('./plan.js');
        io.stdout.write(formatPlan(await planExport(engine)));
        if (wanted) io.stdout.write(await (await import('./incremental/plan.js')).planIncremental(engine, wanted, { ...command, format, incremental: undefined, secrets: engine.secrets }, io.env));
        return ExitCode.ok;
      }
      const parents = command.each && (await openParentInput(command.eachFrom, io.stdin ?? process.stdin));
      const fanOutKey = command.each && parents && { pairs: command.each.map((spec) => `${spec.filter}=${spec.path}`), withParent: command.withParent, source: parents.id };
      const fresh = command.restart || wanted?.since !== undefined;
      const destination = await openDestination(resolved, { ...command, format, restart: fresh, incremental: wanted && { fresh }, fanOut: fanOutKey, secrets: engine.secrets }, io.stdout, io.env);
      const { sink, output, checkpointer, resumed } = destination;
      const session: Session | undefined =
        wanted && destination.incremental && createSession({ ...wanted, ...destination.incremental, written: resumed?.incremental, secrets: engine.secrets });
      if (resumed && !command.out) {
        reporter.warn(`resuming from checkpoint ${destination.checkpointPath} after ${resumed.emitted} records: on stdout, records after the last checkpoint may repeat (--restart starts over)`);
      }
      const fanOut: FanOut | undefined =
        command.each && parents
          ? createFanOut({
              engine,
              each: command.each,
              input: parents.stream,
              source: parents.name,
              concurrency: command.concurrency ?? 1,
              withParent: command.withParent,
              resumed: resumed?.fanOut,
              warn: (message) => reporter.warn(redact(message)),
              signal: controller.signal,
            })
          : undefined;
      const before = resumed?.emitted ?? 0;
      const reasons = [...(resumed?.incomplete ?? [])];
      let pages = resumed?.pages ?? 0;
      let total = resumed?.total;
      let status: Summary['status'] = 'complete';
      const started = Date.now();
      const summarize = (state: Summary['status']): Summary => {
        const seconds = (Date.now() - started) / 1000;
        const stats = engine.stats;
        return {
          profile: profile.name,
          endpoint: resolved.endpointName,
          status: state,
          records: before + sink.records,
          pages,
          requests: stats.requests,
          seconds,
          recordsPerSecond: sink.records / Math.max(seconds, 0.001),
          retries: stats.retries,
          throttled: stats.throttled,
          waitedSeconds: stats.waitedMs / 1000,
          output: command.out ?? 'stdout',
          bytes: output.bytes,
          resumed: resumed !== undefined,
          reasons,
          ...(fanOut && { parents: fanOut.parents, parentsNotFound: fanOut.notFound }),
        };
      };
      reporter.start({ profile: profile.name, endpoint: resolved.endpointName, strategy: engine.strategy, output: command.out ?? 'stdout' });
      try {
        const start = resumed?.position ?? session?.start;
        // Keyset mode: the next run continues from this run's last request.
        let at: Position | undefined = start;
        let lastAt: Position | undefined;
        const source: AsyncIterable<PageResult & Partial<Pick<FanOutPage, 'fanOut'>>> = fanOut
          ? fanOut.pages()
          : engine.pages(start && { position: start, emitted: resumed?.emitted ?? 0, total: resumed?.total }, session?.narrow(resolved.base));
        for await (const page of source) {
          lastAt = at;
          at = page.next;
          pages++;
          total = page.total ?? total;
          const incomplete = page.incomplete && redact(page.incomplete);
          if (incomplete && !reasons.includes(incomplete)) {
            reasons.push(incomplete);
            reporter.warn(incomplete);
          }
          const selected = session ? session.select(page.records) : { records: page.records, stop: false };
          const room = command.maxItems === undefined ? Infinity : command.maxItems - before - sink.records;
          const records = room < selected.records.length ? selected.records.slice(0, room) : selected.records;
          await sink.write(records);
          session?.accept(records);
          const emitted = before + sink.records;
          const done = room <= selected.records.length || selected.stop;
          await checkpointer.written({ next: done ? undefined : page.next, emitted, pages, total, incomplete: reasons, columns: sink.columns, incremental: session?.written, fanOut: page.fanOut });
          const goal = command.maxItems === undefined ? total : Math.min(total ?? Infinity, command.maxItems);
          reporter.page({ records: emitted, pages, total: goal, ...engine.stats, elapsedMs: Date.now() - started });
          if (done) break;
        }
        if (controller.signal.aborted) throw controller.signal.reason;
        const emitted = before + sink.records;
        const stoppedEarly = command.maxItems !== undefined && emitted >= command.maxItems;
        if (fanOut && !stoppedEarly) reasons.push(...fanOut.reasons());
        // An incremental run writes fewer records than the server counts, by design.
        if (!session && !stoppedEarly && total !== undefined && emitted < total) reasons.push(`received ${emitted} of the ${total} records the server reported`);
        if (!stoppedEarly && reasons.length > 0) status = 'incomplete';
        await sink.close();
        await checkpointer.finish();
        if (session) await finishIncremental(session, status, { outputBytes: command.out ? await durableLength(command.out) : undefined, columns: sink.columns, position: lastAt }, reporter);
      } catch (error) {
        if (error instanceof PaginateError && error.code === 'OUTPUT_CLOSED') {
          // The reader went away (`| head`): it had what it wanted, so nothing is left to resume.
          await sink.close().catch(() => {});
          await checkpointer.finish();
          return ExitCode.ok;
        }
        await checkpointer.stop();
        await sink.close().catch(() => {});
        if (!io.signal.aborted) {
          reporter.close();
          const failed = error instanceof PaginateError ? error.withMessage(redact(error.message)) : error;
          // Pipelines reading --summary-json learn of the failure too; stderr keeps its one error line.
          reasons.push(failed instanceof Error ? failed.message : String(failed));
          if (command.summaryJson) await writeSummaryJson(command.summaryJson, summarize('failed')).catch(() => {});
          throw failed;
        }
        status = 'interrupted';
      }
      const summary = summarize(status);
      reporter.finish(summary);
      if (command.summaryJson) await writeSummaryJson(command.summaryJson, summary);
      if (status === 'interrupted') return ExitCode.interrupted;
      return status === 'incomplete' ? ExitCode.incomplete : ExitCode.ok;
    } finally {
      await engine.close();
    }
  } finally {
    reporter.close();
    io.signal.removeEventListener('abort', abort);
    await sandbox?.close();
    await sharedLimiter?.close();
  }
}

/**
 * The mark moves only after a complete run whose output is durable (and whose checkpoint is gone:
 * a kill between the two repeats this run, cut back to the previous state, never skips it).
 */
async function finishIncremental(session: Session, status: Summary['status'], end: Parameters<Session['commit']>[0], reporter: { warn(text: string): void }) {
  if (status !== 'complete') {
    reporter.warn(`the incremental mark did not move (${session.path}): the next --incremental run exports these records again`);
    return;
  }
  if (await session.commit(end)) {
    reporter.warn(`incremental state reached its cap of keys (incremental.max_keys): the lookback window now starts later, so a record arriving late below it is missed (${session.path})`);
  }
}

/** A file the export will write at the end: its folder must exist now, not after hours of work. */
function checkWritableFolder(path: string, flag: string): void {
  const folder = dirname(absolute(path));
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw usageError('BAD_OPTION', `${flag} ${path}: the folder ${folder} does not exist or is not writable`);
  }
}

