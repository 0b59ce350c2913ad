/**
 * Errors are values: a one-line message for the user, the cause attached, a stable code from one
 * closed set, and the process exit code that code ends with. Anything that is not a PaginateError
 * is a bug.
 */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  incomplete: 3,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const { ok, failed, usage, incomplete } = ExitCode;

/** Every error paginate reports, and its exit code. */
const CODES = {
  // Bad command line, profile or environment: exit 2, before any request is sent.
  BAD_OPTION: usage,
  BAD_FILTER: usage,
  BAD_FILTER_VALUE: usage,
  BAD_FIELDS: usage,
  BAD_RATE: usage,
  BAD_PAGE_SIZE: usage,
  BAD_BASE_URL: usage,
  BAD_LIMITER: usage,
  BAD_SINCE: usage,
  DUPLICATE_FILTER: usage,
  BAD_EACH: usage,
  BAD_EACH_FROM: usage,
  BAD_PARENT: usage,
  PARENTS_CHANGED: usage,
  MISSING_FILTER: usage,
  MISSING_ENV: usage,
  UNKNOWN_PROFILE: usage,
  UNKNOWN_ENDPOINT: usage,
  UNKNOWN_FILTER: usage,
  NO_HYBRID: usage,
  NO_SANDBOX: usage,
  NO_INCREMENTAL: usage,
  PROFILE_UNREADABLE: usage,
  PROFILE_SYNTAX: usage,
  PROFILE_INVALID: usage,
  CHECKPOINT_CORRUPT: usage,
  CHECKPOINT_LOCK: usage,
  CHECKPOINT_LOCKED: usage,
  STATE_DIR: usage,
  STATE_CORRUPT: usage,
  LIMITER_UNREACHABLE: usage,
  // The export started and could not finish: exit 1.
  NETWORK: failed,
  HTTP_STATUS: failed,
  REDIRECT: failed,
  QUOTA_SPENT: failed,
  TOKEN_FAILED: failed,
  TOKEN_UNAVAILABLE: failed,
  MALFORMED_RESPONSE: failed,
  PROFILE_MISMATCH: failed,
  API_ERROR: failed,
  BAD_CURSOR: failed,
  BAD_NEXT_URL: failed,
  FOREIGN_NEXT_URL: failed,
  REPEATED_CURSOR: failed,
  INCREMENTAL_RECORD: failed,
  LIMITER_LOST: failed,
  LIMITER_ERROR: failed,
  CHECKPOINT_WRITE: failed,
  CHECKPOINT_SECRET: failed,
  STATE_WRITE: failed,
  STATE_SECRET: failed,
  SUMMARY_JSON: failed,
  OUTPUT_DISK_FULL: failed,
  OUTPUT_FOLDER_MISSING: failed,
  OUTPUT_IS_DIRECTORY: failed,
  OUTPUT_PERMISSION: failed,
  OUTPUT_RESUME: failed,
  CSV_NO_COLUMNS: failed,
  OUTPUT_IO: failed,
  OUTPUT_ERROR: failed,
  // Finished, but possibly not with every record: exit 3.
  // The reader went away (`| head`): it had what it wanted.
  OUTPUT_CLOSED: ok,
} as const satisfies Record<string, ExitCode>;

export type ErrorCode = keyof typeof CODES;
type CodeExiting<E extends ExitCode> = { [K in ErrorCode]: (typeof CODES)[K] extends E ? K : never }[ErrorCode];
export type UsageCode = CodeExiting<typeof usage>;
export type FailureCode = CodeExiting<typeof failed>;

export class PaginateError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCode;
  /** Worth sending the request again: the retry layer does, with backoff, as long as it may. */
  readonly retryable: boolean = false;
  /** How long the server asked to wait before trying again (Retry-After), in ms. */
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaginateError';
    this.code = code;
    this.exitCode = CODES[code];
  }

  /** How a retry log line names this failure: `HTTP 503`, `malformed response`. */
  get retryReason(): string {
    return this.message;
  }

  /** The same error with its message rewritten (secrets redacted), keeping class and fields. */
  withMessage(message: string): this {
    if (message === this.message) return this;
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    Object.assign(copy, this);
    Object.defineProperty(copy, 'message', { value: message, writable: true, configurable: true });
    Object.defineProperty(copy, 'cause', { value: this.cause, writable: true, configurable: true });
    return copy;
  }
}

/** Bad command line, profile or environment: reported before any request is sent. */
export const usageError = (code: UsageCode, message: string, cause?: unknown): PaginateError => new PaginateError(code, message, { cause });

/** The export started and could not finish: HTTP failure, malformed response, write error. */
export const failure = (code: FailureCode, message: string, cause?: unknown): PaginateError => new PaginateError(code, message, { cause });

export const isPaginateError = (error: unknown): error is PaginateError => error instanceof PaginateError;

/** A failure worth trying again (a 5xx, a token endpoint's 503, a body that is not JSON), after `retryAfterMs` if the server said. */
export class TransientError extends PaginateError {
  override readonly retryable = true;
  override readonly retryAfterMs?: number;

  constructor(code: FailureCode, message: string, options: { cause?: unknown; retryAfterMs?: number } = {}) {
    super(code, message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}
