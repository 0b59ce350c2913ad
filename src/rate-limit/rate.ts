/** A request rate such as `5000/min` or `5/s`, parsed once at the edge. */
import { usageError } from '../errors.js';

export interface Rate {
  count: number;
  perMs: number;
}

const UNITS: Record<string, number> = { s: 1000, sec: 1000, second: 1000, min: 60_000, minute: 60_000, h: 3_600_000, hour: 3_600_000 };

/**
 * The one grammar of a rate, for --rate and a profile's rate_limit (the schema checks this
 * pattern, so the JSON Schema refuses what parseRate refuses): a count above zero, a unit.
 */
export const RATE_PATTERN = new RegExp(`^\\s*(?=[\\d.]*[1-9])(\\d+(?:\\.\\d+)?)\\s*/\\s*(${Object.keys(UNITS).join('|')})\\s*$`);
export const RATE_EXPECTED = 'expected a positive rate such as 5000/min or 5/s';

export function parseRate(text: string, where = '--rate'): Rate {
  const match = RATE_PATTERN.exec(text);
  if (!match) throw usageError('BAD_RATE', `${where} "${text}": ${RATE_EXPECTED}`);
  return { count: Number(match[1]), perMs: UNITS[match[2]] };
}

export const formatRate = (rate: Rate): string =>
  rate.perMs === 1000 ? `${rate.count}/s` : rate.perMs === 60_000 ? `${rate.count}/min` : `${rate.count}/${rate.perMs}ms`;

/**
 * Milliseconds between request starts that keep every window of `perMs` at or under `count`,
 * even when arrivals at the server bunch up by up to JITTER_MS: count starts must span more than
 * perMs + jitter. Costs 5% at 5/s and 0.1% at 5000/min.
 */
const JITTER_MS = 50;
/** The span that `count` + 1 starts must exceed: the window and the jitter margin. */
export const windowMs = (rate: Rate): number => rate.perMs + JITTER_MS;
export const spacingMs = (rate: Rate): number => windowMs(rate) / rate.count;
