/**
 * `--dry-run --incremental`: the mark the run would continue from, and an estimate of the new
 * records from one request made exactly as the run would make its first. Nothing is written.
 */
import type { Engine } from '../engine.js';
import { destinationKey, type DestinationChoices } from '../destination.js';
import type { IncrementalRequest } from './require.js';
import { createSession } from './session.js';
import { readState, statePath } from './state-file.js';

export async function planIncremental(engine: Engine, wanted: IncrementalRequest, choices: DestinationChoices, env: NodeJS.ProcessEnv): Promise<string> {
  const { spec } = wanted;
  const { key, dir, command } = destinationKey(engine.resolved, { ...choices, incremental: { fresh: false } }, env);
  const path = statePath(dir, key);
  const fresh = choices.restart || wanted.since !== undefined;
  const state = fresh ? undefined : await readState(path, key);
  const session = createSession({ spec, state, since: wanted.since, key, command, path, secrets: [] });
  let first: { records: unknown[]; next?: unknown } | undefined;
  const start = session.start;
  for await (const page of engine.pages(start && { position: start, emitted: 0 }, session.narrow(engine.resolved.base))) {
    first = page;
    break;
  }
  const selection = session.select(first?.records ?? []);
  const exact = selection.stop || first?.next === undefined;
  const count = selection.records.length;
  const { mark, floor } = session.describe();
  const lookback = spec.lookback === undefined ? '' : `, lookback ${spec.lookback}`;
  const lines = [
    `  incremental: ${spec.mode.replace('_', ' ')} on ${spec.field}, key ${spec.key}${lookback} (one more request sent)`,
    `  mark:        ${mark === undefined ? (fresh && floor ? `none (--since: records ${floor})` : 'none yet: the first run exports every record') : `${mark} after ${state?.runs} run${state?.runs === 1 ? '' : 's'}, new records ${floor}`}`,
    `  state:       ${path}`,
    `  new records: ${exact ? count : count === first?.records.length ? `at least ${count} (every record of the first page is new)` : `${count} (estimated from the first page)`}`,
  ];
  return `${lines.join('\n')}\n`;
}
