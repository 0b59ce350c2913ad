/**
 * Hybrid parallel fetching, as Soundcharts describes it
 * (https://help.soundcharts.com/en/articles/14724998-how-do-cursors-work): inside an offset window
 * anchored by a keyset cursor, pages are requested in parallel under the limiter; the
 * window-closing page is requested first, so its cursor is ready when the next window starts and
 * the limiter never idles. Pages are emitted in offset order through a bounded reorder buffer, so
 * output and positions are exactly a sequential run's, and memory stays at about 2 × concurrency
 * pages. One file of ~200 lines: the planner and the emitter share the windows' state.
 */
import { compileQuery } from '../json/query.js';
import { hybridRequest, lastOffset, type HybridPagination } from '../pagination/hybrid-window.js';
import type { Position } from '../pagination/types.js';
import type { ExtractedPage } from '../extract/page.js';
import type { PageResult } from './types.js';
import { createRepeatGuard } from './repeat-guard.js';
import { sequential, type StrategyOptions } from './sequential.js';

export interface HybridOptions extends StrategyOptions {
  pagination: HybridPagination;
  pageSize: number;
  /** Requests in flight; the reorder buffer holds twice as many pages. */
  concurrency: number;
}

interface Window {
  cursor: string | null;
  start: number;
  /** The last offset this window requests (inclusive). */
  end: number;
  /** True when the records the total promises all fit in this window. */
  final: boolean;
  /** Records emitted before `start` of this window. */
  emittedBefore: number;
  /** The window-closing page, requested ahead of the others; absent in the final window. */
  closing?: Promise<ExtractedPage>;
}

interface Slot {
  window: Window;
  offset: number;
  page: Promise<ExtractedPage>;
}

export async function* hybrid(options: HybridOptions): AsyncGenerator<PageResult> {
  const { pagination, pageSize: size, base } = options;
  const last = lastOffset(pagination.window, size);
  const cursorAt = compileQuery(pagination.cursor);
  const start: Position = options.start ?? { cursor: null, offset: 0 };
  const fetchAt = (cursor: string | null, offset: number) => quiet(options.fetch(hybridRequest(pagination, base, { cursor, offset }), { cursor, offset }));

  // The first page alone: its total decides how far every window reaches.
  const first = await options.fetch(hybridRequest(pagination, base, start), start);
  if (first.rejected) {
    yield { records: [], total: options.total, incomplete: first.rejected };
    return;
  }
  const total = options.total ?? first.total;
  if (total === undefined) {
    // Without a total, requests beyond the end cannot be avoided: walk the windows one page at a time.
    const emitted = (options.emitted ?? 0) + first.records.length;
    const step = options.paginator.advance(start, first, emitted, undefined);
    yield { records: first.records, next: step.next, incomplete: step.incomplete };
    if (step.next) yield* sequential({ ...options, start: step.next, emitted });
    return;
  }

  const guard = createRepeatGuard();
  guard({ cursor: start.cursor ?? null, offset: 0 });
  const planWindow = (cursor: string | null, from: number, emittedBefore: number): Window | undefined => {
    const remaining = total - emittedBefore;
    if (remaining <= 0) return undefined;
    const lastNeeded = from + (Math.ceil(remaining / size) - 1) * size;
    const window: Window = { cursor, start: from, end: Math.min(lastNeeded, last), final: lastNeeded <= last, emittedBefore };
    if (!window.final) window.closing = window.end === from ? undefined : fetchAt(cursor, window.end);
    return window;
  };

  const firstWindow = planWindow(start.cursor ?? null, start.offset ?? 0, options.emitted ?? 0);
  if (!firstWindow) {
    yield { records: first.records, total };
    return;
  }
  if (!firstWindow.final && firstWindow.end === firstWindow.start) firstWindow.closing = Promise.resolve(first);

  let stopped = false;
  let incomplete: string | undefined;
  let plannerError: unknown;
  let exhausted = false;
  const buffer: Slot[] = [{ window: firstWindow, offset: firstWindow.start, page: Promise.resolve(first) }];
  const capacity = Math.max(2, options.concurrency * 2);
  let planned = { window: firstWindow, offset: firstWindow.start };
  const changed = signal();

  /** Plans the slot after `planned`, crossing into the next window once its cursor is known. */
  async function nextSlot(): Promise<Slot | undefined> {
    const { window, offset } = planned;
    if (offset < window.end) {
      const next = offset + size;
      planned = { window, offset: next };
      const page = next === window.end && window.closing ? window.closing : fetchAt(window.cursor, next);
      return { window, offset: next, page };
    }
    if (window.final || !window.closing) return undefined;
    const closing = await window.closing;
    if (closing.rejected) return undefined;
    const cursor = cursorAt.first(closing.body);
    if (typeof cursor !== 'string' || cursor === '') {
      incomplete = `the offset window of ${pagination.window} ended without a cursor to continue from`;
      return undefined;
    }
    guard({ cursor, offset: 0 });
    const next = planWindow(cursor, 0, window.emittedBefore + (window.end - window.start + size));
    if (!next) return undefined;
    planned = { window: next, offset: 0 };
    return { window: next, offset: 0, page: next.end === 0 && next.closing ? next.closing : fetchAt(cursor, 0) };
  }

  // Keeps the reorder buffer full in the background, so emission never waits on planning.
  void (async () => {
    try {
      while (!stopped && !exhausted) {
        if (buffer.length >= capacity) await changed.wait();
        else {
          const slot = await nextSlot();
          if (slot) buffer.push(slot);
          else exhausted = true;
          changed.fire();
        }
      }
    } catch (error) {
      plannerError = error;
      exhausted = true;
      changed.fire();
    }
  })();

  /** Waits until `done()` holds, surfacing a planner failure (a failed closing page, a repeated cursor). */
  async function until(done: () => boolean): Promise<void> {
    while (!done()) await changed.wait();
  }

  let emitted = options.emitted ?? 0;
  try {
    while (true) {
      await until(() => buffer.length > 0 || exhausted);
      const slot = buffer.shift();
      if (!slot) {
        if (plannerError) throw plannerError;
        break;
      }
      changed.fire();
      const page = await slot.page;
      if (page.rejected) {
        yield { records: [], total, incomplete: page.rejected };
        break;
      }
      emitted += page.records.length;
      const ended = page.records.length < size || emitted >= total;
      let next: Position | undefined;
      if (!ended && slot.offset < slot.window.end) next = { cursor: slot.window.cursor, offset: slot.offset + size };
      else if (!ended && !slot.window.final) {
        // The window's last page: continue where the planner crossed into the next window, if it could.
        await until(() => exhausted || planned.window !== slot.window);
        if (planned.window !== slot.window) next = { cursor: planned.window.cursor, offset: 0 };
      }
      yield { records: page.records, total, next, incomplete: next === undefined ? incomplete : undefined };
      // A planner failure (a repeated cursor) comes after the page that carried it: written first, then reported.
      if (!next && plannerError) throw plannerError;
      if (!next) break;
    }
  } finally {
    stopped = true;
    changed.fire();
  }
}

/** A level-triggered wake-up: every waiter resumes on the next fire. */
function signal() {
  let resolve: () => void = () => {};
  let promise = new Promise<void>((r) => (resolve = r));
  return {
    wait: () => promise,
    fire() {
      resolve();
      promise = new Promise<void>((r) => (resolve = r));
    },
  };
}

/** Marks a promise as handled now; whoever awaits it later still gets its rejection. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

