/**
 * Errors are values: a one-line message for the user, the cause attached, a stable code and the
 * process exit code the CLI ends with. Anything that is not a PaginateError is a bug.
 */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  incomplete: 3,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class PaginateError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;

  constructor(code: string, message: string, exitCode: ExitCode, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaginateError';
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** Bad command line, profile or environment: reported before any request is sent. */
export const usageError = (code: string, message: string, cause?: unknown): PaginateError =>
  new PaginateError(code, message, ExitCode.usage, { cause });

/** The export started and could not finish: HTTP failure, malformed response, write error. */
export const failure = (code: string, message: string, cause?: unknown): PaginateError =>
  new PaginateError(code, message, ExitCode.failed, { cause });

export const isPaginateError = (error: unknown): error is PaginateError => error instanceof PaginateError;

/** A failure worth retrying (an error status from a token endpoint, say): retried with backoff, then reported. */
export class TransientError extends PaginateError {
  constructor(code: string, message: string, cause?: unknown) {
    super(code, message, ExitCode.failed, { cause });
  }
}
