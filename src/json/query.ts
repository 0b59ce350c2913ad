/**
 * The path language of profiles: RFC 9535 JSONPath (`$`, `$[*]`, `$.data.items.edges[*].node`)
 * through json-p3, a maintained implementation that passes the JSONPath compliance test suite and,
 * unlike jsonpath-rfc9535, compiles a query once for reuse. Dot paths (`page.cursor`, `images.0.url`,
 * `edges[*].node`) are the short form. Pure functions, no I/O.
 */
import { jsonpath, JSONPathError, type JSONPathQuery, type JSONValue } from 'json-p3';
import { QuerySyntaxError, toJsonPath } from './short-form.js';

export { QuerySyntaxError, toJsonPath } from './short-form.js';

export interface Query {
  /** The path as the profile wrote it. */
  readonly source: string;
  /** Names and indices only: the path picks at most one value. */
  readonly singular: boolean;
  /** The leading names and indices (all of a singular path), for telling where a response differs. */
  readonly steps: readonly Step[];
  /** Every value the path selects, in document order. */
  all(value: unknown): unknown[];
  /** The first value the path selects, or undefined. */
  first(value: unknown): unknown;
  /**
   * For a path with wildcards or filters, the value just before the first of them
   * (`data.items.edges` for `data.items.edges[*].node`): when it is missing, the response does not
   * have the shape the path expects, which an empty match alone cannot tell.
   */
  stem(value: unknown): unknown;
}

const cache = new Map<string, Query>();

/** Compiles a profile path once; the same text always gives the same compiled query. */
export function compileQuery(path: string): Query {
  let query = cache.get(path);
  if (!query) {
    query = build(path);
    cache.set(path, query);
  }
  return query;
}

function build(source: string): Query {
  let compiled: JSONPathQuery;
  try {
    compiled = jsonpath.compile(toJsonPath(source));
  } catch (error) {
    if (error instanceof JSONPathError) throw new QuerySyntaxError(`not a valid path: ${error.message}`, { cause: error });
    throw error;
  }
  const steps = singularSteps(compiled);
  if (steps.length === compiled.segments.length) {
    // Names and indices: a direct walk, many times cheaper than building a node list per page.
    const get = walker(steps);
    return { source, singular: true, steps, all: (value) => (get(value) === undefined ? [] : [get(value)]), first: get, stem: get };
  }
  const stem = walker(steps);
  const spread = wildcardThenSteps(compiled, steps.length);
  if (spread) {
    // `edges[*].node`, `$[*]`: the commonest non-singular shape, walked directly like a singular path.
    const tail = walker(spread);
    const all = (value: unknown): unknown[] => {
      const parent = stem(value);
      const children = Array.isArray(parent) ? parent : parent !== null && typeof parent === 'object' ? Object.values(parent) : [];
      const found: unknown[] = [];
      for (const child of children) {
        const picked = tail(child);
        if (picked !== undefined) found.push(picked);
      }
      return found;
    };
    return { source, singular: false, steps, all, first: (value) => all(value)[0], stem };
  }
  return {
    source,
    singular: false,
    steps,
    all: (value) => compiled.query(value as JSONValue).values(),
    first: (value) => compiled.match(value as JSONValue)?.value,
    stem,
  };
}

/** The names and indices after a lone `[*]` that follows the leading steps, when that is the whole path. */
function wildcardThenSteps(query: JSONPathQuery, at: number): Step[] | undefined {
  const segment = query.segments[at];
  if (segment.toString().startsWith('..') || segment.selectors.length !== 1 || !(segment.selectors[0] instanceof jsonpath.selectors.WildcardSelector)) return undefined;
  const rest = singularSteps(query, at + 1);
  return rest.length === query.segments.length - at - 1 ? rest : undefined;
}

export type Step = string | number;

/** The leading segments that select one child by name or index. */
function singularSteps(query: JSONPathQuery, from = 0): Step[] {
  const steps: Step[] = [];
  for (const segment of query.segments.slice(from)) {
    // json-p3 does not export its segment classes; a descendant segment prints as `..`.
    if (segment.toString().startsWith('..') || segment.selectors.length !== 1) break;
    const [selector] = segment.selectors;
    if (selector instanceof jsonpath.selectors.NameSelector) steps.push(selector.name);
    else if (selector instanceof jsonpath.selectors.IndexSelector) steps.push(selector.index);
    else break;
  }
  return steps;
}

function walker(steps: readonly Step[]): (value: unknown) => unknown {
  return (value) => {
    let current = value;
    for (const step of steps) {
      if (typeof step === 'number') {
        if (!Array.isArray(current)) return undefined;
        current = current[step < 0 ? current.length + step : step];
      } else {
        if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, step)) return undefined;
        current = (current as Record<string, unknown>)[step];
      }
    }
    return current;
  };
}
