/**
 * Where an incremental export reads a record's growing field and primary key: the one place that
 * evaluates the profile's paths, so the path language can change here alone.
 */
import { compileQuery } from '../json/query.js';

export type FieldReader = (record: unknown) => unknown;

export const readerFor = (path: string): FieldReader => compileQuery(path).first;

/** A primary key as text: strings as they are, anything else as its JSON. */
export function keyText(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}
