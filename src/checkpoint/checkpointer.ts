/**
 * Keeps an export's checkpoint in step with its output: after a page is written, and at most
 * every ~200 ms, the output is made durable first and then the position is saved; on a stop the
 * latest written page is saved at once; a finished export removes it.
 */
import type { Position } from '../pagination/types.js';
import type { FanOutState } from '../fan-out/state.js';
import type { Checkpoint } from './checkpoint.js';
import type { CheckpointStore } from './store.js';
import type { Written } from '../incremental/boundary.js';

export interface Progress {
  /** Where to continue; undefined after the last page. */
  next?: Position;
  emitted: number;
  pages: number;
  total?: number;
  incomplete: string[];
  columns?: readonly string[];
  /** Fan-out: where among the parents the export is. */
  fanOut?: FanOutState;
  /** An incremental run's progress, read only when a save is due. */
  incremental?: () => Written;
}

export interface Checkpointer {
  /** After a page reached the sink. */
  written(progress: Progress): Promise<void>;
  /** Stopping before the end (signal, failure): save the latest written page if the output can be made durable. */
  stop(): Promise<void>;
  /** The export ended: the checkpoint goes. */
  finish(): Promise<void>;
}

export function createCheckpointer(
  store: CheckpointStore,
  sync: () => Promise<number>,
  base: Pick<Checkpoint, 'key' | 'command'> & { fileOutput: boolean },
): Checkpointer {
  const startedAt = store.resumed?.startedAt ?? new Date().toISOString();
  let latest: Progress | undefined;
  const save = async (progress: Progress, force: boolean) => {
    if (!progress.next) return;
    const bytes = await sync();
    await store.save(
      {
        version: 1,
        key: base.key,
        command: base.command,
        position: progress.next,
        emitted: progress.emitted,
        pages: progress.pages,
        outputBytes: base.fileOutput ? bytes : undefined,
        columns: progress.columns ? [...progress.columns] : undefined,
        headerWritten: progress.columns !== undefined && progress.emitted > 0 ? true : undefined,
        incomplete: progress.incomplete.length > 0 ? [...progress.incomplete] : undefined,
        total: progress.total,
        fanOut: progress.fanOut,
        incremental: progress.incremental?.(),
        updatedAt: new Date().toISOString(),
        startedAt,
      },
      { force },
    );
  };
  return {
    async written(progress) {
      latest = progress;
      if (store.due()) await save(progress, false);
    },
    async stop() {
      try {
        if (latest) await save(latest, true);
      } catch {
        // The output could not be made durable (disk full): the last durable checkpoint stays, consistent with the file.
      } finally {
        await store.release();
      }
    },
    finish: () => store.remove(),
  };
}
