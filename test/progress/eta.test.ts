import { describe, expect, it } from 'vitest';
import { createRateMeter, etaSeconds } from '../../src/progress/eta.js';

describe('createRateMeter', () => {
  it('measures records per second at a steady rate', () => {
    const meter = createRateMeter(5_000);
    let rate = 0;
    for (let ms = 0; ms <= 10_000; ms += 100) rate = meter.sample(ms, ms / 10);
    expect(rate).toBeCloseTo(100);
  });

  it('is 0 until a second sample gives it an interval', () => {
    expect(createRateMeter().sample(1_000, 500)).toBe(0);
  });

  it('forgets what is older than the window, so a stall shows as a falling rate', () => {
    const meter = createRateMeter(5_000);
    for (let ms = 0; ms <= 10_000; ms += 100) meter.sample(ms, ms);
    let rate = 0;
    // A 429 wait: no new records for 6 s.
    for (let ms = 10_100; ms <= 16_000; ms += 100) rate = meter.sample(ms, 10_000);
    expect(rate).toBe(0);
  });

  it('keeps the sample before the window as a baseline when samples are sparse', () => {
    const meter = createRateMeter(5_000);
    meter.sample(0, 0);
    expect(meter.sample(10_000, 2_000)).toBeCloseTo(200);
    expect(meter.sample(20_000, 3_000)).toBeCloseTo(100);
  });
});

describe('etaSeconds', () => {
  it('divides what is left by the rate', () => expect(etaSeconds(1_000, 11_000, 500)).toBe(20));
  it('is unknown while nothing is arriving', () => expect(etaSeconds(1_000, 11_000, 0)).toBeUndefined());
  it('is 0 once the total is reached, or passed', () => {
    expect(etaSeconds(11_000, 11_000, 0)).toBe(0);
    expect(etaSeconds(12_000, 11_000, 500)).toBe(0);
  });
});
