/**
 * Values of the growing field, made comparable: timestamps as milliseconds since the epoch,
 * numbers as numbers, strings as themselves (compared by UTF-16 code unit). Pure functions.
 */
import { DURATION } from '../profile/incremental-schema.js';

export type FieldType = 'timestamp' | 'number' | 'string';
/** A normalized field value: a number for timestamps and numbers, a string for strings. */
export type Value = number | string;

// SoundCloud's own format: `2018/02/27 14:37:10 +0000`.
const SLASHED = /^(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$/;
const ISO = /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?$/i;

/** The comparable form of a raw record value, or undefined when it is not of the type. */
export function normalize(type: FieldType, raw: unknown): Value | undefined {
  switch (type) {
    case 'number': {
      const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      return Number.isFinite(value) ? value : undefined;
    }
    case 'string':
      return typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : undefined;
    case 'timestamp':
      return typeof raw === 'string' ? parseTimestamp(raw) : undefined;
  }
}

function parseTimestamp(text: string): number | undefined {
  const slashed = SLASHED.exec(text);
  if (slashed) {
    const [, y, mo, d, h, mi, s, sign, oh, om] = slashed;
    const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
    return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offset;
  }
  if (!ISO.test(text)) return undefined;
  // A date or time without a zone is read as UTC, never as the machine's local time.
  const zoned = /(?:Z|[+-]\d\d:?\d\d)$/i.test(text) || !text.includes(':') ? text : `${text}Z`;
  const ms = Date.parse(zoned.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : undefined;
}

export const compare = (a: Value, b: Value): number => (a < b ? -1 : a > b ? 1 : 0);

/** The lookback as a distance in the field's units: milliseconds for timestamps. */
export function lookbackOf(type: FieldType, lookback: string | number | undefined): number {
  if (lookback === undefined || type === 'string') return 0;
  if (typeof lookback === 'number') return lookback;
  const [, amount, unit] = DURATION.exec(lookback) ?? [];
  const scale = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit as 'ms'];
  return Number(amount) * scale;
}

/** `value - distance` (strings do not move). */
export const below = (value: Value, distance: number): Value => (typeof value === 'number' ? value - distance : value);

/** How a value reads to a person (and goes to an API as a bound): ISO 8601 for timestamps. */
export function display(type: FieldType, value: Value): string {
  return type === 'timestamp' && typeof value === 'number' ? new Date(value).toISOString() : String(value);
}

/** The lower bound as the API's filter expects it. */
export function formatBound(type: FieldType, value: Value, format: 'iso' | 'unix' | 'unix_ms'): string | number {
  if (type !== 'timestamp' || typeof value !== 'number') return value;
  if (format === 'unix') return Math.floor(value / 1000);
  if (format === 'unix_ms') return value;
  return new Date(value).toISOString();
}
