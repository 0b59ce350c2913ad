/**
 * Where an export's records go and how it resumes: the checkpoint (locked, keyed by the command)
 * and the output opened to match it — a file cut back to the checkpointed length, or stdout.
 */
import { resolve as absolute } from 'node:path';
import type { Writable } from 'node:stream';
import type { ResolvedExport } from './profile/resolve.js';
import { openOutput, type Output } from './sink/output.js';
import { createSink, type Format, type Sink } from './sink/sink.js';
import { checkpointKey } from './checkpoint/key.js';
import { defaultStateDir } from './checkpoint/state-dir.js';
import { openCheckpointStore } from './checkpoint/store.js';
import { createCheckpointer, type Checkpointer } from './checkpoint/checkpointer.js';
import type { Checkpoint } from './checkpoint/checkpoint.js';
import { readState, removeState, statePath, type IncrementalState } from './incremental/state-file.js';
import { appendPosition } from './incremental/output-start.js';

export interface DestinationChoices {
  format: Format;
  fields?: string[];
  /** A file path; stdout when absent. */
  out?: string;
  stateDir?: string;
  restart: boolean;
  /** What names the server in the key, set by the edge: the origin in use, or a name that outlives its port. */
  identity: string;
  /** Fan-out: part of what identifies the export. */
  fanOut?: { pairs: string[]; withParent?: string; source: string };
  /** `--incremental`; `fresh` (--restart, --since) forgets the state. */
  incremental?: { fresh: boolean };
  /** The export's secrets so far, refused in every checkpoint. */
  secrets: () => readonly string[];
}

export interface Destination {
  sink: Sink;
  output: Output;
  checkpointer: Checkpointer;
  /** The checkpoint this run continues from. */
  resumed?: Checkpoint;
  checkpointPath: string;
  /** Incremental runs: the state file, its content (absent before the first complete run), and the key. */
  incremental?: { path: string; state?: IncrementalState; key: string; command: Record<string, unknown> };
}

/** What names this export's checkpoint and state: everything that shapes its output. */
export function destinationKey(resolved: ResolvedExport, choices: DestinationChoices, env: NodeJS.ProcessEnv) {
  const out = choices.out === undefined ? undefined : absolute(choices.out);
  const command = {
    profile: resolved.profile.name,
    endpoint: resolved.endpointName,
    filters: resolved.filters,
    format: choices.format,
    fields: choices.fields,
    output: out,
  };
  const key = checkpointKey({ ...command, baseUrl: choices.identity, pageSize: resolved.pageSize, incremental: choices.incremental && true, each: choices.fanOut });
  return { out, command, key, dir: choices.stateDir ?? defaultStateDir(env) };
}

export async function openDestination(resolved: ResolvedExport, choices: DestinationChoices, stdout: Writable, env: NodeJS.ProcessEnv): Promise<Destination> {
  const { out, command, key, dir } = destinationKey(resolved, choices, env);
  const store = await openCheckpointStore({
    dir,
    key,
    restart: choices.restart,
    secrets: choices.secrets,
  });
  const resumed = store.resumed;
  let output: Output;
  let incremental: Destination['incremental'];
  let appended = false;
  try {
    if (choices.incremental) {
      const path = statePath(dir, key);
      if (choices.incremental.fresh) await removeState(path);
      incremental = { path, key, command, state: choices.incremental.fresh ? undefined : await readState(path, key) };
    }
    let append = resumed?.outputBytes !== undefined && out ? { truncateTo: resumed.outputBytes } : undefined;
    if (!resumed && out && incremental?.state) {
      append = await appendPosition(out, incremental.state.outputBytes);
      appended = append !== undefined;
    }
    output = await openOutput({ path: out, stream: out ? undefined : stdout, append });
  } catch (error) {
    await store.release();
    throw error;
  }
  const state = appended ? incremental?.state : undefined;
  const sink = createSink({
    format: choices.format,
    fields: resumed?.columns ?? state?.columns ?? choices.fields,
    output,
    headerWritten: resumed?.headerWritten ?? (state?.columns !== undefined ? true : undefined),
  });
  const checkpointer = createCheckpointer(store, () => sink.sync(), { key, command, fileOutput: out !== undefined });
  return { sink, output, checkpointer, resumed, checkpointPath: store.path, incremental };
}

/**
 * The end of an export, for its output and checkpoint: `finished` closes the output (a failure to
 * close is the export's) and removes the checkpoint; `reader-left` (`| head`) removes it too, as
 * the reader had what it wanted; `stopped` (failure, signal) saves the latest page first, to resume.
 */
export async function closeDestination({ sink, checkpointer }: Destination, end: 'finished' | 'reader-left' | 'stopped'): Promise<void> {
  if (end === 'stopped') await checkpointer.stop();
  if (end === 'finished') await sink.close();
  else await sink.close().catch(() => {});
  if (end !== 'stopped') await checkpointer.finish();
}
