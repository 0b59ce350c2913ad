import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openOutput } from '../../src/sink/output.js';
import { createSink, formatFromPath } from '../../src/sink/sink.js';

const dir = mkdtempSync(join(tmpdir(), 'paginate-sink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function collector() {
  const writes: string[] = [];
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string, _encoding, callback) {
      writes.push(chunk);
      callback();
    },
  });
  return { stream, writes };
}

const pages = [
  [{ id: 1, artist: { name: 'a, b' } }, { id: 2, artist: { name: 'c' } }],
  [{ id: 3, artist: { name: 'd' }, late: true }],
  [],
  [{ id: 4, artist: { name: 'e' } }],
];

describe('createSink', () => {
  it('writes one chunk per page and counts records (NDJSON)', async () => {
    const { stream, writes } = collector();
    const sink = createSink({ format: 'ndjson', output: await openOutput({ stream }) });
    for (const page of pages) await sink.write(page);
    await sink.close();
    expect(writes).toHaveLength(3); // the empty page writes nothing
    expect(String(writes[0])).toBe('{"id":1,"artist":{"name":"a, b"}}\n{"id":2,"artist":{"name":"c"}}\n');
    expect(sink.records).toBe(4);
    expect(sink.columns).toBeUndefined();
  });

  it('exposes the derived CSV columns, and a resumed file is byte-identical to an uninterrupted one', async () => {
    const whole = join(dir, 'whole.csv');
    const uninterrupted = createSink({ format: 'csv', output: await openOutput({ path: whole }) });
    for (const page of pages) await uninterrupted.write(page);
    await uninterrupted.close();
    expect(readFileSync(whole, 'utf8')).toBe('id,artist.name\n1,"a, b"\n2,c\n3,d\n4,e\n');

    const path = join(dir, 'resumed.csv');
    const first = createSink({ format: 'csv', output: await openOutput({ path }) });
    await first.write(pages[0]);
    const checkpoint = { bytes: await first.sync(), columns: first.columns };
    await first.write(pages[1]);
    await first.close();
    expect(checkpoint.columns).toEqual(['id', 'artist.name']);

    const resumed = createSink({
      format: 'csv',
      fields: checkpoint.columns,
      headerWritten: true,
      output: await openOutput({ path, append: { truncateTo: checkpoint.bytes } }),
    });
    for (const page of pages.slice(1)) await resumed.write(page);
    await resumed.close();
    expect(readFileSync(path, 'utf8')).toBe(readFileSync(whole, 'utf8'));
  });

  it('writes the CSV header on close when fields were given and no records came', async () => {
    const { stream, writes } = collector();
    const sink = createSink({ format: 'csv', fields: ['id', 'name'], output: await openOutput({ stream }) });
    await sink.close();
    expect(writes.join('')).toBe('id,name\n');
  });

  it('writes nothing for a CSV without fields and without records', async () => {
    const { stream, writes } = collector();
    const sink = createSink({ format: 'csv', output: await openOutput({ stream }) });
    await sink.write([]);
    await sink.close();
    expect(writes).toEqual([]);
  });
});

describe('formatFromPath', () => {
  it.each([
    ['out.ndjson', 'ndjson'],
    ['out.jsonl', 'ndjson'],
    ['out.NDJSON.GZ', 'ndjson'],
    ['dir.d/out.jsonl.gz', 'ndjson'],
    ['out.csv', 'csv'],
    ['out.csv.gz', 'csv'],
    ['out.json', undefined],
    ['out.gz', undefined],
    ['out.txt', undefined],
    ['-', undefined],
    [undefined, undefined],
  ])('%s → %s', (path, format) => {
    expect(formatFromPath(path)).toBe(format);
  });
});
