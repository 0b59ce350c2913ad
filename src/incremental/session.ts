/**
 * One incremental run: narrows the first request (filter mode) or its start (keyset mode), keeps
 * only new records from each page, says when newest-first order has reached old ones, and at the
 * end writes the state the next run continues from.
 */
import { failure } from '../errors.js';
import type { IncrementalSpec } from '../profile/incremental-schema.js';
import type { Position } from '../pagination/types.js';
import { withValue, type RequestSpec } from '../request/spec.js';
import { createBoundary, type Boundary, type Written } from './boundary.js';
import { keyText, readerFor } from './record-fields.js';
import { display, formatBound, lookbackOf, normalize, type Value } from './value.js';
import { keysetPosition, windowOf, writeState, type IncrementalState } from './state-file.js';

export interface SessionOptions {
  spec: IncrementalSpec;
  /** The last complete run's state. */
  state?: IncrementalState;
  since?: Value;
  /** A killed run's progress, from its checkpoint. */
  written?: Written;
  key: string;
  command: Record<string, unknown>;
  path: string;
  secrets: readonly string[];
}

export interface Selection {
  records: unknown[];
  /** Newest first: an older record was reached, so no later page holds new ones. */
  stop: boolean;
}

export interface Session {
  readonly path: string;
  readonly state?: IncrementalState;
  /** Where the chain starts (keyset mode continues from the last run's last request). */
  readonly start?: Position;
  /** The first request, with the lower bound in filter mode. */
  narrow(base: RequestSpec): RequestSpec;
  /** The page's new records, in order; pure until `accept`. */
  select(records: readonly unknown[]): Selection;
  /** The selected records reached the output. */
  accept(records: readonly unknown[]): void;
  written(): Written;
  /** The mark and floor as a person reads them. */
  describe(): { mark?: string; floor?: string };
  /** After a complete run with durable output: saves the next run's state; true when the cap dropped keys. */
  commit(end: { outputBytes?: number; columns?: readonly string[]; position?: Position }): Promise<boolean>;
}

export function createSession(options: SessionOptions): Session {
  const { spec, state, since } = options;
  const field = readerFor(spec.field);
  const key = readerFor(spec.key);
  const boundary: Boundary = createBoundary({
    lookback: lookbackOf(spec.type, spec.lookback),
    cap: spec.max_keys,
    previous: state && windowOf(state),
    since,
    written: options.written,
  });
  const read = (record: unknown): [string, Value] => {
    const value = normalize(spec.type, field(record));
    const id = keyText(key(record));
    if (value === undefined || id === undefined) {
      const what = value === undefined ? `no ${spec.type} at "${spec.field}"` : `no primary key at "${spec.key}"`;
      throw failure('INCREMENTAL_RECORD', `a record has ${what}, so it cannot be placed against the mark: ${JSON.stringify(record).slice(0, 120)}`);
    }
    return [id, value];
  };

  return {
    path: options.path,
    state,
    start: spec.mode === 'keyset' && since === undefined ? state?.position : undefined,
    narrow(base) {
      const floor = boundary.floor;
      if (spec.mode !== 'filter' || !spec.filter || !floor) return base;
      return withValue(base, spec.filter, formatBound(spec.type, floor.value, spec.filter.format));
    },
    select(records) {
      const chosen: unknown[] = [];
      const page = new Set<string>();
      let stop = false;
      for (const record of records) {
        const [id, value] = read(record);
        const verdict = boundary.verdict(id, value);
        if (verdict === 'old') stop ||= spec.mode === 'newest_first';
        else if (verdict === 'new' && !page.has(id)) {
          page.add(id);
          chosen.push(record);
        }
      }
      return { records: chosen, stop };
    },
    accept(records) {
      for (const record of records) boundary.admit(...read(record));
    },
    written: () => boundary.written(),
    describe() {
      const floor = boundary.floor;
      return {
        mark: state?.mark === undefined ? undefined : display(spec.type, state.mark),
        floor: floor && `${floor.inclusive ? '>=' : '>'} ${display(spec.type, floor.value)}`,
      };
    },
    async commit(end) {
      const { window, capped } = boundary.next();
      await writeState(
        options.path,
        {
          version: 1,
          key: options.key,
          command: options.command,
          mode: spec.mode,
          field: spec.field,
          markText: window.mark === undefined ? undefined : display(spec.type, window.mark),
          mark: window.mark,
          floor: window.floor,
          keys: window.keys,
          position: spec.mode === 'keyset' ? (keysetPosition(end.position) ?? state?.position) : undefined,
          outputBytes: end.outputBytes,
          columns: end.columns ? [...end.columns] : undefined,
          runs: (state?.runs ?? 0) + 1,
          updatedAt: new Date().toISOString(),
        },
        options.secrets,
      );
      return capped;
    },
  };
}
