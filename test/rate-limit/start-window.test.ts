/** The start window alone: times are the test's, so the bound is checked exactly. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createStartWindow } from '../../src/rate-limit/start-window.js';

describe('start window', () => {
  it('holds the next start until the one `count` starts back is a window behind', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 60 }), (count, gaps) => {
        const window = createStartWindow(count, 1000);
        const starts: number[] = [];
        let now = 0;
        for (const gap of gaps) {
          now = Math.max(now + gap, window.earliest());
          window.started(now);
          starts.push(now);
        }
        for (let i = count; i < starts.length; i++) expect(starts[i] - starts[i - count]).toBeGreaterThanOrEqual(1000);
        // Held no longer than needed: a start comes at its own time or exactly when the window allows.
        for (let i = count; i < starts.length; i++) expect(starts[i] - starts[i - 1] <= 400 || starts[i] === starts[i - count] + 1000).toBe(true);
      }),
    );
  });

  it('a restamped start counts from its later time, unless a newer start has taken its slot', () => {
    const window = createStartWindow(2, 1000);
    const first = window.started(0);
    window.started(10);
    window.restamp(first, 40);
    expect(window.earliest()).toBe(1040);
    const third = window.started(1040);
    window.restamp(first, 900);
    expect(window.earliest(), 'the first start has left the window').toBe(1010);
    window.restamp(third, 1000);
    expect(window.earliest(), 'never earlier than the start itself').toBe(1010);
  });
});
