/**
 * `paginate export` options: commander's raw strings parsed once, by the option table's parsers,
 * into a typed ExportCommand; then the rules between options. Every mistake is a usage error
 * (exit 2) that says what was expected.
 */
import { usageError } from './errors.js';
import { checkFanOutOptions } from './fan-out/options.js';
import { attributeOf, EXPORT_OPTIONS, type ExportOption, type ExportValues } from './options/export-options.js';

/** Commander's values, keyed by each long flag's camelCase name (`maxItems`, `limiterTimeout`). */
export type RawExportOptions = Partial<Record<string, string | string[] | boolean>>;

export type ExportCommand = ExportValues & { profile: string; endpoint?: string };

export function parseExportOptions(profile: string, endpoint: string | undefined, raw: RawExportOptions): ExportCommand {
  if (raw.quiet && raw.verbose) throw usageError('BAD_OPTION', '--quiet and --verbose cannot be used together');
  checkFanOutOptions(raw);
  // Newest first, the records left out would be older than the mark and never exported.
  if ((raw.incremental || raw.since !== undefined) && raw.maxItems !== undefined) {
    throw usageError('BAD_OPTION', `${raw.since === undefined ? '--incremental' : '--since'} and --max-items cannot be used together: the mark would pass over the records left out`);
  }
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(EXPORT_OPTIONS) as Array<[string, ExportOption]>) {
    values[key] = spec.parse((raw[attributeOf(spec)] ?? spec.default) as never);
  }
  const command = { ...(values as ExportValues), profile, endpoint };
  // --since is an incremental run; --with-parent's field is a column (and part of a projection) even when --fields leaves it out.
  command.incremental = command.incremental || command.since !== undefined;
  if (command.fields && command.withParent && !command.fields.includes(command.withParent)) command.fields = [command.withParent, ...command.fields];
  return command;
}
