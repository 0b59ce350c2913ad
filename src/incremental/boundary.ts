/**
 * The boundary of an incremental export: which records are new. A record is new when its value is
 * at least the run's floor (the last mark minus the lookback: `>=`, so records sharing the boundary
 * value are not lost) and its key was not written before (so they are not repeated either). Keys are
 * kept only within the lookback window below the mark, and at most `cap` of them. Pure, no I/O.
 */
import { below, compare, type Value } from './value.js';

/** Records at or above `value` (or strictly above it, when not `inclusive`) may be new. */
export interface Floor {
  value: Value;
  inclusive: boolean;
}

/** What the state keeps between runs. */
export interface Window {
  /** The largest value exported so far; absent before the first record. */
  mark?: Value;
  floor?: Floor;
  /** Keys with their values, within the lookback window. */
  keys: Array<[string, Value]>;
}

/** What a run has written so far, checkpointed so a killed run resumes with it. */
export interface Written {
  mark?: Value;
  keys: Array<[string, Value]>;
  /** Keys at or below this value were dropped to stay under the cap. */
  cutAt?: Value;
}

export type Verdict = 'new' | 'seen' | 'old';

export interface BoundaryOptions {
  /** The lookback in the field's units (ms for timestamps). */
  lookback: number;
  cap: number;
  /** The state of the last complete run. */
  previous?: Window;
  /** `--since`: the floor of a run without previous state. */
  since?: Value;
  /** A killed run's progress, from its checkpoint. */
  written?: Written;
}

export interface Boundary {
  /** This run's floor: the bound a filter sends, and where newest-first stops. */
  readonly floor?: Floor;
  /** Classifies a record without remembering it. */
  verdict(key: string, value: Value): Verdict;
  /** Remembers a record as written (after the output accepted it). */
  admit(key: string, value: Value): void;
  /** This run's progress, for the checkpoint. */
  written(): Written;
  /** The state for the next run, and whether the cap dropped keys still inside the lookback. */
  next(): { window: Window; capped: boolean };
}

export function isBelow(floor: Floor | undefined, value: Value): boolean {
  if (!floor) return false;
  const order = compare(value, floor.value);
  return order < 0 || (order === 0 && !floor.inclusive);
}

const higher = (a: Floor | undefined, b: Floor | undefined): Floor | undefined => {
  if (!a || !b) return a ?? b;
  const order = compare(a.value, b.value);
  if (order !== 0) return order > 0 ? a : b;
  return { value: a.value, inclusive: a.inclusive && b.inclusive };
};

const maxValue = (a: Value | undefined, b: Value | undefined): Value | undefined =>
  a === undefined ? b : b === undefined ? a : compare(a, b) >= 0 ? a : b;

/**
 * Keeps at most `cap` keys: the newest, cut between two values so that every key above the cut is
 * kept and the caller can treat everything at or below it as already written.
 */
export function capKeys(keys: Map<string, Value>, cap: number): Value | undefined {
  if (keys.size <= cap) return undefined;
  const values = [...keys.values()].sort((a, b) => compare(b, a));
  const cutAt = values[cap];
  for (const [key, value] of keys) if (compare(value, cutAt) <= 0) keys.delete(key);
  return cutAt;
}

/** Drops keys below `floor`: no later run can meet those records as new. */
function prune(keys: Map<string, Value>, floor: Floor | undefined): void {
  if (!floor) return;
  for (const [key, value] of keys) if (isBelow(floor, value)) keys.delete(key);
}

export function createBoundary(options: BoundaryOptions): Boundary {
  const { lookback, cap, previous } = options;
  const floor: Floor | undefined = options.since !== undefined ? { value: options.since, inclusive: true } : previous?.floor;
  const known = new Map(options.since !== undefined ? [] : (previous?.keys ?? []));
  const written = new Map(options.written?.keys ?? []);
  let mark = options.written?.mark;
  let cutAt = options.written?.cutAt;
  let capped = false;

  const windowFloor = (top: Value | undefined): Floor | undefined => {
    const byLookback = top === undefined ? undefined : { value: below(top, lookback), inclusive: true };
    const byCut = cutAt === undefined ? undefined : { value: cutAt, inclusive: false };
    return higher(higher(byLookback, byCut), floor);
  };

  return {
    floor,
    verdict(key, value) {
      if (isBelow(floor, value)) return 'old';
      return known.has(key) || written.has(key) ? 'seen' : 'new';
    },
    admit(key, value) {
      written.set(key, value);
      mark = maxValue(mark, value);
      // Bounded memory: the keys of a long first run go as soon as they fall out of the window.
      if (written.size > 2 * cap) {
        prune(written, windowFloor(mark));
        const cut = capKeys(written, cap);
        if (cut !== undefined) {
          capped = true;
          cutAt = maxValue(cutAt, cut);
        }
      }
    },
    written: () => ({ mark, keys: [...written], cutAt }),
    next() {
      const top = maxValue(previous && options.since === undefined ? previous.mark : undefined, mark);
      const merged = new Map([...known, ...written]);
      const next = windowFloor(top);
      prune(merged, next);
      const cut = capKeys(merged, cap);
      if (cut !== undefined) capped = true;
      const final = cut === undefined ? next : higher(next, { value: cut, inclusive: false });
      return { window: { mark: top, floor: final, keys: [...merged] }, capped };
    },
  };
}
