import { describe, expect, it } from 'vitest';
import { compileQuery, toJsonPath, QuerySyntaxError } from '../../src/json/query.js';

const relay = {
  data: {
    items: {
      edges: [{ cursor: 'a', node: { id: 1 } }, { cursor: 'b', node: { id: 2 } }],
      pageInfo: { hasNextPage: false, endCursor: 'b' },
    },
  },
};

describe('profile paths', () => {
  it('writes the dot short form as RFC 9535', () => {
    expect(toJsonPath('page.cursor')).toBe(`$["page"]["cursor"]`);
    expect(toJsonPath('images.0.url')).toBe(`$["images"][0]["url"]`);
    expect(toJsonPath('data.items.edges[*].node')).toBe(`$["data"]["items"]["edges"][*]["node"]`);
    expect(toJsonPath('edges.*.node')).toBe(`$["edges"][*]["node"]`);
    expect(toJsonPath('x-total.count')).toBe(`$["x-total"]["count"]`);
    expect(toJsonPath("$.a['b.c']")).toBe("$.a['b.c']");
  });

  it('reads the body itself, every element, and Relay nodes', () => {
    expect(compileQuery('$').first([1, 2])).toEqual([1, 2]);
    expect(compileQuery('$').singular).toBe(true);
    expect(compileQuery('$[*]').all([1, 2])).toEqual([1, 2]);
    expect(compileQuery('$[*]').singular).toBe(false);
    expect(compileQuery('data.items.edges[*].node').all(relay)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(compileQuery('$.data.items.edges[*].node').all(relay)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(compileQuery('edges.*.node').all(relay.data.items)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(compileQuery('data.items.pageInfo.hasNextPage').first(relay)).toBe(false);
    expect(compileQuery('$.data.items.edges[-1].cursor').first(relay)).toBe('b');
  });

  it('tells a missing stem from an empty match', () => {
    const nodes = compileQuery('data.items.edges[*].node');
    expect(nodes.stem({ data: { items: { edges: [] } } })).toEqual([]);
    expect(nodes.stem({ data: { other: 1 } })).toBeUndefined();
    expect(nodes.steps).toEqual(['data', 'items', 'edges']);
  });

  it('filters and descendants work too', () => {
    expect(compileQuery('$.items[?@.kind == "track"].id').all({ items: [{ kind: 'track', id: 1 }, { kind: 'user', id: 2 }] })).toEqual([1]);
    expect(compileQuery('$..id').all({ a: { id: 1 }, b: [{ id: 2 }] })).toEqual([1, 2]);
  });

  it('refuses what is not a path, with the reason', () => {
    for (const bad of ['', '.', '$.data[?@.x ==]', '$[', 'a..b', '$.a b']) {
      expect(() => compileQuery(bad), bad).toThrow(QuerySyntaxError);
    }
    expect(() => compileQuery('')).toThrow(/write \$ for the response body itself/);
  });

  it('compiles each path once', () => {
    expect(compileQuery('page.total')).toBe(compileQuery('page.total'));
  });
});

describe('the direct walk of a path with one wildcard', () => {
  it('selects what json-p3 selects, member values of objects included', async () => {
    const { jsonpath } = await import('json-p3');
    const documents = [
      [{ id: 1 }, { id: 2, x: { y: 3 } }, 5, null, [1]],
      { a: { id: 1 }, b: { id: 2 } },
      { data: { items: { edges: [{ node: { id: 1 } }, { other: 2 }, { node: null }] } } },
      { data: { items: { edges: 'not a list' } } },
      'text',
    ];
    for (const path of ['$[*]', '$[*].id', '$[*].x.y', '$[*][0]', 'data.items.edges[*].node', '$.a[*]']) {
      const ours = compileQuery(path);
      for (const document of documents) {
        expect(ours.all(document), `${path} on ${JSON.stringify(document)}`).toEqual(jsonpath.query(toJsonPath(path), document as never).values());
      }
    }
  });
});
