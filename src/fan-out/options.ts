/** `--each`, `--each-from` and `--with-parent` from commander's strings; each mistake is a usage error. */
import { usageError } from '../errors.js';
import { parseEach, type EachSpec } from './each.js';

export interface FanOutOptions {
  each?: EachSpec[];
  eachFrom?: string;
  withParent?: string;
}

export function parseFanOutOptions(raw: { each?: string[]; eachFrom?: string; withParent?: string; dryRun?: boolean; incremental?: boolean; since?: string }): FanOutOptions {
  if (!raw.each) {
    if (raw.eachFrom !== undefined) throw usageError('BAD_OPTION', '--each-from needs --each FILTER=PATH');
    if (raw.withParent !== undefined) throw usageError('BAD_OPTION', '--with-parent needs --each FILTER=PATH');
    return {};
  }
  if (raw.dryRun) throw usageError('BAD_OPTION', '--dry-run cannot be used with --each: it plans one export, not one per parent');
  // One high-water mark per command could not say which parents' children it covers.
  if (raw.incremental || raw.since !== undefined) throw usageError('BAD_OPTION', `${raw.since === undefined ? '--incremental' : '--since'} cannot be used with --each`);
  if (raw.withParent !== undefined && !/^[^.\s,[\]]+$/.test(raw.withParent)) {
    throw usageError('BAD_OPTION', `--with-parent "${raw.withParent}": expected a field name such as artist_id`);
  }
  return { each: parseEach(raw.each), eachFrom: raw.eachFrom, withParent: raw.withParent };
}
