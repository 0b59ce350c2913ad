/**
 * A checkpoint for one export: locked for this run, read once to resume, saved durably at most
 * every `minIntervalMs`, removed when the export finishes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { failure } from '../errors.js';
import { removeFile, replaceFile } from './atomic-file.js';
import { type Checkpoint, parseCheckpoint, serializeCheckpoint, unreadableCheckpoint } from './checkpoint.js';
import { acquireLock } from './lock.js';
import { assertNoSecrets } from './secret-guard.js';
import { ensureStateDir } from './state-dir.js';

export interface CheckpointStoreOptions {
  /** The state folder (`--state-dir`); created with mode 0700 if missing. */
  dir: string;
  /** From `checkpointKey()`: names `<key>.json` and its lock `<key>.lock`. */
  key: string;
  /** `--restart`: delete the checkpoint (even a corrupt one) instead of resuming from it. */
  restart: boolean;
  /**
   * Every credential in use (tokens, API keys, passwords): a save that would contain one fails instead.
   * @default []
   */
  /** Every secret of the export so far, read at each save: a checkpoint holding one is refused. */
  secrets?: () => readonly string[];
  /**
   * Minimum time between two durable saves that are not forced: a save costs ~0.5 ms against
   * ~1.4 ms per page at top speed.
   * @default 200
   */
  minIntervalMs?: number;
  /** @default Date.now */
  now?: () => number;
}

export interface CheckpointStore {
  /** The checkpoint to continue from; undefined for a fresh start (none found, or `restart`). */
  readonly resumed: Checkpoint | undefined;
  /** `<dir>/<key>.json` */
  readonly path: string;
  /**
   * Saves durably unless the last save was under `minIntervalMs` ago; `force` (exit, signal) always
   * saves. Resolves true when saved. The CALLER must first make the output durable (`Output.sync()`,
   * whose length goes into `outputBytes`): a checkpoint must never point past data on disk.
   * Saves run one at a time, in call order; after remove() or release() nothing is saved (false).
   * Rejects with CHECKPOINT_SECRET rather than write a credential, CHECKPOINT_WRITE on an I/O error
   * (both exit 1, the previous checkpoint intact), and a plain Error (a bug) for an invalid checkpoint.
   */
  save(checkpoint: Checkpoint, options?: { force?: boolean }): Promise<boolean>;
  /** True when an unforced save would write now, so the caller syncs its output only then. */
  due(): boolean;
  /** The export finished: delete the checkpoint, then unlock. */
  remove(): Promise<void>;
  /** Stop without finishing: unlock and keep the checkpoint for the next run. */
  release(): Promise<void>;
}

/** Locks first, so two runs never read or write the same checkpoint; then reads it or, with `restart`, deletes it. */
export async function openCheckpointStore(options: CheckpointStoreOptions): Promise<CheckpointStore> {
  const { dir, key, restart, secrets = () => [], minIntervalMs = 200, now = Date.now } = options;
  await ensureStateDir(dir);
  const path = join(dir, `${key}.json`);
  const lock = await acquireLock(join(dir, `${key}.lock`));
  let resumed: Checkpoint | undefined;
  try {
    if (restart) await removeFile(path).catch((error: unknown) => Promise.reject(writeError(error, path)));
    else resumed = await read(path, key);
  } catch (error) {
    await lock.release();
    throw error;
  }

  let lastSave: number | undefined;
  let closed = false;
  let queue: Promise<unknown> = Promise.resolve();
  // A forced save from a signal handler may arrive while a throttled one is writing the same temp file.
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => {});
    return run;
  };

  return {
    resumed,
    path,
    due: () => !closed && (lastSave === undefined || now() - lastSave >= minIntervalMs),
    save: (checkpoint, { force = false } = {}) =>
      serially(async () => {
        const time = now();
        if (closed || (!force && lastSave !== undefined && time - lastSave < minIntervalMs)) return false;
        if (checkpoint.key !== key) throw new Error(`checkpoint for key ${checkpoint.key} saved under ${key}`);
        const text = serializeCheckpoint(checkpoint);
        assertNoSecrets(checkpoint, secrets(), path);
        await replaceFile(path, text, 0o600).catch((error: unknown) => Promise.reject(writeError(error, path)));
        lastSave = time;
        return true;
      }),
    remove: () =>
      serially(async () => {
        if (closed) return;
        closed = true;
        try {
          await removeFile(path).catch((error: unknown) => Promise.reject(writeError(error, path)));
        } finally {
          await lock.release();
        }
      }),
    release: () =>
      serially(async () => {
        closed = true;
        await lock.release();
      }),
  };
}

async function read(path: string, key: string): Promise<Checkpoint | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadableCheckpoint(path, (error as Error).message, error);
  }
  const checkpoint = parseCheckpoint(text, path);
  if (checkpoint.key !== key) throw unreadableCheckpoint(path, `it belongs to another export, ${checkpoint.key}`);
  return checkpoint;
}

const writeError = (error: unknown, path: string) =>
  failure('CHECKPOINT_WRITE', `cannot write checkpoint ${path} (${(error as Error).message})`, error);
