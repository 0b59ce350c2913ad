import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../sandbox/registry.js';

const USER = 'soundcloud:users:948745750';
const tracks = (emulator: ReturnType<typeof createEmulator>) =>
  emulator.records('user-tracks', { user: USER, access: 'playable,preview,blocked', sort: 'desc' }) as Array<{ urn: string; created_at: string }>;
const time = (soundcloudDate: string) => Date.parse(soundcloudDate.replace(/^(\d{4})\/(\d\d)\/(\d\d) (.{8}) \+0000$/, '$1-$2-$3T$4Z'));

describe('emulators growing between runs', () => {
  it('soundcloud: new tracks on top, tied ones at the newest second, late ones just below; seeded', () => {
    const emulator = createEmulator('soundcloud', { size: 300 });
    const before = tracks(emulator);
    const newest = time(before[0].created_at);
    emulator.grow?.({ fresh: 5, tied: 2, late: 3, lateMs: 600_000 });
    const after = tracks(emulator);
    const added = after.filter((track) => !before.some((old) => old.urn === track.urn));
    expect(added).toHaveLength(10);
    expect(after.slice(0, 5).every((track) => time(track.created_at) > newest)).toBe(true);
    expect(added.filter((track) => time(track.created_at) === newest)).toHaveLength(2);
    const late = added.filter((track) => time(track.created_at) < newest);
    expect(late).toHaveLength(3);
    expect(late.every((track) => newest - time(track.created_at) <= 600_000)).toBe(true);
    // Newest first, as the API serves it.
    expect(after.map((track) => time(track.created_at))).toEqual([...after.map((track) => time(track.created_at))].sort((a, b) => b - a));
    const again = createEmulator('soundcloud', { size: 300 });
    again.grow?.({ fresh: 5, tied: 2, late: 3, lateMs: 600_000 });
    expect(tracks(again)).toEqual(after);
  });

  it('starting-at: new items after the newest, ties broken by larger ids, so a keyset cursor meets them', () => {
    const emulator = createEmulator('starting-at', { size: 200 });
    const before = emulator.records('items') as Array<{ id: string; created_at: string }>;
    emulator.grow?.({ fresh: 4, tied: 2 });
    const after = emulator.records('items') as Array<{ id: string; created_at: string }>;
    expect(after.slice(0, before.length)).toEqual(before);
    const added = after.slice(before.length);
    expect(added).toHaveLength(6);
    expect(added.slice(0, 2).map((item) => item.created_at)).toEqual([before.at(-1)!.created_at, before.at(-1)!.created_at]);
    expect(added.every((item) => Number(item.id) > Math.max(...before.map((old) => Number(old.id))))).toBe(true);
  });
});
