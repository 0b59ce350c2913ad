/**
 * An HTTP status paginate cannot use: the status, the response headers (redacted) and a snippet of
 * the body travel with the error, so callers decide by fields, not by reading the message.
 */
import { PaginateError } from '../errors.js';
import type { HttpResponse } from './client.js';

/** Statuses worth asking again: timeouts, throttles and server faults. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

export interface HttpErrorDetails {
  response: HttpResponse;
  /** `GET https://api.example.com/v1/items`, without the query (it may carry a cursor or a key). */
  where: string;
  /** What the API said: its error message, or a snippet of the body. */
  said: string;
  /** What the user can do about it: `; check MY_API_TOKEN`. */
  hint?: string;
  retryAfterMs?: number;
  attempts?: number;
  redact: (text: string) => string;
}

export class HttpError extends PaginateError {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly said: string;
  override readonly retryable: boolean;
  override readonly retryAfterMs?: number;
  private readonly details: HttpErrorDetails;

  constructor(details: HttpErrorDetails) {
    const { response, where, said, hint = '', attempts = 1, redact } = details;
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    super('HTTP_STATUS', redact(`HTTP ${response.status} from ${where}${tries}: ${said}${hint}`));
    this.status = response.status;
    this.headers = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, redact(value)]));
    this.said = redact(said);
    this.retryable = RETRY_STATUSES.has(response.status);
    this.retryAfterMs = details.retryAfterMs;
    this.details = details;
  }

  override get retryReason(): string {
    return `HTTP ${this.status}`;
  }

  /** The same failure, saying how many attempts it took. */
  afterAttempts(attempts: number): HttpError {
    return new HttpError({ ...this.details, attempts });
  }
}
