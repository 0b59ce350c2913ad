import { describe, expect, it } from 'vitest';
import { backoffMs, retryAfterMs } from '../../src/http/retry-timing.js';
import { createRedactor } from '../../src/http/redact.js';

describe('retry timing', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('0.5')).toBe(500);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });

  it('backs off exponentially within [c/2, c], capped', () => {
    expect(backoffMs(0, { baseMs: 100 }, () => 0)).toBe(50);
    expect(backoffMs(3, { baseMs: 100 }, () => 1)).toBe(800);
    expect(backoffMs(20, { baseMs: 100, maxMs: 5000 }, () => 1)).toBe(5000);
  });
});

describe('redaction', () => {
  it('replaces every secret, raw or percent-encoded', () => {
    const redact = createRedactor(['s3cr3t/+=', 'abcd']);
    expect(redact('key=s3cr3t/+= url=s3cr3t%2F%2B%3D abcd')).toBe('key=*** url=*** ***');
  });
});
