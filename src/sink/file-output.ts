/**
 * A file as an Output: opened (and on resume cut back) before any request is sent, so a bad path
 * fails the export at once; written through a stream; made durable with fsync.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { failure } from '../errors.js';
import type { Output } from './output.js';
import { outputError } from './output-error.js';
import { StreamWriter } from './stream-writer.js';

/** Resume: the checkpointed length; the file is cut back to it and appended to. */
export interface AppendPosition {
  truncateTo: number;
}

export async function openFileOutput(path: string, append?: AppendPosition): Promise<Output> {
  // 'r+' on resume: the file must still exist, and writes go to explicit positions from the cut.
  const handle = await open(path, append ? 'r+' : 'w', 0o644).catch((error: unknown) => {
    throw append && (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? failure('OUTPUT_RESUME', `cannot resume ${path}: the file no longer exists; run with --restart`, error)
      : outputError(error, path);
  });
  let regularFile: boolean;
  try {
    regularFile = (await handle.stat()).isFile();
    if (append) await cutBack(handle, path, append.truncateTo);
  } catch (error) {
    await handle.close();
    throw outputError(error, path);
  }
  const start = append?.truncateTo ?? 0;
  // No position for a new file, so /dev/stdout, FIFOs and devices work too.
  // A page is ~20 KB: with the default 16 KiB buffer every page would wait for its disk write
  // before the next request goes out. 1 MiB keeps memory bounded and the writes off the fetch path.
  const writer = new StreamWriter(handle.createWriteStream({ highWaterMark: 1 << 20, ...(append ? { start } : {}) }), path);

  return {
    write: (chunk) => writer.write(chunk),
    async sync() {
      await writer.flush();
      // fsync fails with EINVAL on pipes and devices, which have nothing to make durable.
      if (regularFile) await handle.sync().catch((error: unknown) => Promise.reject(outputError(error, path)));
      return start + writer.bytes;
    },
    close: () => writer.end(),
    get bytes() {
      return writer.bytes;
    },
    path,
  };
}

async function cutBack(handle: FileHandle, path: string, length: number): Promise<void> {
  const { size } = await handle.stat();
  // Truncating "up" would pad with zero bytes: the checkpoint does not describe this file.
  if (size < length) {
    throw failure(
      'OUTPUT_RESUME',
      `cannot resume ${path}: it has ${size} bytes, fewer than the ${length} the checkpoint recorded; run with --restart`,
    );
  }
  await handle.truncate(length);
}
