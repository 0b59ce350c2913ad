/**
 * The incremental state of one export, `<key>.state.json` beside its checkpoint: the mark, the keys
 * within the lookback window, and where the output and (keyset mode) the cursor chain ended.
 * Replaced atomically with mode 0600 only after a run completed with its output durable; never
 * holds a credential.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from '../zod.js';
import { failure, usageError } from '../errors.js';
import { removeFile, replaceFile } from '../checkpoint/atomic-file.js';
import type { Window } from './boundary.js';
import type { Position } from '../pagination/types.js';
import { holdsSecret } from '../checkpoint/secret-guard.js';

const Value = z.union([z.number(), z.string()]);

export const WrittenSchema = z.strictObject({
  mark: Value.optional(),
  keys: z.array(z.tuple([z.string(), Value])),
  cutAt: Value.optional(),
});

const StateSchema = z.strictObject({
  version: z.literal(1, { error: 'written by another version of paginate' }),
  key: z.string().min(1),
  /** The command, for humans reading the file. */
  command: z.record(z.string(), z.unknown()),
  mode: z.enum(['filter', 'newest_first', 'keyset']),
  field: z.string(),
  /** The mark as a person reads it (ISO 8601 for timestamps). */
  markText: z.string().optional(),
  mark: Value.optional(),
  floor: z.strictObject({ value: Value, inclusive: z.boolean() }).optional(),
  keys: z.array(z.tuple([z.string(), Value])),
  /** Keyset mode: the position of the last request, which the next run starts from. */
  position: z.strictObject({ cursor: z.string().nullable().optional(), url: z.string().optional() }).optional(),
  /** File output: its length when the run completed; the next run appends from there. */
  outputBytes: z.number().int().nonnegative().optional(),
  /** CSV columns, so appended rows keep the header's order. */
  columns: z.array(z.string()).optional(),
  runs: z.number().int().positive(),
  updatedAt: z.iso.datetime(),
});

export type IncrementalState = z.infer<typeof StateSchema>;

export const statePath = (dir: string, key: string): string => join(dir, `${key}.state.json`);

const unreadable = (path: string, why: string, cause?: unknown) =>
  usageError('STATE_CORRUPT', `incremental state ${path} is unreadable (${why}); run again with --restart to export everything again`, cause);

export async function readState(path: string, key: string): Promise<IncrementalState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable(path, (error as Error).message, error);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw unreadable(path, 'not JSON', error);
  }
  const result = StateSchema.safeParse(data);
  if (!result.success) {
    const [issue] = result.error.issues;
    throw unreadable(path, `${issue.path.map(String).join('.') || 'top level'}: ${issue.message}`, result.error);
  }
  if (result.data.key !== key) throw unreadable(path, `it belongs to another export, ${result.data.key}`);
  return result.data;
}

export async function writeState(path: string, state: IncrementalState, secrets: readonly string[]): Promise<void> {
  const text = `${JSON.stringify(StateSchema.parse(state), null, 2)}\n`;
  // The command is the user's own words; the keys, marks and cursor came from the server.
  if (holdsSecret([state.keys, state.mark, state.markText, state.position], secrets)) {
    throw failure('STATE_SECRET', `refusing to write incremental state ${path}: it would contain a credential`);
  }
  await replaceFile(path, text, 0o600).catch((error: unknown) => {
    throw failure('STATE_WRITE', `cannot write incremental state ${path} (${(error as Error).message})`, error);
  });
}

export async function removeState(path: string): Promise<void> {
  await removeFile(path).catch((error: unknown) => {
    throw failure('STATE_WRITE', `cannot remove incremental state ${path} (${(error as Error).message})`, error);
  });
}

export const windowOf = (state: IncrementalState): Window => ({ mark: state.mark, floor: state.floor, keys: state.keys });

export const keysetPosition = (position: Position | undefined): IncrementalState['position'] =>
  position && (position.cursor || position.url) ? { ...(position.cursor ? { cursor: position.cursor } : {}), ...(position.url ? { url: position.url } : {}) } : undefined;
