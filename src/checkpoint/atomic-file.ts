/**
 * Replacing or removing a file so that a crash at any instant leaves the old content or the new,
 * never a mix: temp file, fsync, rename, then fsync the folder, without which the rename itself
 * may not survive a power loss.
 */
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Writes `<path>.tmp` with `mode`, makes it durable, and renames it onto `path`. */
export async function replaceFile(path: string, text: string, mode: number): Promise<void> {
  const temp = `${path}.tmp`;
  // A crash may have left a temp file behind; with it gone, 'wx' guarantees the file is ours and new.
  await rm(temp, { force: true });
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, path);
  await syncFolder(dirname(path));
}

/** Removes `path` and any temp file beside it, durably. */
export async function removeFile(path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.tmp`, { force: true });
  await syncFolder(dirname(path));
}

/** Folders cannot be opened (Windows) or fsynced (some file systems) everywhere; there is nothing more to do there. */
const UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'EPERM', 'ENOTSUP', 'EBADF']);

async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(unsupported);
  try {
    await handle?.sync().catch(unsupported);
  } finally {
    await handle?.close();
  }
}

function unsupported(error: unknown): undefined {
  if (UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) return undefined;
  throw error;
}
