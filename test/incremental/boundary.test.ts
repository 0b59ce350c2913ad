import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { capKeys, createBoundary, type Window } from '../../src/incremental/boundary.js';

/** One run over `records` (already ordered as the API gives them): the keys it writes and the next state. */
function run(records: Array<[string, number]>, options: { lookback: number; cap: number; previous?: Window }) {
  const boundary = createBoundary(options);
  const written: string[] = [];
  for (const [key, value] of records) {
    if (boundary.verdict(key, value) !== 'new') continue;
    boundary.admit(key, value);
    written.push(key);
  }
  return { written, ...boundary.next() };
}

describe('boundary', () => {
  it('>= with keys: records sharing the boundary value are neither lost nor repeated', () => {
    const first = run([['a', 1], ['b', 2], ['c', 2]], { lookback: 0, cap: 100 });
    expect(first.written).toEqual(['a', 'b', 'c']);
    expect(first.window.mark).toBe(2);
    expect(first.window.floor).toEqual({ value: 2, inclusive: true });
    expect(first.window.keys.map(([key]) => key).sort()).toEqual(['b', 'c']);
    const second = run([['a', 1], ['b', 2], ['c', 2], ['d', 2], ['e', 3]], { lookback: 0, cap: 100, previous: first.window });
    expect(second.written).toEqual(['d', 'e']);
  });

  it('a late record inside the lookback is caught, one beyond it is not', () => {
    const first = run([['a', 100], ['b', 200]], { lookback: 50, cap: 100 });
    const second = run([['a', 100], ['late', 160], ['b', 200], ['too-late', 120]], { lookback: 50, cap: 100, previous: first.window });
    expect(second.written).toEqual(['late']);
  });

  it('the cap keeps the newest keys, raises the floor above the dropped ones and says so', () => {
    const records = Array.from({ length: 30 }, (_, i): [string, number] => [`k${i}`, i]);
    const first = run(records, { lookback: 1000, cap: 10 });
    expect(first.capped).toBe(true);
    expect(first.window.keys).toHaveLength(10);
    expect(first.window.floor).toEqual({ value: 19, inclusive: false });
    // Nothing written again, even though the lookback reaches back past the dropped keys.
    expect(run(records, { lookback: 1000, cap: 10, previous: first.window }).written).toEqual([]);
  });

  it('capKeys cuts between two values, never inside a group of equal ones', () => {
    const keys = new Map<string, number>([['a', 1], ['b', 2], ['c', 2], ['d', 3]]);
    expect(capKeys(keys, 2)).toBe(2);
    expect([...keys.keys()]).toEqual(['d']);
  });

  it('property: over runs on a growing source, every key exactly once', () => {
    // Values grow; some new records share the newest value; some arrive late within the lookback.
    const step = fc.record({ fresh: fc.integer({ min: 0, max: 8 }), tied: fc.integer({ min: 0, max: 3 }), late: fc.integer({ min: 0, max: 2 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.integer({ min: 3, max: 50 }), (steps, newestFirst, cap) => {
        const lookback = 10;
        const source: Array<[string, number]> = [];
        let top = 0;
        let id = 0;
        let previous: Window | undefined;
        const out: string[] = [];
        for (const { fresh, tied, late } of steps) {
          for (let i = 0; i < tied; i++) source.push([`r${id++}`, top]);
          for (let i = 0; i < late; i++) source.push([`r${id++}`, Math.max(0, top - 1 - (i % 9))]);
          for (let i = 0; i < fresh; i++) source.push([`r${id++}`, (top += 1 + (i % 3))]);
          const ordered = [...source].sort((a, b) => (newestFirst ? b[1] - a[1] : a[1] - b[1]));
          const result = run(ordered, { lookback, cap: Math.max(cap, 40), previous });
          out.push(...result.written);
          previous = result.window;
        }
        expect(new Set(out).size).toBe(out.length);
        expect(out.length).toBe(source.length);
      }),
      { numRuns: 200 },
    );
  });
});
