/**
 * Fan-out: one child export per parent record, through the run's one engine (one limiter, one
 * budget). Up to `concurrency` parents' page chains run at once; pages come out in parent order
 * through a bounded buffer, each with the checkpoint state to resume after it: the parent index,
 * the child's position and a digest of the parents consumed. A parent the API answers with 404 is
 * reported and counted; any other error stops the run. One file of ~160 lines: the children and
 * the resume state they advance belong together.
 */
import type { Readable } from 'node:stream';
import { HttpError } from '../http/http-error.js';
import { PaginateError, usageError } from '../errors.js';
import type { Engine, Resume } from '../engine.js';
import { withFilters } from '../profile/resolve.js';
import type { PageResult } from '../strategy/types.js';
import { parentValues, type EachSpec } from './each.js';
import { badParent, EMPTY_DIGEST, readParents, type Parent } from './parents.js';
import { ordered } from './ordered.js';
import type { FanOutState } from './state.js';

export interface FanOutOptions {
  engine: Pick<Engine, 'pages' | 'resolved'>;
  each: readonly EachSpec[];
  input: Readable;
  /** Names the input in messages: `stdin` or the --each-from file. */
  source: string;
  /** Parents whose chains run at once. */
  concurrency: number;
  /** --with-parent: the field that gets the parent's (first --each) value. */
  withParent?: string;
  resumed?: FanOutState;
  warn(message: string): void;
  /** Aborted on SIGINT/SIGTERM: no parent counts as done after it, and no more parents are read. */
  signal?: AbortSignal;
}

export interface FanOutPage extends PageResult {
  fanOut: FanOutState;
}

export interface FanOut {
  pages(): AsyncGenerator<FanOutPage>;
  /** Parents finished so far, resumed ones included. */
  readonly parents: number;
  readonly notFound: number;
  /** Why the run may be incomplete, once it ended. */
  reasons(): string[];
}

/** Pages a chain holds before its parent's turn: memory is bounded by concurrency × this × page size. */
const BUFFER_PAGES = 8;

type ChildItem = { page: PageResult; emitted: number } | { notFound: string };

export function createFanOut(options: FanOutOptions): FanOut {
  const { engine, each, source } = options;
  const resumed = options.resumed;
  let state: FanOutState = resumed ?? { parent: 0, digest: EMPTY_DIGEST, notFound: 0, short: 0 };

  async function* child(parent: Parent): AsyncGenerator<ChildItem> {
    const values = parentValues(parent.record, each);
    if (!values.ok) throw badParent(source, parent.line, values.why);
    let base;
    try {
      base = withFilters(engine.resolved, values.filters);
    } catch (error) {
      if (error instanceof PaginateError) throw badParent(source, parent.line, `sets ${error.message.replace(/^--filter /, '')}`);
      throw error;
    }
    const from = resumed?.child && parent.index === resumed.parent ? resumed.child : undefined;
    const resume: Resume | undefined = from && { position: from.position, emitted: from.emitted, total: from.total };
    let emitted = from?.emitted ?? 0;
    const where = `parent ${parent.index + 1} (${source} line ${parent.line}, ${values.filters.map((pair) => pair.join('=')).join(' ')})`;
    try {
      for await (const page of engine.pages(resume, base)) {
        emitted += page.records.length;
        // A refused cursor, an expired snapshot: said of this parent.
        yield { page: page.incomplete ? { ...page, incomplete: `${where}: ${page.incomplete}` } : page, emitted };
      }
      // A strategy stops quietly on abort: this parent is not done.
      options.signal?.throwIfAborted();
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) yield { notFound: `${where} not found, skipped: ${error.message}` };
      else throw error;
    }
  }

  const withKey = (records: readonly unknown[], key: unknown): unknown[] => {
    const name = options.withParent as string;
    return records.map((record) => {
      if (record === null || typeof record !== 'object' || Array.isArray(record)) return { [name]: key, value: record };
      const out: Record<string, unknown> = { [name]: key };
      for (const [field, value] of Object.entries(record)) if (field !== name) out[field] = value;
      return out;
    });
  };

  return {
    async *pages() {
      const tasks = skipResumed(readParents(options.input, source), resumed, source);
      let total: number | undefined;
      let emitted = 0;
      for await (const step of ordered(tasks, child, { concurrency: options.concurrency, buffer: BUFFER_PAGES })) {
        const parent = step.task;
        if ('end' in step) {
          if (total !== undefined && emitted < total) state = { ...state, short: state.short + 1 };
          state = { ...state, parent: parent.index + 1, digest: parent.digest, child: undefined };
          total = undefined;
          emitted = 0;
          continue;
        }
        const item = step.item;
        if ('notFound' in item) {
          options.warn(item.notFound);
          state = { ...state, notFound: state.notFound + 1 };
          continue;
        }
        const { page } = item;
        total = page.total;
        emitted = item.emitted;
        const key = options.withParent === undefined ? undefined : parentValues(parent.record, each);
        const records = key?.ok ? withKey(page.records, key.key) : page.records;
        const next = page.next;
        const after: FanOutState = next
          ? { ...state, parent: parent.index, digest: parent.digest, child: { position: next, emitted, total } }
          : { ...state, parent: parent.index + 1, digest: parent.digest, child: undefined };
        yield { records, next: next ?? {}, incomplete: page.incomplete, fanOut: after };
      }
    },
    get parents() {
      return state.parent;
    },
    get notFound() {
      return state.notFound;
    },
    reasons() {
      const reasons: string[] = [];
      if (state.notFound > 0) reasons.push(`${state.notFound} of ${state.parent} parents not found (HTTP 404); their children are missing`);
      if (state.short > 0) reasons.push(`${state.short} parents' children ended short of the total their server reported`);
      return reasons;
    },
  };
}

/**
 * On resume, the parents already done are read and skipped, not exported again. Their digest must
 * match the checkpoint's: different parents on a rerun would resume another export's position.
 */
async function* skipResumed(parents: AsyncGenerator<Parent>, resumed: FanOutState | undefined, source: string): AsyncGenerator<Parent> {
  const covered = resumed === undefined ? 0 : resumed.child ? resumed.parent + 1 : resumed.parent;
  let seen = 0;
  for await (const parent of parents) {
    seen++;
    if (parent.index + 1 === covered && parent.digest !== resumed?.digest) throw parentsChanged(source, `parent ${parent.index + 1} (line ${parent.line}) or one before it differs`);
    if (parent.index >= (resumed?.parent ?? 0)) yield parent;
  }
  if (seen < covered) throw parentsChanged(source, `it has ${seen} parents, the checkpoint had read ${covered}`);
}

const parentsChanged = (source: string, why: string) =>
  usageError('PARENTS_CHANGED', `the parents on ${source} are not the ones the checkpoint was made from (${why}); feed the same parents to resume, or --restart to start over`);
