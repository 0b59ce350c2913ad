import { describe, expect, it } from 'vitest';
import { createExportLoop, type ExportLoop } from '../../src/run/export-loop.js';
import type { PageResult } from '../../src/strategy/types.js';

async function* pagesOf(...pages: PageResult[]): AsyncGenerator<PageResult> {
  yield* pages;
}

async function drain(loop: ExportLoop, source: AsyncIterable<PageResult>) {
  const batches = [];
  for await (const batch of loop.run(source)) batches.push(batch);
  return batches;
}

const page = (records: number[], more: Partial<PageResult> = {}): PageResult => ({ records, next: { offset: 0 }, ...more });

describe('the export loop', () => {
  it('cuts at --max-items and asks for no page after it', async () => {
    let asked = 0;
    async function* source() {
      for (let at = 0; at < 10; at++) {
        asked++;
        yield page([at * 3, at * 3 + 1, at * 3 + 2]);
      }
    }
    const loop = createExportLoop({ maxItems: 7 });
    const batches = await drain(loop, source());
    expect(batches.map((batch) => batch.records)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(batches.map((batch) => batch.done)).toEqual([false, false, true]);
    expect(asked).toBe(3);
    expect(loop.counts).toMatchObject({ emitted: 7, pages: 3 });
    expect(loop.finish()).toBe('complete');
  });

  it('continues a resumed export from its counts and reasons', async () => {
    const loop = createExportLoop({ maxItems: 5, resumed: { emitted: 4, pages: 2, total: 9, incomplete: ['earlier'] } });
    const batches = await drain(loop, pagesOf(page([5, 6, 7])));
    expect(batches[0].records).toEqual([5]);
    expect(loop.counts).toMatchObject({ emitted: 5, pages: 3, total: 9, reasons: ['earlier'] });
    expect(loop.goal).toBe(5);
  });

  it('collects each incomplete reason once, redacted, and fewer records than the total', async () => {
    const loop = createExportLoop({ redact: (text) => text.replace('s3cret', '***') });
    const batches = await drain(loop, pagesOf(page([1], { total: 5, incomplete: 'cursor s3cret expired' }), page([2], { incomplete: 'cursor s3cret expired', next: undefined })));
    expect(batches.map((batch) => batch.incomplete)).toEqual(['cursor *** expired', undefined]);
    expect(loop.finish({ reasons: () => ['a parent was not found'] })).toBe('incomplete');
    expect(loop.counts.reasons).toEqual(['cursor *** expired', 'a parent was not found', 'received 2 of the 5 records the server reported']);
  });

  it('does not count against the total when told not to (incremental), and stops where the selection stops', async () => {
    const loop = createExportLoop({ select: (records) => ({ records: records.filter((value) => (value as number) > 1), stop: records.includes(1) }) });
    const batches = await drain(loop, pagesOf(page([3, 2], { total: 100 }), page([2, 1, 0]), page([9])));
    expect(batches.map((batch) => batch.records)).toEqual([[3, 2], [2]]);
    expect(loop.finish({ counted: false })).toBe('complete');
  });
});
