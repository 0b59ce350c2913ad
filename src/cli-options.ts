/**
 * `paginate export` options: parsed once from commander's raw strings into a typed ExportCommand.
 * Every mistake is a usage error (exit 2) that says what was expected.
 */
import { usageError } from './errors.js';
import { parseRate } from './rate-limit/rate.js';
import { parseLimiterUrl } from './rate-limit/limiter-url.js';
import type { ExportCommand } from './run-export.js';
import type { StrategyName } from './engine.js';
import { parseFanOutOptions } from './fan-out/options.js';

export interface RawExportOptions {
  filter?: string[];
  baseUrl?: string;
  out?: string;
  format?: string;
  fields?: string;
  strategy?: string;
  concurrency?: string;
  rate?: string;
  pageSize?: string;
  maxItems?: string;
  retries?: string;
  timeout?: string;
  limiter?: string;
  limiterTimeout?: string;
  sandbox?: boolean;
  stateDir?: string;
  restart?: boolean;
  incremental?: boolean;
  since?: string;
  dryRun?: boolean;
  summaryJson?: string;
  quiet?: boolean;
  verbose?: boolean;
  profileFile?: string;
  each?: string[];
  eachFrom?: string;
  withParent?: string;
}

export function parseExportOptions(profile: string, endpoint: string | undefined, raw: RawExportOptions): ExportCommand {
  if (raw.quiet && raw.verbose) throw usageError('BAD_OPTION', '--quiet and --verbose cannot be used together');
  const fanOut = parseFanOutOptions(raw);
  const fields = raw.fields === undefined ? undefined : parseFields(raw.fields);
  const incremental = raw.incremental === true || raw.since !== undefined;
  // Newest first, the records left out would be older than the mark and never exported.
  if (incremental && raw.maxItems !== undefined) throw usageError('BAD_OPTION', `${raw.since === undefined ? '--incremental' : '--since'} and --max-items cannot be used together: the mark would pass over the records left out`);
  return {
    profile,
    endpoint,
    filters: (raw.filter ?? []).map(parseFilter),
    baseUrl: raw.baseUrl,
    out: raw.out === '-' ? undefined : raw.out,
    format: oneOf('--format', raw.format, ['ndjson', 'csv'] as const),
    // --with-parent's field is a column (and part of a projection) even when --fields leaves it out.
    fields: fields && fanOut.withParent && !fields.includes(fanOut.withParent) ? [fanOut.withParent, ...fields] : fields,
    strategy: oneOf('--strategy', raw.strategy, ['auto', 'sequential', 'hybrid'] as const) ?? ('auto' as StrategyName),
    concurrency: integer('--concurrency', raw.concurrency, 1, 256),
    rate: raw.rate === undefined ? undefined : parseRate(raw.rate),
    pageSize: integer('--page-size', raw.pageSize, 1, 1_000_000),
    maxItems: integer('--max-items', raw.maxItems, 1, Number.MAX_SAFE_INTEGER),
    retries: integer('--retries', raw.retries, 0, 100),
    timeoutMs: seconds('--timeout', raw.timeout),
    limiter: raw.limiter === undefined || raw.limiter === '' ? undefined : (parseLimiterUrl(raw.limiter), raw.limiter),
    limiterTimeoutMs: seconds('--limiter-timeout', raw.limiterTimeout),
    sandbox: raw.sandbox ?? false,
    stateDir: raw.stateDir,
    restart: raw.restart ?? false,
    incremental,
    since: raw.since,
    dryRun: raw.dryRun ?? false,
    summaryJson: raw.summaryJson,
    quiet: raw.quiet ?? false,
    verbose: raw.verbose ?? false,
    profileFile: raw.profileFile,
    ...fanOut,
  };
}

function parseFilter(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw usageError('BAD_FILTER', `--filter "${text}": expected NAME=VALUE, e.g. --filter platform=spotify`);
  return [text.slice(0, at), text.slice(at + 1)];
}

function parseFields(text: string): string[] {
  const fields = text.split(',').map((field) => field.trim());
  if (fields.some((field) => field === '' || /\.\.|^\.|\.$/.test(field))) {
    throw usageError('BAD_FIELDS', `--fields "${text}": expected comma-separated dot paths such as id,artist.name`);
  }
  return fields;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError('BAD_OPTION', `${flag} "${value}": expected one of ${allowed.join(', ')}`);
}

function integer(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(number) || number < min || number > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw usageError('BAD_OPTION', `${flag} "${value}": expected a whole number ${range}`);
  }
  return number;
}

function seconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0 || number > 3600) {
    throw usageError('BAD_OPTION', `${flag} "${value}": expected seconds, more than 0 and at most 3600`);
  }
  return Math.round(number * 1000);
}
