/**
 * `--each FILTER=PATH`: which filter each parent record sets, and where in the parent its value is.
 * Pure: parsing the flags, checking them against the endpoint, and reading a parent's values.
 */
import { usageError } from '../errors.js';
import { compileQuery, QuerySyntaxError, type Query } from '../json/query.js';
import type { Profile } from '../profile/schema.js';

export interface EachSpec {
  filter: string;
  /** The path as given: RFC 9535 JSONPath or the dot short form, as in profiles. */
  path: string;
  query: Query;
}

export function parseEach(texts: readonly string[]): EachSpec[] {
  const specs = texts.map((text): EachSpec => {
    const at = text.indexOf('=');
    if (at <= 0 || at === text.length - 1) throw usageError('BAD_EACH', `--each "${text}": expected FILTER=PATH, e.g. --each artist-id=id`);
    const filter = text.slice(0, at);
    const path = text.slice(at + 1);
    try {
      return { filter, path, query: compileQuery(path) };
    } catch (error) {
      if (error instanceof QuerySyntaxError) throw usageError('BAD_EACH', `--each "${text}": ${error.message}`, error);
      throw error;
    }
  });
  const seen = new Set<string>();
  for (const { filter } of specs) {
    if (seen.has(filter)) throw usageError('BAD_EACH', `--each ${filter} is given twice; give each filter once`);
    seen.add(filter);
  }
  return specs;
}

/**
 * Every --each filter must be one the endpoint takes, and not also given with --filter. Checked
 * before the endpoint's required filters, which --each may be the one to give. An unknown
 * endpoint is left to the export's own check.
 */
export function checkEach(each: readonly EachSpec[], profile: Pick<Profile, 'name' | 'endpoints' | 'default_endpoint'>, endpointName: string | undefined, given: ReadonlyArray<readonly [string, string]>): void {
  const name = endpointName ?? profile.default_endpoint ?? Object.keys(profile.endpoints)[0];
  const endpoint = Object.hasOwn(profile.endpoints, name) ? profile.endpoints[name] : undefined;
  if (!endpoint) return;
  const filters = Object.keys(endpoint.filters);
  for (const { filter } of each) {
    if (!filters.includes(filter)) {
      throw usageError(
        'UNKNOWN_FILTER',
        `--each ${filter}: ${profile.name} ${name} has no filter "${filter}"; ` + (filters.length ? `valid filters: ${filters.join(', ')}` : 'this endpoint takes no filters'),
      );
    }
    if (given.some(([given]) => given === filter)) throw usageError('DUPLICATE_FILTER', `${filter} is given with both --filter and --each; give it once`);
  }
}

export type ParentValues = { ok: true; filters: Array<[string, string]>; key: unknown } | { ok: false; why: string };

/** The filter values one parent sets; `key` is the first --each's value as it is in the parent (for --with-parent). */
export function parentValues(parent: unknown, each: readonly EachSpec[]): ParentValues {
  const filters: Array<[string, string]> = [];
  let key: unknown;
  for (const [index, { filter, path, query }] of each.entries()) {
    const value = query.first(parent);
    if (value === undefined || value === null || value === '') return { ok: false, why: `has no value at ${path} (for --each ${filter})` };
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      return { ok: false, why: `has ${Array.isArray(value) ? 'an array' : 'an object'} at ${path}, not a value for --each ${filter}` };
    }
    if (index === 0) key = value;
    filters.push([filter, String(value)]);
  }
  return { ok: true, filters, key };
}
