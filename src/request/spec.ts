/**
 * A request as data: what the pagination kinds and filters write into, and the HTTP client sends.
 * Setting a value returns a new spec, so a base request is shared safely by parallel pages.
 */
import type { Target } from '../profile/schema.js';

export interface RequestSpec {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  /** JSON body; GraphQL requests carry `{query, variables}`. */
  body?: Record<string, unknown>;
}

/** Writes `value` where `target` says: query parameter, body path, GraphQL variable, path placeholder or header. */
export function withValue(spec: RequestSpec, target: Target, value: unknown): RequestSpec {
  switch (target.in) {
    case 'query': {
      const url = new URL(spec.url);
      if (value === undefined || value === null) url.searchParams.delete(target.name);
      else url.searchParams.set(target.name, String(value));
      return { ...spec, url };
    }
    case 'header':
      return { ...spec, headers: { ...spec.headers, [target.name]: String(value) } };
    case 'path': {
      const url = new URL(spec.url);
      url.pathname = url.pathname.replaceAll(`%7B${target.name}%7D`, encodeURIComponent(String(value)));
      return { ...spec, url };
    }
    case 'body':
      return { ...spec, body: setPath(spec.body ?? {}, target.name.split('.'), value) };
    case 'variable':
      return { ...spec, body: setPath(spec.body ?? {}, ['variables', ...target.name.split('.')], value) };
  }
}

/** Copy-on-write set: only the objects along the path are copied. Numeric keys index arrays. */
function setPath(root: Record<string, unknown>, keys: string[], value: unknown): Record<string, unknown> {
  const set = (node: unknown, index: number): unknown => {
    const key = keys[index];
    const isIndex = /^\d+$/.test(key);
    const copy: Record<string, unknown> | unknown[] = Array.isArray(node)
      ? [...node]
      : node !== null && typeof node === 'object'
        ? { ...(node as Record<string, unknown>) }
        : isIndex
          ? []
          : {};
    const current = (copy as Record<string, unknown>)[key];
    (copy as Record<string, unknown>)[key] = index === keys.length - 1 ? value : set(current, index + 1);
    return copy;
  };
  return set(root, 0) as Record<string, unknown>;
}
