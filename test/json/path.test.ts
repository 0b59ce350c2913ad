import { describe, expect, it } from 'vitest';
import { flattenPaths, getPath } from '../../src/json/path.js';

describe('getPath', () => {
  const record = {
    id: 7,
    artist: { name: 'Nina', stats: { followers: 0, verified: false } },
    images: [{ url: 'a.jpg' }, { url: 'b.jpg' }],
    country: null,
    'a.b': { c: 'dotted key' },
  };

  it.each([
    ['id', 7],
    ['artist.name', 'Nina'],
    ['artist.stats.followers', 0],
    ['artist.stats.verified', false],
    ['images.1.url', 'b.jpg'],
    ['images.0', { url: 'a.jpg' }],
    ['country', null],
    ['a.b.c', 'dotted key'],
  ])('%s', (path, expected) => {
    expect(getPath(record, path)).toEqual(expected);
  });

  it.each(['missing', 'artist.missing.deeper', 'id.x', 'country.x', 'images.2.url', 'images.-1', 'images.01', 'images.length', 'constructor', 'artist.toString', '__proto__'])(
    'is undefined for %s',
    (path) => {
      expect(getPath(record, path)).toBeUndefined();
    },
  );

  it('prefers the nested key over a dotted one when both exist', () => {
    expect(getPath({ a: { b: 1 }, 'a.b': 2 }, 'a.b')).toBe(1);
    expect(getPath({ a: { x: 1 }, 'a.b': 2 }, 'a.b')).toBe(2);
  });

  it('is undefined inside primitives', () => {
    expect(getPath('text', 'length')).toBeUndefined();
    expect(getPath(null, 'a')).toBeUndefined();
  });
});

describe('flattenPaths', () => {
  it('lists leaves in first-seen order, with arrays and empty objects as leaves', () => {
    expect(
      flattenPaths({ id: 1, artist: { name: 'x', stats: { a: 1, b: null } }, tags: ['a', { b: 1 }], meta: {}, last: true }),
    ).toEqual(['id', 'artist.name', 'artist.stats.a', 'artist.stats.b', 'tags', 'meta', 'last']);
  });

  it('has no paths for non-objects', () => {
    expect(flattenPaths([1, 2])).toEqual([]);
    expect(flattenPaths('x')).toEqual([]);
    expect(flattenPaths(null)).toEqual([]);
  });

  it('round-trips through getPath, dotted and empty keys included', () => {
    const record = { '': { a: 1 }, 'x.y': { z: 2 }, n: { m: [3] } };
    const paths = flattenPaths(record);
    expect(paths).toEqual(['.a', 'x.y.z', 'n.m']);
    expect(paths.map((path) => getPath(record, path))).toEqual([1, 2, [3]]);
  });
});
