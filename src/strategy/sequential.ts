/** One request at a time along the pagination chain. */
import type { Paginator, Position } from '../pagination/types.js';
import type { RequestSpec } from '../request/spec.js';
import type { ExtractedPage } from '../extract/page.js';
import type { PageResult } from './types.js';
import { createRepeatGuard } from './repeat-guard.js';

export interface StrategyOptions {
  paginator: Paginator;
  base: RequestSpec;
  /** `at` is the position the request asks for, so a refused cursor can be told from a bad first request. */
  fetch(spec: RequestSpec, at: Position): Promise<ExtractedPage>;
  /** Resume point; the paginator's start when absent. */
  start?: Position;
  /** Records emitted before `start` (resume), for total-based stops. */
  emitted?: number;
  /**
   * The total the export started with (resume). The first total seen is kept: whether a server
   * counts every match or only those after the cursor, its first answer counts them all.
   */
  total?: number;
  signal?: AbortSignal;
}

export async function* sequential(options: StrategyOptions): AsyncGenerator<PageResult> {
  const { paginator, base } = options;
  const guard = createRepeatGuard();
  let position: Position | undefined = options.start ?? paginator.start;
  let emitted = options.emitted ?? 0;
  let total = options.total;
  while (position && !options.signal?.aborted) {
    guard(position);
    const page = await options.fetch(paginator.request(base, position), position);
    if (page.rejected) {
      yield { records: [], total, incomplete: page.rejected };
      return;
    }
    emitted += page.records.length;
    total ??= page.total;
    let step;
    try {
      step = paginator.advance(position, page, emitted, total);
    } catch (error) {
      // The page itself is good (a refused next link comes after it): write it, then stop.
      yield { records: page.records, total };
      throw error;
    }
    yield { records: page.records, next: step.next, total, incomplete: step.incomplete };
    position = step.next;
  }
}
