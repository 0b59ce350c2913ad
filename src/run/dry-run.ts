/** `--dry-run`: one request and the plan on stdout (with --incremental, the mark it would continue from). */
import { ExitCode } from '../errors.js';
import type { Engine } from '../engine.js';
import type { IncrementalRequest } from '../incremental/require.js';
import type { DestinationChoices } from '../destination.js';
import type { ExportCommand } from '../cli-options.js';
import type { ExportIo } from '../run-export.js';

export async function dryRun(engine: Engine, command: ExportCommand, choices: Pick<DestinationChoices, 'format' | 'identity'>, wanted: IncrementalRequest | undefined, io: ExportIo): Promise<ExitCode> {
  const { planExport, formatPlan } = await import('../plan.js');
  io.stdout.write(formatPlan(await planExport(engine)));
  if (wanted) {
    const { planIncremental } = await import('../incremental/plan.js');
    io.stdout.write(await planIncremental(engine, wanted, { ...command, ...choices, incremental: undefined, secrets: engine.secrets }, io.env));
  }
  return ExitCode.ok;
}
