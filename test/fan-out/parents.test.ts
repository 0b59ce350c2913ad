import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EMPTY_DIGEST, readParents, type Parent } from '../../src/fan-out/parents.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

async function collect(text: string): Promise<{ parents: Parent[]; error?: Error }> {
  const parents: Parent[] = [];
  try {
    for await (const parent of readParents(Readable.from([text]), 'stdin')) parents.push(parent);
    return { parents };
  } catch (error) {
    return { parents, error: error as Error };
  }
}

describe('reading parents', () => {
  it('numbers parents and lines (blank lines and CRLF included) and digests the lines read so far', async () => {
    const { parents, error } = await collect('{"id":1}\r\n\n  \n{"id":2}\n[3]\n"four"\nnull\n{"id":5}');
    expect(error).toBeUndefined();
    expect(parents.map((parent) => [parent.index, parent.line, parent.record])).toEqual([
      [0, 1, { id: 1 }],
      [1, 4, { id: 2 }],
      [2, 5, [3]],
      [3, 6, 'four'],
      // null is a value like any other: it does not end the stream.
      [4, 7, null],
      [5, 8, { id: 5 }],
    ]);
    expect(parents[0].digest).toBe(sha('{"id":1}\n'));
    expect(parents[1].digest).toBe(sha('{"id":1}\n{"id":2}\n'));
    expect(EMPTY_DIGEST).toBe(sha(''));
  });

  it('stops at a line that is not JSON, with its number, after every parent before it', async () => {
    const { parents, error } = await collect('{"id":1}\n{"id":2}\n\n{"id":3\n{"id":4}\n');
    expect(parents.map((parent) => parent.record)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(error?.message).toMatch(/^stdin line 4: the parent is not JSON: \{"id":3;/);
    expect((error as { exitCode?: number }).exitCode).toBe(2);
  });

  it('reads as the parents are taken: a slow reader leaves the rest of a big input unread', async () => {
    const input = new PassThrough({ highWaterMark: 1024 });
    let written = 0;
    const line = `${JSON.stringify({ id: 'x'.repeat(100) })}\n`;
    const feed = () => {
      while (written < 100_000 && input.write(line)) written++;
      if (written < 100_000) input.once('drain', feed);
      else input.end();
    };
    feed();
    const parents = readParents(input, 'stdin');
    for (let i = 0; i < 10; i++) await parents.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Only a few stream buffers' worth is read ahead, not the 10 MB input.
    expect(written).toBeLessThan(2000);
    await parents.return(undefined);
  });
});
