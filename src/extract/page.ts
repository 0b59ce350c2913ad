/**
 * Reads one response into records and page metadata by the profile's paths, compiled once per
 * export. Two kinds of bad body are told apart: one that is not JSON (a server fault, retried) and
 * valid JSON without what the profile names (a profile mistake, reported at once with the field).
 */
import { PaginateError, ExitCode } from '../errors.js';
import { compileQuery, type Query } from '../json/query.js';
import type { Endpoint } from '../profile/schema.js';
import type { HttpResponse } from '../http/client.js';
import type { PageView } from '../pagination/types.js';
import { headerTotal } from './header-total.js';
import { describeMismatch, preview } from './mismatch.js';

export interface ExtractedPage extends PageView {
  /** The total number of records the server reports, where the profile says it is. */
  total?: number;
}

export class MalformedResponse extends PaginateError {
  constructor(message: string) {
    super('MALFORMED_RESPONSE', message, ExitCode.failed);
  }
}

/** Valid JSON that lacks what the profile says is there: retrying would get the same answer. */
export class ProfileMismatch extends PaginateError {
  constructor(message: string) {
    super('PROFILE_MISMATCH', message, ExitCode.failed);
  }
}

/** An error the API reported inside a successful response (GraphQL `errors`, Soundcharts `errors`). */
export class ApiError extends PaginateError {
  constructor(message: string) {
    super('API_ERROR', message, ExitCode.failed);
  }
}

export interface ExtractorOptions {
  endpoint: Endpoint;
  endpointName: string;
  /** The profile file, named in profile-mistake messages. */
  file: string;
  /** Bodies are redacted whole before a snippet is cut from them, so no part of a secret shows. */
  redact?: (text: string) => string;
}

export type Extractor = (response: HttpResponse) => ExtractedPage;

export function createExtractor(options: ExtractorOptions): Extractor {
  const { endpoint } = options;
  const redact = options.redact ?? ((text: string) => text);
  const pagination = endpoint.pagination;
  const records = compileQuery(endpoint.records);
  const errors = endpoint.errors === undefined ? undefined : compileQuery(endpoint.errors);
  const total = pagination.total === undefined ? undefined : compileQuery(pagination.total);
  const totalHeader = pagination.total_header?.toLowerCase();
  const hasMore = 'has_more' in pagination && pagination.has_more !== undefined ? compileQuery(pagination.has_more) : undefined;
  const field = (name: string) => `${options.file}: endpoints.${options.endpointName}.${name}`;

  const recordsOf = (body: unknown): unknown[] => {
    if (records.singular) {
      const found = records.first(body);
      if (Array.isArray(found)) return found;
    } else if (records.stem(body) !== undefined) return records.all(body);
    throw new ProfileMismatch(`${field('records')}: ${describeMismatch(body, records, 'an array of records')}: ${preview(body, redact)}`);
  };

  return (response) => {
    const body = parseJson(response, redact);
    if (errors) {
      const reported = errors.first(body);
      if (Array.isArray(reported) && reported.length > 0) throw new ApiError(`the API reported an error: ${errorMessages(reported, redact)}`);
    }
    const page: ExtractedPage = { body, headers: response.headers, records: recordsOf(body) };
    const count = total ? total.first(body) : totalHeader ? headerTotal(response.headers[totalHeader]) : undefined;
    // Some APIs send the count as a string ("total": "250").
    const number = typeof count === 'string' && /^\d+$/.test(count) ? Number(count) : count;
    if (typeof number === 'number' && Number.isFinite(number)) page.total = number;
    if (hasMore) {
      const more = hasMore.first(body);
      if (typeof more !== 'boolean') {
        throw new ProfileMismatch(`${field('pagination.has_more')}: ${describeMismatch(body, hasMore, 'true or false')}: ${preview(body, redact)}`);
      }
      page.hasMore = more;
    }
    return page;
  };
}

/** Compiles a profile path for a one-off read (a token reply): the same language as the page paths. */
export const readPath = (value: unknown, path: string): unknown => compileQuery(path).first(value);

/** The first `length` characters of a body, on one line, for an error message. */
export function snippet(text: string, length = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return JSON.stringify(flat.length > length ? `${flat.slice(0, length)}…` : flat);
}

export function parseJson(response: HttpResponse, redact: (text: string) => string = (text) => text): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    const type = response.headers['content-type'] ?? 'no content type';
    throw new MalformedResponse(`response is not JSON (${type}, ${response.text.length} bytes): ${snippet(redact(response.text))}`);
  }
}

const messageOf = compileQuery('message');

/** Messages from an API's error array (`[{message}]`, `[{code, message}]`), or a snippet. */
export function errorMessages(errors: unknown[], redact: (text: string) => string = (text) => text): string {
  const messages = errors.map((error) => {
    const message = messageOf.first(error);
    return redact(typeof message === 'string' ? message : JSON.stringify(error));
  });
  const text = messages.slice(0, 3).join('; ');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
