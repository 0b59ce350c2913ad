/**
 * `paginate export` past the checks: opens the destination (output and checkpoint, resumed or
 * not), runs the export loop into it, and ends it once — finished, the reader gone (`| head`),
 * interrupted or failed — with the summary and the exit code.
 */
import { ExitCode, PaginateError } from '../errors.js';
import type { Engine } from '../engine.js';
import { closeDestination, openDestination, type Destination } from '../destination.js';
import type { Reporter } from '../progress/reporter.js';
import { writeSummaryJson, type Summary } from '../progress/summary.js';
import type { Format } from '../sink/sink.js';
import type { IncrementalRequest } from '../incremental/require.js';
import { createSession, type Session } from '../incremental/session.js';
import { durableLength } from '../incremental/output-start.js';
import { openParentInput } from '../fan-out/input.js';
import { createFanOut, type FanOut, type FanOutPage } from '../fan-out/fan-out.js';
import type { PageResult } from '../strategy/types.js';
import type { Position } from '../pagination/types.js';
import type { ExportCommand } from '../cli-options.js';
import type { ExportIo } from '../run-export.js';
import { createExportLoop, type ExportLoop } from './export-loop.js';
import { finishIncremental } from './finish-incremental.js';
import { summarize, type SummaryParts } from './summarize.js';

export interface WriteRun {
  command: ExportCommand;
  io: ExportIo;
  engine: Engine;
  identity: string;
  format: Format;
  reporter: Reporter;
  wanted?: IncrementalRequest;
  /** The export's own signal: aborted with the caller's. */
  signal: AbortSignal;
}

export async function writeExport(run: WriteRun): Promise<ExitCode> {
  const { command, io, engine, reporter, wanted } = run;
  const { resolved, redact } = engine;
  const parents = command.each && (await openParentInput(command.eachFrom, io.stdin ?? process.stdin));
  const fanOutKey = command.each && parents && { pairs: command.each.map((spec) => `${spec.filter}=${spec.path}`), withParent: command.withParent, source: parents.id };
  const fresh = command.restart || wanted?.since !== undefined;
  const destination = await openDestination(
    resolved,
    { ...command, format: run.format, identity: run.identity, restart: fresh, incremental: wanted && { fresh }, fanOut: fanOutKey, secrets: engine.secrets },
    io.stdout,
    io.env,
  );
  const { resumed } = destination;
  const session: Session | undefined = wanted && destination.incremental && createSession({ ...wanted, ...destination.incremental, written: resumed?.incremental, secrets: engine.secrets });
  if (resumed && !command.out) {
    reporter.warn(`resuming from checkpoint ${destination.checkpointPath} after ${resumed.emitted} records: on stdout, records after the last checkpoint may repeat (--restart starts over)`);
  }
  const fanOut: FanOut | undefined =
    command.each && parents
      ? createFanOut({ engine, each: command.each, input: parents.stream, source: parents.name, concurrency: command.concurrency ?? 1, withParent: command.withParent, resumed: resumed?.fanOut, warn: (message) => reporter.warn(redact(message)), signal: run.signal })
      : undefined;
  const loop = createExportLoop({ maxItems: command.maxItems, resumed, select: session && ((records) => session.select(records)), redact });
  const parts: SummaryParts = { engine, loop, destination, fanOut, out: command.out, startedAt: Date.now() };
  reporter.start({ profile: resolved.profile.name, endpoint: resolved.endpointName, strategy: engine.strategy, output: command.out ?? 'stdout' });
  let status: Summary['status'];
  try {
    const start = resumed?.position ?? session?.start;
    const source: AsyncIterable<PageResult & Partial<Pick<FanOutPage, 'fanOut'>>> = fanOut
      ? fanOut.pages()
      : engine.pages(start && { position: start, emitted: resumed?.emitted ?? 0, total: resumed?.total }, session?.narrow(resolved.base));
    const ended = await pump(run, loop, source, destination, { session, start, startedAt: parts.startedAt });
    status = loop.finish({ reasons: fanOut && (() => fanOut.reasons()), counted: !session });
    await closeDestination(destination, 'finished');
    if (session) await finishIncremental(session, status, { outputBytes: command.out ? await durableLength(command.out) : undefined, columns: destination.sink.columns, position: ended.lastAt }, reporter);
  } catch (error) {
    if (error instanceof PaginateError && error.code === 'OUTPUT_CLOSED') {
      // The reader went away (`| head`): it had what it wanted, so nothing is left to resume.
      await closeDestination(destination, 'reader-left');
      return ExitCode.ok;
    }
    await closeDestination(destination, 'stopped');
    if (!io.signal.aborted) {
      reporter.close();
      const failed = error instanceof PaginateError ? error.withMessage(redact(error.message)) : error;
      // Pipelines reading --summary-json learn of the failure too; stderr keeps its one error line.
      loop.counts.reasons.push(failed instanceof Error ? failed.message : String(failed));
      if (command.summaryJson) await writeSummaryJson(command.summaryJson, summarize(parts, 'failed')).catch(() => {});
      throw failed;
    }
    status = 'interrupted';
  }
  const summary = summarize(parts, status);
  reporter.finish(summary);
  if (command.summaryJson) await writeSummaryJson(command.summaryJson, summary);
  if (status === 'interrupted') return ExitCode.interrupted;
  return status === 'incomplete' ? ExitCode.incomplete : ExitCode.ok;
}

/** The loop into the sink: each page written, then its checkpoint and progress. Returns the last request's position. */
async function pump(
  run: WriteRun,
  loop: ExportLoop,
  source: AsyncIterable<PageResult & { fanOut?: FanOutPage['fanOut'] }>,
  { sink, checkpointer }: Destination,
  { session, start, startedAt }: { session?: Session; start?: Position; startedAt: number },
) {
  // Keyset mode: the next run continues from this run's last request.
  let at = start;
  let lastAt: Position | undefined;
  for await (const { page, records, done, incomplete } of loop.run(source)) {
    lastAt = at;
    at = page.next;
    if (incomplete) run.reporter.warn(incomplete);
    await sink.write(records);
    session?.accept(records);
    const { emitted, pages, total, reasons } = loop.counts;
    await checkpointer.written({ next: done ? undefined : page.next, emitted, pages, total, incomplete: reasons, columns: sink.columns, incremental: session?.written, fanOut: page.fanOut });
    run.reporter.page({ records: emitted, pages, total: loop.goal, ...run.engine.stats, elapsedMs: Date.now() - startedAt });
  }
  if (run.signal.aborted) throw run.signal.reason;
  return { lastAt };
}
