/** `--each`, `--each-from` and `--with-parent`: how they go together; each mistake is a usage error. */
import { usageError } from '../errors.js';

/** Checked on commander's strings before any value is parsed. */
export function checkFanOutOptions(raw: { each?: unknown; eachFrom?: unknown; withParent?: unknown; dryRun?: unknown; incremental?: unknown; since?: unknown }): void {
  if (!raw.each) {
    if (raw.eachFrom !== undefined) throw usageError('BAD_OPTION', '--each-from needs --each FILTER=PATH');
    if (raw.withParent !== undefined) throw usageError('BAD_OPTION', '--with-parent needs --each FILTER=PATH');
    return;
  }
  if (raw.dryRun) throw usageError('BAD_OPTION', '--dry-run cannot be used with --each: it plans one export, not one per parent');
  // One high-water mark per command could not say which parents' children it covers.
  if (raw.incremental || raw.since !== undefined) throw usageError('BAD_OPTION', `${raw.since === undefined ? '--incremental' : '--since'} cannot be used with --each`);
}

export function parseWithParent(text: string | undefined): string | undefined {
  if (text !== undefined && !/^[^.\s,[\]]+$/.test(text)) {
    throw usageError('BAD_OPTION', `--with-parent "${text}": expected a field name such as artist_id`);
  }
  return text;
}
