import { describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../sandbox/server/fault-spec.js';

describe('parseFaultSpec', () => {
  it('reads every fault option by its own name', () => {
    expect(parseFaultSpec('error5xx=0.05,reset=.02,rate429=0.03,malformed=0.01,slow=0.1,hang=0,retryAfterS=2,slowMs=250,seed=7,burst429=10:3')).toEqual({
      error5xx: 0.05,
      reset: 0.02,
      rate429: 0.03,
      malformed: 0.01,
      slow: 0.1,
      hang: 0,
      retryAfterS: 2,
      slowMs: 250,
      seed: 7,
      burst429: { after: 10, count: 3, retryAfterS: 2 },
    });
  });

  it('gives a burst the default Retry-After of 1 s, and accepts probability 1 alone', () => {
    expect(parseFaultSpec('burst429=0:5')).toEqual({ burst429: { after: 0, count: 5, retryAfterS: 1 } });
    expect(parseFaultSpec('reset=1')).toEqual({ reset: 1 });
  });

  it.each([
    ['', /expected name=value, got ""/],
    ['error5xx', /expected name=value, got "error5xx"/],
    ['error5xx=0.1,', /expected name=value, got ""/],
    ['timeout=0.1', /unknown fault "timeout"; expected one of error5xx, /],
    ['reset=0.1,reset=0.2', /"reset" is given twice/],
    ['error5xx=1.5', /error5xx=1\.5: expected a probability from 0 to 1/],
    ['error5xx=-0.1', /expected a probability from 0 to 1/],
    ['error5xx=5%', /expected a probability from 0 to 1/],
    ['error5xx=0.5,rate429=0.3,reset=0.3', /the probabilities add up to 1\.1, more than 1/],
    ['seed=1.5', /seed=1\.5: expected a whole number from 0 to 4294967295/],
    ['retryAfterS=3601', /expected a whole number from 0 to 3600/],
    ['burst429=5', /burst429=5: expected AFTER:COUNT/],
  ])('refuses %j as a usage error', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(expect.objectContaining({ code: 'BAD_OPTION', exitCode: 2, message: expect.stringMatching(message) }));
  });
});
