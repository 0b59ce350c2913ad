import { describe, expect, it } from 'vitest';
import { createRateWindow } from '../../sandbox/server/rate-window.js';

const reply = () => ({ status: 429 });

describe('createRateWindow', () => {
  it('sliding: allows `limit` per window, then says when the oldest request leaves it', () => {
    const window = createRateWindow({ limit: 3, windowMs: 1000, reply });
    expect([0, 100, 200].map((t) => window.take(t))).toEqual([0, 0, 0]);
    expect(window.take(300)).toBe(700);
    expect(window.take(999)).toBe(1);
    expect(window.take(1000)).toBe(0);
    // the slot freed by the request at 0 is taken again; the next frees at 1100
    expect(window.take(1050)).toBe(50);
    expect(window.take(1100)).toBe(0);
  });

  it('fixed: counts within windows opened by the first request after the last one closed', () => {
    const window = createRateWindow({ limit: 2, windowMs: 1000, reply, window: 'fixed' });
    expect(window.take(500)).toBe(0);
    expect(window.take(600)).toBe(0);
    expect(window.take(700)).toBe(800);
    expect(window.take(1500)).toBe(0);
    expect(window.take(1501)).toBe(0);
    expect(window.take(1502)).toBe(998);
  });

  it('does not limit an infinite budget', () => {
    const window = createRateWindow({ limit: Infinity, windowMs: 1000, reply });
    for (let t = 0; t < 10_000; t++) expect(window.take(0)).toBe(0);
  });
});
