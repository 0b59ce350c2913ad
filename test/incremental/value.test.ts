import { describe, expect, it } from 'vitest';
import { below, display, formatBound, lookbackOf, normalize } from '../../src/incremental/value.js';

describe('incremental field values', () => {
  it('reads ISO 8601 and SoundCloud timestamps as the same instant, zoneless ones as UTC', () => {
    const iso = normalize('timestamp', '2018-02-27T14:37:10Z');
    expect(iso).toBe(Date.UTC(2018, 1, 27, 14, 37, 10));
    expect(normalize('timestamp', '2018/02/27 14:37:10 +0000')).toBe(iso);
    expect(normalize('timestamp', '2018/02/27 16:37:10 +0200')).toBe(iso);
    expect(normalize('timestamp', '2018-02-27T14:37:10')).toBe(iso);
    expect(normalize('timestamp', '2018-02-27')).toBe(Date.UTC(2018, 1, 27));
  });

  it('refuses values that are not of the type', () => {
    expect(normalize('timestamp', 'yesterday')).toBeUndefined();
    expect(normalize('timestamp', 1700000000)).toBeUndefined();
    expect(normalize('number', 'abc')).toBeUndefined();
    expect(normalize('number', '')).toBeUndefined();
    expect(normalize('number', '42')).toBe(42);
    expect(normalize('string', null)).toBeUndefined();
    expect(normalize('string', 'b-0001')).toBe('b-0001');
  });

  it('lookbacks in the field units, bounds in the API format', () => {
    expect(lookbackOf('timestamp', '10m')).toBe(600_000);
    expect(lookbackOf('timestamp', '1.5h')).toBe(5_400_000);
    expect(lookbackOf('number', 25)).toBe(25);
    expect(lookbackOf('string', undefined)).toBe(0);
    const t = Date.UTC(2026, 0, 31, 12);
    expect(below(t, 3_600_000)).toBe(Date.UTC(2026, 0, 31, 11));
    expect(below('abc', 5)).toBe('abc');
    expect(formatBound('timestamp', t, 'iso')).toBe('2026-01-31T12:00:00.000Z');
    expect(formatBound('timestamp', t + 999, 'unix')).toBe(t / 1000);
    expect(formatBound('number', 7, 'iso')).toBe(7);
    expect(display('timestamp', t)).toBe('2026-01-31T12:00:00.000Z');
  });
});
