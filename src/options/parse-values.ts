/** The value parsers the option table uses: each mistake is a usage error (exit 2) saying what was expected. */
import { usageError } from '../errors.js';

export function parseFilter(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw usageError('BAD_FILTER', `--filter "${text}": expected NAME=VALUE, e.g. --filter platform=spotify`);
  return [text.slice(0, at), text.slice(at + 1)];
}

export function parseFields(text: string): string[] {
  const fields = text.split(',').map((field) => field.trim());
  if (fields.some((field) => field === '' || /\.\.|^\.|\.$/.test(field))) {
    throw usageError('BAD_FIELDS', `--fields "${text}": expected comma-separated dot paths such as id,artist.name`);
  }
  return fields;
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError('BAD_OPTION', `${flag} "${value}": expected one of ${allowed.join(', ')}`);
}

export function integer(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(number) || number < min || number > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw usageError('BAD_OPTION', `${flag} "${value}": expected a whole number ${range}`);
  }
  return number;
}

/** Seconds as typed, in milliseconds. */
export function seconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0 || number > 3600) {
    throw usageError('BAD_OPTION', `${flag} "${value}": expected seconds, more than 0 and at most 3600`);
  }
  return Math.round(number * 1000);
}
