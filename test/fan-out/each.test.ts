import { describe, expect, it } from 'vitest';
import { checkEach, parentValues, parseEach } from '../../src/fan-out/each.js';

describe('--each', () => {
  it('parses FILTER=PATH pairs with dot paths or JSONPath', () => {
    const each = parseEach(['artist-id=id', 'user=$.user.urn']);
    expect(each.map(({ filter, path }) => [filter, path])).toEqual([
      ['artist-id', 'id'],
      ['user', '$.user.urn'],
    ]);
    expect(parentValues({ id: 'a1', user: { urn: 'soundcloud:users:1' } }, each)).toEqual({
      ok: true,
      filters: [
        ['artist-id', 'a1'],
        ['user', 'soundcloud:users:1'],
      ],
      key: 'a1',
    });
  });

  it('refuses a missing path, a bad path and a filter given twice', () => {
    expect(() => parseEach(['artist-id'])).toThrow(/expected FILTER=PATH/);
    expect(() => parseEach(['artist-id='])).toThrow(/expected FILTER=PATH/);
    expect(() => parseEach(['x=$[?'])).toThrow(/not a valid path/);
    expect(() => parseEach(['x=id', 'x=name'])).toThrow(/given twice/);
  });

  it('says why a parent gives no value: missing, null, empty, or not a scalar', () => {
    const each = parseEach(['artist-id=artist.id']);
    expect(parentValues({ artist: { id: 7 } }, each)).toEqual({ ok: true, filters: [['artist-id', '7']], key: 7 });
    for (const parent of [{}, { artist: { id: null } }, { artist: { id: '' } }, 'text', null]) {
      expect(parentValues(parent, each)).toEqual({ ok: false, why: 'has no value at artist.id (for --each artist-id)' });
    }
    expect(parentValues({ artist: { id: [1] } }, each)).toMatchObject({ ok: false, why: expect.stringMatching(/an array/) });
  });

  it('lists the endpoint’s filters when --each names another, and refuses one also given with --filter', () => {
    const profile = { name: 'artsy', default_endpoint: 'artists', endpoints: { artists: { filters: {} }, artworks: { filters: { 'artist-id': {}, 'partner-id': {} } } } } as never;
    expect(() => checkEach(parseEach(['artist=id']), profile, 'artworks', [])).toThrow('--each artist: artsy artworks has no filter "artist"; valid filters: artist-id, partner-id');
    expect(() => checkEach(parseEach(['artist=id']), profile, undefined, [])).toThrow('--each artist: artsy artists has no filter "artist"; this endpoint takes no filters');
    expect(() => checkEach(parseEach(['artist-id=id']), profile, 'artworks', [['artist-id', 'x']])).toThrow(/both --filter and --each/);
    expect(() => checkEach(parseEach(['artist-id=id']), profile, 'artworks', [])).not.toThrow();
    // An unknown endpoint is the export's own error to report.
    expect(() => checkEach(parseEach(['artist-id=id']), profile, 'nope', [])).not.toThrow();
  });
});
