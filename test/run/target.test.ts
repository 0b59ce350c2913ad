import { describe, expect, it } from 'vitest';
import { targetOf } from '../../src/run/target.js';
import { loadProfile } from '../../src/profile/load.js';

describe('the target an export runs against', () => {
  const { profile } = loadProfile({ name: 'soundcloud' }, {});

  it("without --sandbox: the user's choices as given, keyed by the origin", async () => {
    const target = await targetOf(profile, { baseUrl: 'http://127.0.0.1:9', env: { A: '1' }, filters: [['user', 'x']] });
    expect(target).toMatchObject({ baseUrl: 'http://127.0.0.1:9', env: { A: '1' }, filters: [['user', 'x']] });
    expect(target.identity).toBeUndefined();
    await target.close();
  });

  it('with --sandbox: the emulator URL and credentials, its filter values filled in, one identity across ports', async () => {
    const first = await targetOf(profile, { sandbox: true, env: { SOUNDCLOUD_ACCESS_TOKEN: 'mine' }, endpoint: 'user-tracks' });
    const second = await targetOf(profile, { sandbox: true, endpoint: 'user-tracks', deferredFilters: ['user'] });
    try {
      expect(first.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
      expect(first.baseUrl).not.toBe(second.baseUrl);
      expect(first.env?.SOUNDCLOUD_ACCESS_TOKEN).not.toBe('mine');
      expect(first.filters?.some(([name]) => name === 'user')).toBe(true);
      expect(second.filters?.some(([name]) => name === 'user')).toBe(false);
      expect(first.identity).toBe('sandbox');
      expect(second.identity).toBe('sandbox');
    } finally {
      await first.close();
      await second.close();
    }
    await expect(fetch(first.baseUrl!)).rejects.toThrow();
  });
});
