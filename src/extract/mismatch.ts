/** Says where a response stops matching a profile path, in terms a profile author can act on. */
import type { Query } from '../json/query.js';

/** "has no "podcasts" under data (its keys: podcast, errors)" — from the leading names and indices. */
export function describeMismatch(body: unknown, query: Query, expected: string): string {
  let current = body;
  let at = 'the top level';
  for (const step of query.steps) {
    const next = childOf(current, step);
    if (next === undefined) {
      const where = current === body && (current === null || typeof current !== 'object') ? `the response is ${shapeOf(current)}` : `the response has no ${JSON.stringify(step)} at ${at} (${shapeOf(current)})`;
      return `expected ${expected} at "${query.source}", but ${where}`;
    }
    current = next;
    at = at === 'the top level' ? String(step) : `${at}.${step}`;
  }
  return `expected ${expected} at "${query.source}", but the response has ${shapeOf(current)} there`;
}

function childOf(value: unknown, step: string | number): unknown {
  if (typeof step === 'number') return Array.isArray(value) ? value.at(step) : undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, step)) return undefined;
  return (value as Record<string, unknown>)[step];
}

function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return 'an empty object';
    const shown = keys.slice(0, 12).join(', ');
    return `an object with keys ${shown}${keys.length > 12 ? `, … (${keys.length} keys)` : ''}`;
  }
  return `${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}

/** The body as compact JSON, redacted whole before it is cut. */
export function preview(body: unknown, redact: (text: string) => string, length = 200): string {
  const text = redact(JSON.stringify(body));
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
