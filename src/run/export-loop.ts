/**
 * The one export loop, shared by `paginate export` and exportRecords(): pages in, the records to
 * write out, cut at --max-items (and, incrementally, at the old records). It keeps the count, the
 * pages, the total and the reasons an export may be incomplete, and says at the end whether it is.
 */
import type { PageResult } from '../strategy/types.js';
import type { Selection } from '../incremental/session.js';

export interface LoopCounts {
  emitted: number;
  pages: number;
  total?: number;
  incomplete?: readonly string[];
}

export interface LoopOptions {
  maxItems?: number;
  /** Where a resumed export stands. */
  resumed?: LoopCounts;
  /** An incremental run's new records; `stop` ends the export. */
  select?: (records: unknown[]) => Selection;
  /** Reasons may quote a server, which may echo a credential. */
  redact?: (text: string) => string;
}

export interface Batch<P extends PageResult> {
  page: P;
  /** The page's records to write. */
  records: unknown[];
  /** No page comes after this one. */
  done: boolean;
  /** A reason this page first gave for the export being possibly incomplete. */
  incomplete?: string;
}

export interface ExportLoop {
  /** Counts so far (resumed ones included); `emitted` includes the batch being handed out. */
  readonly counts: Readonly<Required<Pick<LoopCounts, 'emitted' | 'pages'>>> & { total?: number; reasons: string[] };
  /** What progress can count up to: the server's total, or --max-items when lower. */
  readonly goal: number | undefined;
  run<P extends PageResult>(source: AsyncIterable<P>): AsyncGenerator<Batch<P>>;
  /** After the last page: complete or incomplete, with the reasons added that only the end shows. */
  finish(end?: { reasons?: () => string[]; counted?: boolean }): 'complete' | 'incomplete';
}

export function createExportLoop(options: LoopOptions = {}): ExportLoop {
  const { maxItems, select, redact = (text: string) => text } = options;
  const counts = { emitted: options.resumed?.emitted ?? 0, pages: options.resumed?.pages ?? 0, total: options.resumed?.total, reasons: [...(options.resumed?.incomplete ?? [])] };
  const stoppedEarly = () => maxItems !== undefined && counts.emitted >= maxItems;
  return {
    counts,
    get goal() {
      return maxItems === undefined ? counts.total : Math.min(counts.total ?? Infinity, maxItems);
    },
    async *run(source) {
      for await (const page of source) {
        counts.pages++;
        counts.total = page.total ?? counts.total;
        const reason = page.incomplete && redact(page.incomplete);
        const incomplete = reason && !counts.reasons.includes(reason) ? reason : undefined;
        if (incomplete) counts.reasons.push(incomplete);
        const selected = select ? select(page.records) : { records: page.records, stop: false };
        const room = maxItems === undefined ? Infinity : maxItems - counts.emitted;
        const records = room < selected.records.length ? selected.records.slice(0, room) : selected.records;
        counts.emitted += records.length;
        const done = room <= selected.records.length || selected.stop;
        yield { page, records, done, incomplete };
        if (done) return;
      }
    },
    finish(end = {}) {
      // --max-items reached: the user asked for no more, whatever was left.
      if (stoppedEarly()) return 'complete';
      if (end.reasons) counts.reasons.push(...end.reasons());
      // An incremental run writes fewer records than the server counts, by design: `counted: false`.
      const { emitted, total } = counts;
      if (end.counted !== false && total !== undefined && emitted < total) counts.reasons.push(`received ${emitted} of the ${total} records the server reported`);
      return counts.reasons.length > 0 ? 'incomplete' : 'complete';
    },
  };
}
