/** New tracks on a SoundCloud user's list between two runs: public, ids above every existing one. */
import type { Random } from '../data/fake-data.js';
import { growthTimes, type Growth } from '../data/growth.js';
import { makeTrack, type UserData } from './data.js';

const newestFirst = (a: { key: string }, b: { key: string }): number => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);

export function growTracks(data: UserData, growth: Growth, random: Random): UserData {
  const { tracks } = data;
  const newest = tracks.length === 0 ? Date.UTC(2025, 0, 1) : Date.parse(tracks[0].key.split(',')[0]);
  let id = tracks.reduce((top, entry) => Math.max(top, Number(entry.key.split(',')[1])), 0);
  const added = growthTimes(random, newest, growth).map((time) => makeTrack(random, data.user, new Date(time).toISOString(), false, ++id));
  return { ...data, tracks: [...added, ...tracks].sort(newestFirst) };
}
