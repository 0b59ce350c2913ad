/** Where parents come from: `--each-from FILE`, or stdin. A missing file is a usage error before any request. */
import { createReadStream } from 'node:fs';
import { resolve as absolute } from 'node:path';
import type { Readable } from 'node:stream';
import { usageError } from '../errors.js';

export interface ParentInput {
  stream: Readable;
  /** For messages: `stdin` or the file as given. */
  name: string;
  /** For the checkpoint key: `stdin` or the file's absolute path. */
  id: string;
}

export async function openParentInput(file: string | undefined, stdin: Readable): Promise<ParentInput> {
  if (file === undefined || file === '-') return { stream: stdin, name: 'stdin', id: 'stdin' };
  const stream = createReadStream(file);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error: NodeJS.ErrnoException) =>
      reject(usageError('BAD_EACH_FROM', `--each-from ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, error)),
    );
  });
  return { stream, name: file, id: absolute(file) };
}
