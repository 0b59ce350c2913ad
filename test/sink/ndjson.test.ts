import { describe, expect, it } from 'vitest';
import { ndjsonFormatter } from '../../src/sink/ndjson.js';

describe('ndjsonFormatter', () => {
  const page = [
    { id: 1, name: 'Ünïcödé 🎵', nested: { deep: [1, { x: null }] }, text: 'line\nbreak "quoted"' },
    { id: 2, name: null },
  ];

  it('writes each record exactly as JSON.stringify does, one line each', () => {
    expect(ndjsonFormatter()(page)).toBe(`${JSON.stringify(page[0])}\n${JSON.stringify(page[1])}\n`);
  });

  it('gives an empty string for an empty page', () => {
    expect(ndjsonFormatter()([])).toBe('');
    expect(ndjsonFormatter(['id'])([])).toBe('');
  });

  it('projects fields keyed by the paths as given, null where missing', () => {
    const lines = ndjsonFormatter(['id', 'nested.deep.1', 'name', 'missing.path'])(page).split('\n');
    expect(lines).toEqual([
      '{"id":1,"nested.deep.1":{"x":null},"name":"Ünïcödé 🎵","missing.path":null}',
      '{"id":2,"nested.deep.1":null,"name":null,"missing.path":null}',
      '',
    ]);
  });

  it('treats a field named __proto__ as an ordinary key', () => {
    expect(ndjsonFormatter(['__proto__', 'id'])([{ id: 1 }])).toBe('{"__proto__":null,"id":1}\n');
  });
});
