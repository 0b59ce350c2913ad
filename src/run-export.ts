/**
 * `paginate export`: the checks made before anything starts, then the shared preparation (limiter,
 * sandbox or server, engine), then a dry run or the export itself (run/write-export.ts). Everything
 * is validated before the first request is sent.
 */
import type { Readable, Writable } from 'node:stream';
import { setMaxListeners } from 'node:events';
import { dirname, resolve as absolute } from 'node:path';
import { accessSync, constants } from 'node:fs';
import { type ExitCode, usageError } from './errors.js';
import { loadProfile } from './profile/load.js';
import type { Redactor } from './http/redact.js';
import { formatFromPath } from './sink/sink.js';
import { createReporter, type Reporter, type ReporterStream } from './progress/reporter.js';
import { checkEach } from './fan-out/each.js';
import { requireIncremental } from './incremental/require.js';
import type { ExportCommand } from './cli-options.js';
import { prepareExport } from './run/prepare.js';
import { dryRun } from './run/dry-run.js';
import { writeExport } from './run/write-export.js';

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
  if (command.summaryJson) checkWritableFolder(command.summaryJson, '--summary-json');
  if (command.sandbox && command.baseUrl) throw usageError('BAD_OPTION', '--sandbox and --base-url cannot be used together');
  if (command.each) checkEach(command.each, profile, command.endpoint, command.filters);
  const controller = new AbortController();
  // Every in-flight request listens for the abort; many at once is expected, not a leak.
  setMaxListeners(0, controller.signal);
  const abort = () => controller.abort(io.signal.reason);
  io.signal.addEventListener('abort', abort, { once: true });
  let reporter: Reporter | undefined;
  // Every line from the engine on may quote a server, and a server may echo a credential.
  let redact: Redactor = (text) => text;
  try {
    const prepared = await prepareExport({
      ...command,
      profile,
      profileFile,
      filters: wanted?.filters ?? command.filters,
      deferredFilters: command.each?.map((spec) => spec.filter),
      env: io.env,
      // Fan-out: --concurrency is parents at once, every chain under the one limiter.
      concurrency: command.each ? undefined : command.concurrency,
      chains: command.each ? (command.concurrency ?? 1) : undefined,
      signal: controller.signal,
      onRetry: (event) => reporter?.log(redact(`retry ${event.attempt} after ${event.reason}, waiting ${(event.waitMs / 1000).toFixed(1)} s`)),
    });
    const { engine, identity } = prepared;
    redact = engine.redact;
    try {
      // Records printed to the same terminal would tear the bar apart: plain lines then.
      const sharedTerminal = command.out === undefined && (io.stdout as { isTTY?: boolean }).isTTY === true;
      reporter = await createReporter({ stderr: io.stderr, quiet: command.quiet, verbose: command.verbose, env: io.env, isTTY: sharedTerminal ? false : undefined });
      const format = command.format ?? formatFromPath(command.out) ?? 'ndjson';
      if (command.dryRun) return await dryRun(engine, command, { format, identity }, wanted, io);
      return await writeExport({ command, io, engine, identity, format, reporter, wanted, signal: controller.signal });
    } finally {
      await prepared.close();
    }
  } finally {
    reporter?.close();
    io.signal.removeEventListener('abort', abort);
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
