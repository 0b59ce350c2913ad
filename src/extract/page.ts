/**
 * Reads one response body into records and page metadata by the profile's paths. A body that is
 * not the JSON the profile expects is a MalformedResponse quoting a short snippet.
 */
import { PaginateError, ExitCode } from '../errors.js';
import { getPath } from '../json/path.js';
import type { Endpoint } from '../profile/schema.js';
import type { HttpResponse } from '../http/client.js';
import type { PageView } from '../pagination/types.js';

export interface ExtractedPage extends PageView {
  /** The total number of records the server reports, where the profile says it is. */
  total?: number;
}

export class MalformedResponse extends PaginateError {
  constructor(message: string) {
    super('MALFORMED_RESPONSE', message, ExitCode.failed);
  }
}

/** An error the API reported inside a successful response (GraphQL `errors`, Soundcharts `errors`). */
export class ApiError extends PaginateError {
  constructor(message: string) {
    super('API_ERROR', message, ExitCode.failed);
  }
}

/** The first `length` characters of a body, on one line, for an error message. */
export function snippet(text: string, length = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return JSON.stringify(flat.length > length ? `${flat.slice(0, length)}…` : flat);
}

/** `redact` cleans the body before a snippet of it goes into a message: cut first, a secret could show in part. */
export function parseJson(response: HttpResponse, redact: (text: string) => string = (text) => text): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    const type = response.headers['content-type'] ?? 'no content type';
    throw new MalformedResponse(`response is not JSON (${type}, ${response.text.length} bytes): ${snippet(redact(response.text))}`);
  }
}

export function extractPage(response: HttpResponse, endpoint: Endpoint, redact: (text: string) => string = (text) => text): ExtractedPage {
  const body = parseJson(response, redact);
  if (endpoint.errors !== undefined) {
    const errors = getPath(body, endpoint.errors);
    if (Array.isArray(errors) && errors.length > 0) throw new ApiError(`the API reported an error: ${errorMessages(errors, redact)}`);
  }
  const records = getPath(body, endpoint.records);
  if (!Array.isArray(records)) {
    throw new MalformedResponse(
      `response has no array of records at "${endpoint.records}": ${snippet(redact(response.text))}`,
    );
  }
  const totalPath = endpoint.pagination.total;
  const total = totalPath === undefined ? undefined : getPath(body, totalPath);
  return {
    body,
    headers: response.headers,
    records,
    total: typeof total === 'number' && Number.isFinite(total) ? total : undefined,
  };
}

/** Messages from an API's error array (`[{message}]`, `[{code, message}]`), or a snippet. */
export function errorMessages(errors: unknown[], redact: (text: string) => string = (text) => text): string {
  const messages = errors.map((error) => {
    const message = getPath(error, 'message');
    return redact(typeof message === 'string' ? message : JSON.stringify(error));
  });
  const text = messages.slice(0, 3).join('; ');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
