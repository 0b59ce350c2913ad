import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../sandbox/data/fake-data.js';
import { createFaultInjector, decideFault, faultResponse, type FaultDecision, type FaultOptions } from '../../sandbox/server/faults.js';

const kinds = (options: FaultOptions, count: number): string[] => {
  const next = createFaultInjector(options);
  return Array.from({ length: count }, () => next().kind);
};

describe('decideFault', () => {
  it('injects nothing without options', () => {
    expect(new Set(kinds({}, 1000))).toEqual(new Set(['none']));
  });

  it.each(['error5xx', 'reset', 'rate429', 'malformed', 'slow', 'hang'] as const)('always injects %s at probability 1', (kind) => {
    expect(new Set(kinds({ [kind]: 1 }, 200))).toEqual(new Set([kind]));
  });

  it('injects each kind at about its probability', () => {
    const options = { error5xx: 0.1, reset: 0.05, rate429: 0.05, malformed: 0.05, slow: 0.1, hang: 0.02 };
    const counts = new Map<string, number>();
    for (const kind of kinds(options, 20_000)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    for (const [kind, p] of Object.entries(options)) {
      const share = (counts.get(kind) ?? 0) / 20_000;
      expect(share, `${kind}: expected about ${p}, got ${share}`).toBeGreaterThan(p * 0.8);
      expect(share, `${kind}: expected about ${p}, got ${share}`).toBeLessThan(p * 1.2);
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const options = { error5xx: 0.3, reset: 0.2, seed: 42 };
    expect(kinds(options, 500)).toEqual(kinds(options, 500));
    expect(kinds({ ...options, seed: 43 }, 500)).not.toEqual(kinds(options, 500));
  });

  it('answers 429 to exactly the burst window, counted from the first request', () => {
    const burst = { after: 5, count: 3, retryAfterS: 2 };
    const out = kinds({ burst429: burst }, 12);
    expect(out).toEqual(['none', 'none', 'none', 'none', 'none', 'burst429', 'burst429', 'burst429', 'none', 'none', 'none', 'none']);
    expect(decideFault({ burst429: burst }, 6, seededRandom(1))).toEqual({ kind: 'burst429', retryAfterS: 2 });
  });

  it('spreads 5xx statuses over 500, 502 and 503 and malformed bodies over both variants', () => {
    const next = createFaultInjector({ error5xx: 1 });
    const statuses = new Set(Array.from({ length: 100 }, () => (next() as { status: number }).status));
    expect(statuses).toEqual(new Set([500, 502, 503]));
    const malformed = createFaultInjector({ malformed: 1 });
    const variants = new Set(Array.from({ length: 100 }, () => (malformed() as { variant: string }).variant));
    expect(variants).toEqual(new Set(['truncated', 'html']));
  });

  it('uses the configured retry-after and slow delay, with defaults of 1 s and 1000 ms', () => {
    expect(decideFault({ rate429: 1 }, 1, seededRandom(1))).toEqual({ kind: 'rate429', retryAfterS: 1 });
    expect(decideFault({ rate429: 1, retryAfterS: 7 }, 1, seededRandom(1))).toEqual({ kind: 'rate429', retryAfterS: 7 });
    expect(decideFault({ slow: 1 }, 1, seededRandom(1))).toEqual({ kind: 'slow', delayMs: 1000 });
    expect(decideFault({ slow: 1, slowMs: 50 }, 1, seededRandom(1))).toEqual({ kind: 'slow', delayMs: 50 });
  });
});

describe('faultResponse', () => {
  it('gives the replies clients must survive', () => {
    const error = faultResponse({ kind: 'error5xx', status: 502 });
    expect(error?.status).toBe(502);
    expect(typeof error?.body).toBe('object');
    expect(faultResponse({ kind: 'rate429', retryAfterS: 3 })).toMatchObject({ status: 429, headers: { 'retry-after': '3' } });
    const truncated = faultResponse({ kind: 'malformed', variant: 'truncated' });
    expect(truncated?.status).toBe(200);
    expect(() => JSON.parse(truncated?.body as string)).toThrow();
    const html = faultResponse({ kind: 'malformed', variant: 'html' });
    expect(html?.headers?.['content-type']).toMatch(/text\/html/);
    expect(html?.body).toMatch(/^<!DOCTYPE html>/);
  });

  it('has no reply for faults that send none or only delay', () => {
    const silent: FaultDecision[] = [{ kind: 'reset' }, { kind: 'hang' }, { kind: 'slow', delayMs: 5 }, { kind: 'none' }];
    for (const decision of silent) expect(faultResponse(decision)).toBeUndefined();
  });
});
