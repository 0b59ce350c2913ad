import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRate } from '../../src/rate-limit/rate.js';
import { Profile } from '../../src/profile/schema.js';

const parses = (text: string) => {
  try {
    parseRate(text);
    return true;
  } catch {
    return false;
  }
};
const schemaAccepts = (text: string) => Profile.shape.rate_limit.safeParse(text).success;

describe('one rate grammar for --rate and rate_limit', () => {
  it('the profile schema accepts exactly what parseRate accepts', () => {
    for (const text of ['5000/min', '5/s', '0.5/s', ' 10 / minute ', '1/h', '0/min', '0.0/s', '00/s', '5/ms', '10/fortnight', 'fast', '', '-1/s', '1e3/s']) {
      expect(schemaAccepts(text), text).toBe(parses(text));
    }
    const piece = fc.constantFrom('0', '1', '9', '.', '/', ' ', 's', 'min', 'hour', 'h', 'x', '-');
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')), (text) => schemaAccepts(text) === parses(text)));
  });

  it('refuses a zero rate', () => {
    expect(parses('0/min')).toBe(false);
    expect(schemaAccepts('0/min')).toBe(false);
  });
});
