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

export interface DestinationChoices {
  format: Format;
  fields?: string[];
  /** A file path; stdout when absent. */
  out?: string;
  stateDir?: string;
  restart: boolean;
  /** The sandbox listens on a new port each run: its checkpoints must match across runs anyway. */
  sandbox: boolean;
  /** Fan-out: part of what identifies the export. */
  each?: { pairs: string[]; withParent?: string; source: string };
}

export interface Destination {
  sink: Sink;
  output: Output;
  checkpointer: Checkpointer;
  /** The checkpoint this run continues from. */
  resumed?: Checkpoint;
  checkpointPath: string;
}

export async function openDestination(resolved: ResolvedExport, choices: DestinationChoices, stdout: Writable, env: NodeJS.ProcessEnv): Promise<Destination> {
  const out = choices.out === undefined ? undefined : absolute(choices.out);
  const command = {
    profile: resolved.profile.name,
    endpoint: resolved.endpointName,
    filters: resolved.filters,
    format: choices.format,
    fields: choices.fields,
    output: out,
  };
  const key = checkpointKey({ ...command, baseUrl: choices.sandbox ? 'sandbox' : resolved.origin, pageSize: resolved.pageSize, each: choices.each });
  const store = await openCheckpointStore({
    dir: choices.stateDir ?? defaultStateDir(env),
    key,
    restart: choices.restart,
    secrets: resolved.auth.secrets,
  });
  const resumed = store.resumed;
  let output: Output;
  try {
    output = await openOutput({
      path: out,
      stream: out ? undefined : stdout,
      append: resumed?.outputBytes !== undefined && out ? { truncateTo: resumed.outputBytes } : undefined,
    });
  } catch (error) {
    await store.release();
    throw error;
  }
  const sink = createSink({ format: choices.format, fields: resumed?.columns ?? choices.fields, output, headerWritten: resumed?.headerWritten });
  const checkpointer = createCheckpointer(store, () => sink.sync(), { key, command, fileOutput: out !== undefined });
  return { sink, output, checkpointer, resumed, checkpointPath: store.path };
}
