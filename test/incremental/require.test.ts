import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../src/profile/load.js';
import { requireIncremental } from '../../src/incremental/require.js';

const profile = (incremental: string, kind = 'cursor') =>
  parseProfile(
    `name: demo
base_url: https://demo.invalid
endpoints:
  items:
    path: /items
    records: items
    filters:
      sort: {enum: [asc, desc], in: query, name: sort}
    pagination: ${kind === 'cursor' ? '{kind: cursor, cursor: next, param: {in: query, name: cursor}}' : '{kind: offset, param: {in: query, name: offset}, page_size: {in: query, name: limit, default: 10, max: 10}}'}
${incremental ? `    incremental: ${incremental}` : ''}
`,
    'demo.yaml',
  );

describe('requireIncremental', () => {
  it('names what is missing when the endpoint has no incremental block', () => {
    expect(() => requireIncremental(profile(''), undefined, [], undefined)).toThrow(/demo items has no "incremental:" block.*incremental\.field.*incremental\.key.*incremental\.mode/);
  });

  it("says why where the profile says it cannot", () => {
    expect(() => requireIncremental(profile('{unsupported: a live ranking has no growing field}'), 'items', [], undefined)).toThrow(/cannot export incrementally: a live ranking has no growing field/);
  });

  it('keyset mode needs a cursor chain', () => {
    expect(() => requireIncremental(profile('{field: t, type: number, key: id, mode: keyset}', 'offset'), 'items', [], undefined)).toThrow(/pages by offset; keyset mode needs a cursor/);
  });

  it('adds the filters the mode requires, and refuses another value', () => {
    const newest = profile('{field: t, type: timestamp, key: id, mode: newest_first, requires: {sort: desc}}');
    expect(requireIncremental(newest, 'items', [], undefined)?.filters).toEqual([['sort', 'desc']]);
    expect(requireIncremental(newest, 'items', [['sort', 'desc']], undefined)?.filters).toEqual([['sort', 'desc']]);
    expect(() => requireIncremental(newest, 'items', [['sort', 'asc']], undefined)).toThrow(/only with --filter sort=desc .*not sort=asc/);
  });

  it('--since is read as the field type', () => {
    const spec = profile('{field: t, type: timestamp, key: id, mode: newest_first}');
    expect(requireIncremental(spec, 'items', [], '2026-01-31')?.since).toBe(Date.UTC(2026, 0, 31));
    expect(() => requireIncremental(spec, 'items', [], 'soon')).toThrow(/--since "soon": t is a timestamp; expected 2026-01-31T00:00:00Z or 2026-01-31/);
  });

  it('the profile schema refuses a filter mode without a bound and a duration lookback on a number', () => {
    expect(() => profile('{field: t, type: number, key: id, mode: filter}')).toThrow(/incremental\.filter.*filter mode needs filter/);
    expect(() => profile('{field: t, type: number, key: id, mode: newest_first, lookback: 10m}')).toThrow(/lookback.*expected a number/);
  });
});
