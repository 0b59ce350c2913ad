/**
 * Turns what the file system or a pipe reports into one-line PaginateErrors naming the output.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExitCode, PaginateError, failure } from '../errors.js';

/**
 * The reader went away (`paginate … | head`). Exit code 0: the engine stops fetching and exits
 * quietly, as Unix tools do on a closed pipe.
 */
export const outputClosed = (target: string, cause?: unknown): PaginateError =>
  new PaginateError('OUTPUT_CLOSED', `${target} was closed by its reader`, ExitCode.ok, { cause });

/** `target` is the file path, or `stdout`. */
export function outputError(error: unknown, target: string): PaginateError {
  if (error instanceof PaginateError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EPIPE':
    case 'ECONNRESET':
    case 'ERR_STREAM_DESTROYED':
      return outputClosed(target, error);
    case 'ENOENT':
      // Some file systems (procfs) refuse to create files with ENOENT although the folder exists.
      return existsSync(dirname(target))
        ? failure('OUTPUT_PERMISSION', `cannot write ${target}: files cannot be created in ${dirname(target)}`, error)
        : failure('OUTPUT_FOLDER_MISSING', `cannot write ${target}: output folder ${dirname(target)} does not exist`, error);
    case 'ENOTDIR':
      return failure('OUTPUT_FOLDER_MISSING', `cannot write ${target}: a parent of it is not a folder`, error);
    case 'EACCES':
    case 'EPERM':
      return failure('OUTPUT_PERMISSION', `cannot write ${target}: permission denied`, error);
    case 'EROFS':
      return failure('OUTPUT_PERMISSION', `cannot write ${target}: read-only file system`, error);
    case 'ENOSPC':
      return failure('OUTPUT_DISK_FULL', `cannot write ${target}: disk is full`, error);
    case 'EDQUOT':
      return failure('OUTPUT_DISK_FULL', `cannot write ${target}: disk quota exceeded`, error);
    case 'EIO':
      return failure('OUTPUT_IO', `cannot write ${target}: input/output error (EIO): the device or terminal failed`, error);
    case 'EISDIR':
      return failure('OUTPUT_IS_DIRECTORY', `cannot write ${target}: it is a directory`, error);
    default: {
      const reason = error instanceof Error ? error.message : String(error);
      return failure('OUTPUT_ERROR', `cannot write ${target}: ${reason}`, error);
    }
  }
}
