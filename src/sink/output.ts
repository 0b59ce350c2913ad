/**
 * Where formatted text goes: stdout, a file, or either through gzip. Knows bytes, not records.
 */
import type { Writable } from 'node:stream';
import { type AppendPosition, openFileOutput } from './file-output.js';
import { gzipOutput } from './gzip.js';
import { StreamWriter } from './stream-writer.js';

export interface Output {
  /** Resolves when the destination has accepted the chunk (backpressure: waits for 'drain'). */
  write(chunk: string | Uint8Array): Promise<void>;
  /**
   * Makes everything written so far durable (a file: ends the gzip member, fsync) and returns the
   * file's byte length at that point; stdout: the bytes written.
   */
  sync(): Promise<number>;
  /**
   * Flushes and closes (ends the gzip stream); stdout is not closed, only drained. Rejects with
   * the output's first error, the same PaginateError a write rejected with.
   */
  close(): Promise<void>;
  /** Bytes handed to the destination by this run (compressed bytes for gzip; not the kept prefix on resume). */
  readonly bytes: number;
  /** The file, or undefined for stdout. */
  readonly path: string | undefined;
}

export interface OutputOptions {
  /**
   * The file to write; undefined or '-' writes to stdout.
   * @default undefined
   */
  path?: string;
  /**
   * Compress with gzip.
   * @default true when `path` ends with `.gz`
   */
  gzip?: boolean;
  /** Resume a file (ignored for stdout, where resume is at-least-once): cut it back, then append. */
  append?: AppendPosition;
  /**
   * Written to instead of process.stdout when there is no file: tests use it for a slow reader
   * or a pipe whose reader exits.
   * @default process.stdout
   */
  stream?: Writable;
}

/** Opens the destination now, so a missing folder or a denied file fails before any request. */
export async function openOutput(options: OutputOptions = {}): Promise<Output> {
  const file = options.path === '-' ? undefined : options.path;
  const gzip = options.gzip ?? file?.toLowerCase().endsWith('.gz') ?? false;
  const output = file === undefined ? streamOutput(options.stream ?? guardedStdout()) : await openFileOutput(file, options.append);
  return gzip ? gzipOutput(output) : output;
}

function streamOutput(stream: Writable): Output {
  const writer = new StreamWriter(stream, 'stdout');
  return {
    write: (chunk) => writer.write(chunk),
    async sync() {
      await writer.flush();
      return writer.bytes;
    },
    close: () => writer.release(),
    get bytes() {
      return writer.bytes;
    },
    path: undefined,
  };
}

let stdoutGuarded = false;

/**
 * The reader of stdout may leave after our output is released (`| head`): a late EPIPE must not
 * crash the process as an unhandled 'error' event. Outputs report errors through their own listener.
 */
function guardedStdout(): Writable {
  if (!stdoutGuarded) {
    process.stdout.on('error', () => {});
    stdoutGuarded = true;
  }
  return process.stdout;
}
