import { describe, expect, it } from 'vitest';
import { type CheckpointKeyParts, checkpointKey } from '../../src/checkpoint/key.js';

const base: CheckpointKeyParts = {
  profile: 'soundcharts',
  endpoint: 'artists',
  filters: { country: 'FR', minFollowers: 1000, verified: true },
  format: 'ndjson',
  fields: ['uuid', 'name'],
  output: '/data/artists.ndjson',
  baseUrl: 'https://customer.api.soundcharts.com',
  pageSize: 100,
};

describe('checkpointKey', () => {
  it('is a readable stem with 16 hex digits, and stays the same across releases (checkpoints on disk must still be found)', () => {
    expect(checkpointKey(base)).toMatch(/^soundcharts-artists-[0-9a-f]{16}$/);
    expect(checkpointKey(base)).toBe('soundcharts-artists-5e3ec9c8495e7a4f');
  });

  it('ignores the order of filters and of object keys, and absent vs undefined options', () => {
    const reordered: CheckpointKeyParts = {
      pageSize: 100,
      baseUrl: 'https://customer.api.soundcharts.com',
      output: '/data/artists.ndjson',
      fields: ['uuid', 'name'],
      format: 'ndjson',
      filters: { verified: true, minFollowers: 1000, country: 'FR' },
      endpoint: 'artists',
      profile: 'soundcharts',
    };
    expect(checkpointKey(reordered)).toBe(checkpointKey(base));
  });

  it.each<[string, Partial<CheckpointKeyParts>]>([
    ['another output path', { output: '/data/other.ndjson' }],
    ['stdout instead of a file', { output: undefined }],
    ['another format', { format: 'csv' }],
    ['other fields', { fields: ['uuid'] }],
    ['the same fields in another order (another column order)', { fields: ['name', 'uuid'] }],
    ['no field projection', { fields: undefined }],
    ['another filter value', { filters: { country: 'DE', minFollowers: 1000, verified: true } }],
    ['a filter value of another type', { filters: { country: 'FR', minFollowers: '1000', verified: true } }],
    ['one filter fewer', { filters: { country: 'FR', minFollowers: 1000 } }],
    ['another endpoint', { endpoint: 'songs' }],
    ['another profile', { profile: 'artsy' }],
    ['another origin (--sandbox, --base-url)', { baseUrl: 'http://127.0.0.1:4010' }],
    ['another page size', { pageSize: 50 }],
  ])('changes with %s', (_, change) => {
    expect(checkpointKey({ ...base, ...change })).not.toBe(checkpointKey(base));
  });

  it('keeps path separators and odd characters out of the file name', () => {
    const key = checkpointKey({ ...base, profile: '../profiles/My Thing.yaml', endpoint: 'a/b\\c' });
    expect(key).toMatch(/^[a-z0-9_-]+$/);
    expect(key.startsWith('profiles-my-thing-yaml-a-b-c-')).toBe(true);
    expect(checkpointKey({ ...base, profile: '///', endpoint: '' })).toMatch(/^x-x-[0-9a-f]{16}$/);
  });
});
