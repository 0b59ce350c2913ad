/**
 * `--faults SPEC` of `paginate sandbox`: `error5xx=0.05,reset=0.02,rate429=0.03,seed=7` names
 * fault options (faults.ts) by their own names, so the flag and the tests speak one vocabulary.
 */
import { usageError } from '../../src/errors.js';
import type { FaultOptions } from './faults.js';

type Probability = 'error5xx' | 'reset' | 'rate429' | 'malformed' | 'slow' | 'hang';
const PROBABILITIES: readonly Probability[] = ['error5xx', 'reset', 'rate429', 'malformed', 'slow', 'hang'];
const WHOLE: Readonly<Record<'retryAfterS' | 'slowMs' | 'seed', number>> = { retryAfterS: 3600, slowMs: 600_000, seed: 2 ** 32 - 1 };
const KEYS = [...PROBABILITIES, 'burst429', ...Object.keys(WHOLE)];

export function parseFaultSpec(spec: string): FaultOptions {
  const bad = (why: string) => usageError('BAD_OPTION', `--faults "${spec}": ${why}`);
  const options: FaultOptions = {};
  const seen = new Set<string>();
  for (const part of spec.split(',')) {
    const match = /^\s*([A-Za-z0-9]+)=(.*?)\s*$/.exec(part);
    if (!match) throw bad(`expected name=value, got "${part.trim()}"`);
    const [, key, value] = match;
    if (!KEYS.includes(key)) throw bad(`unknown fault "${key}"; expected one of ${KEYS.join(', ')}`);
    if (seen.has(key)) throw bad(`"${key}" is given twice`);
    seen.add(key);
    if ((PROBABILITIES as readonly string[]).includes(key)) {
      const p = /^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(value) ? Number(value) : NaN;
      if (!(p >= 0 && p <= 1)) throw bad(`${key}=${value}: expected a probability from 0 to 1`);
      options[key as Probability] = p;
    } else if (key === 'burst429') {
      const burst = /^(\d{1,9}):(\d{1,9})$/.exec(value);
      if (!burst) throw bad(`burst429=${value}: expected AFTER:COUNT, two whole numbers`);
      options.burst429 = { after: Number(burst[1]), count: Number(burst[2]), retryAfterS: 1 };
    } else {
      const max = WHOLE[key as keyof typeof WHOLE];
      const n = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
      if (!(n <= max)) throw bad(`${key}=${value}: expected a whole number from 0 to ${max}`);
      options[key as keyof typeof WHOLE] = n;
    }
  }
  const total = PROBABILITIES.reduce((sum, key) => sum + (options[key] ?? 0), 0);
  // one draw decides the kind, so beyond 1 the later kinds could never happen
  if (total > 1 + 1e-9) throw bad(`the probabilities add up to ${Number(total.toFixed(6))}, more than 1`);
  if (options.burst429) options.burst429.retryAfterS = options.retryAfterS ?? 1;
  return options;
}
