/**
 * `--filter NAME=VALUE`: checked against the endpoint's declared filters (name, type, enum, range,
 * pattern), defaults filled in, and written where each goes in the request. Pure; exit 2 on a mistake.
 */
import { usageError } from '../errors.js';
import { closest } from '../suggest.js';
import { withValue, type RequestSpec } from '../request/spec.js';
import type { Endpoint, Filter } from './schema.js';

export type FilterValue = string | number | boolean;

export function resolveFilters(
  profileName: string,
  endpointName: string,
  endpoint: Endpoint,
  given: ReadonlyArray<readonly [string, string]>,
  deferred: readonly string[],
): Record<string, FilterValue> {
  const valid = Object.keys(endpoint.filters);
  const values: Record<string, FilterValue> = {};
  for (const [name, raw] of given) {
    const filter = endpoint.filters[name];
    if (!filter) {
      const suggestion = closest(name, valid);
      throw usageError(
        'UNKNOWN_FILTER',
        `unknown filter "${name}" for ${profileName} ${endpointName}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; ` +
          (valid.length ? `valid filters: ${valid.join(', ')}` : 'this endpoint takes no filters'),
      );
    }
    if (name in values) throw usageError('DUPLICATE_FILTER', `--filter ${name} is given twice; give each filter once`);
    values[name] = parseFilterValue(name, filter, raw);
  }
  for (const [name, filter] of Object.entries(endpoint.filters)) {
    if (name in values) continue;
    if (filter.default !== undefined) values[name] = filter.default;
    else if (filter.required && !deferred.includes(name)) {
      throw usageError('MISSING_FILTER', `${profileName} ${endpointName} needs --filter ${name}=VALUE${filter.description ? ` (${filter.description})` : ''}`);
    }
  }
  return values;
}

export function parseFilterValue(name: string, filter: Filter, raw: string): FilterValue {
  const bad = (expected: string) =>
    usageError('BAD_FILTER_VALUE', `--filter ${name}=${raw}: expected ${expected}`);
  if (filter.enum && !filter.enum.includes(raw)) throw bad(`one of ${filter.enum.join(', ')}`);
  switch (filter.type) {
    case 'string':
      if (filter.pattern && !new RegExp(filter.pattern).test(raw)) throw bad(`a value matching ${filter.pattern}`);
      return raw;
    case 'boolean':
      if (raw === 'true' || raw === 'false') return raw === 'true';
      throw bad('true or false');
    case 'integer':
    case 'number': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value) || (filter.type === 'integer' && !Number.isInteger(value))) {
        throw bad(filter.type === 'integer' ? 'an integer' : 'a number');
      }
      if (filter.min !== undefined && value < filter.min) throw bad(`at least ${filter.min}`);
      if (filter.max !== undefined && value > filter.max) throw bad(`at most ${filter.max}`);
      return value;
    }
  }
}

/** Query strings and paths carry text; JSON bodies and GraphQL variables keep the type. */
const sendAs = (filter: Filter, value: FilterValue): FilterValue =>
  filter.in === 'body' || filter.in === 'variable' ? value : String(value);

/** The request with the filter's value written to each of its targets. */
export function withFilter(base: RequestSpec, filter: Filter, value: FilterValue): RequestSpec {
  const names = Array.isArray(filter.name) ? filter.name : [filter.name];
  let request = base;
  for (const target of names) request = withValue(request, { in: filter.in, name: target }, sendAs(filter, value));
  return request;
}
