/**
 * Where an incremental run's file output starts. After a complete run the file is cut back to the
 * length that run recorded and appended to, so output a later run wrote without completing goes;
 * a file that was moved away or emptied (consumed by the next job) is started anew.
 */
import { open, stat } from 'node:fs/promises';
import type { AppendPosition } from '../sink/file-output.js';

export async function appendPosition(path: string, recordedBytes: number | undefined): Promise<AppendPosition | undefined> {
  if (recordedBytes === undefined) return undefined;
  const size = await stat(path).then(
    (info) => info.size,
    (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? 0 : Promise.reject(error)),
  );
  return size === 0 ? undefined : { truncateTo: recordedBytes };
}

/** The file's length once everything written is on disk: what the next run appends after. */
export async function durableLength(path: string): Promise<number> {
  const handle = await open(path, 'r');
  try {
    // Pipes and devices have nothing to make durable.
    await handle.sync().catch(() => {});
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}
