/**
 * SoundCloud's sandbox dataset: a few users with tracks and playlists, seeded and deterministic.
 * Each list is kept newest first with its cursor key, including the private tracks a real API
 * counts against `limit` and then hides, so pages come back short or empty.
 */
import { int, name, pick, seededRandom, slug, type Random } from '../data/fake-data.js';

export type TrackAccess = 'playable' | 'preview' | 'blocked';

export interface Entry {
  /** `<ISO created_at>,<id padded to 11>`: orders entries and is what a cursor encodes. */
  readonly key: string;
  /** Private items count against `limit` but are never returned. */
  readonly hidden: boolean;
  /** Tracks only; playlists are returned whatever `access` asks for. */
  readonly access?: TrackAccess;
  readonly record: Readonly<Record<string, unknown>>;
  /** Playlists only: their tracks, shown unless the request says `show_tracks=false`. */
  readonly tracks?: readonly Entry[];
}

export interface UserData {
  readonly user: Readonly<Record<string, unknown>>;
  /** Newest first (the API's default `sort=desc`). */
  readonly tracks: readonly Entry[];
  readonly playlists: readonly Entry[];
  /** The other sandbox users, newest follow first. */
  readonly followings: readonly Entry[];
}

/** Fixed user ids (the content varies with the seed): `size` is the big user's track count. */
export const SOUNDCLOUD_USERS = [
  // A big label: the default user, and the one with guaranteed empty pages.
  { id: 948745750, tracks: (size: number) => size, playlists: (size: number) => size / 25 },
  // The sandbox account, which `/me` stands for.
  { id: 205134118, tracks: (size: number) => size / 12, playlists: () => 12 },
  { id: 31337007, tracks: (size: number) => size / 6, playlists: () => 20 },
  { id: 5550001, tracks: () => 7, playlists: () => 2 },
  // No uploads: one empty page, no next_href.
  { id: 5550002, tracks: () => 0, playlists: () => 0 },
] as const;

export const ME_USER_ID = 205134118;
const GENRES = ['Electronic', 'Hip-hop & Rap', 'Ambient', 'Drum & Bass', 'Lo-fi', 'Techno', 'Folk', 'R&B & Soul', ''];
const LICENSES = ['all-rights-reserved', 'cc-by', 'cc-by-nc-sa', 'no-rights-reserved'];
const SPAN_MS = Date.UTC(2025, 0, 1) - Date.UTC(2010, 0, 1);

/** SoundCloud's own date format: `2018/02/27 14:37:10 +0000`. */
const soundcloudDate = (iso: string): string => `${iso.slice(0, 10).replaceAll('-', '/')} ${iso.slice(11, 19)} +0000`;

const entryKey = (iso: string, id: number): string => `${iso},${String(id).padStart(11, '0')}`;

function tagList(random: Random): string {
  const tags = ['chill', 'lo fi', 'demo', '2019', 'live', 'remix', 'b-side', 'mañana'];
  const picked = Array.from({ length: int(random, 0, 3) }, () => pick(random, tags));
  return picked.map((tag) => (tag.includes(' ') ? `"${tag}"` : tag)).join(' ');
}

/**
 * Creation times oldest first, with some exact ties so the id tiebreak matters, and which items
 * are private: scattered ones plus bursts. Big lists get a forced burst of 400, which holds a
 * whole page at any `limit` up to the maximum 200: an empty page that still has a next_href.
 */
function timeline(random: Random, count: number): { iso: string; hidden: boolean }[] {
  const gap = SPAN_MS / Math.max(count, 1);
  const forcedStart = Math.floor(count * 0.4);
  const forcedLength = count >= 2000 ? 400 : Math.floor(count / 5);
  let time = Date.UTC(2010, 0, 1);
  let burst = 0;
  return Array.from({ length: count }, (_, index) => {
    if (random() > 0.03) time += Math.floor((random() * 2 * gap) / 1000) * 1000 + 1000;
    if (index === forcedStart) burst = forcedLength;
    else if (burst === 0 && random() < 0.002) burst = int(random, 20, 80);
    const hidden = burst > 0 || random() < 0.06;
    if (burst > 0) burst--;
    return { iso: new Date(time).toISOString(), hidden };
  });
}

function makeUser(random: Random, id: number): Record<string, unknown> {
  const username = name(random);
  const permalink = slug(username, id);
  return {
    kind: 'user',
    id,
    urn: `soundcloud:users:${id}`,
    username,
    permalink,
    permalink_url: `https://soundcloud.com/${permalink}`,
    avatar_url: `https://i1.sndcdn.com/avatars-${id}-large.jpg`,
  };
}

function makeTracks(random: Random, user: Record<string, unknown>, count: number, firstId: number): Entry[] {
  let id = firstId;
  return timeline(random, count).map(({ iso, hidden }) => {
    id += int(random, 1, 2000);
    return makeTrack(random, user, iso, hidden, id);
  });
}

/** One track created at `iso` (whole seconds). */
export function makeTrack(random: Random, user: Readonly<Record<string, unknown>>, iso: string, hidden: boolean, id: number): Entry {
  const roll = random();
  const access: TrackAccess = roll < 0.05 ? 'blocked' : roll < 0.14 ? 'preview' : 'playable';
  const title = name(random);
  const record = {
    kind: 'track',
    id,
    urn: `soundcloud:tracks:${id}`,
    created_at: soundcloudDate(iso),
    title,
    description: random() < 0.3 ? null : `${name(random)}\n\nrecorded live, "unmastered", 100% ${name(random)}`,
    duration: int(random, 20_000, 900_000),
    genre: pick(random, GENRES),
    tag_list: tagList(random),
    license: pick(random, LICENSES),
    release_year: random() < 0.5 ? null : Number(iso.slice(0, 4)),
    sharing: hidden ? 'private' : 'public',
    streamable: access !== 'blocked',
    access,
    playback_count: Math.floor(Math.exp(random() * 14)),
    favoritings_count: int(random, 0, 5000),
    reposts_count: int(random, 0, 800),
    comment_count: int(random, 0, 300),
    commentable: random() < 0.9,
    bpm: random() < 0.7 ? null : int(random, 60, 180),
    uri: `https://api.soundcloud.com/tracks/soundcloud:tracks:${id}`,
    stream_url: `https://api.soundcloud.com/tracks/soundcloud:tracks:${id}/stream`,
    permalink_url: `${String(user.permalink_url)}/${slug(title, id)}`,
    artwork_url: random() < 0.2 ? null : `https://i1.sndcdn.com/artworks-${id}-large.jpg`,
    user,
  };
  return Object.freeze({ key: entryKey(iso, id), hidden, access, record: Object.freeze(record) });
}

function makePlaylists(
  random: Random,
  user: Record<string, unknown>,
  count: number,
  firstId: number,
  tracks: Entry[],
): Entry[] {
  let id = firstId;
  return timeline(random, count).map(({ iso, hidden }) => {
    id += int(random, 1, 500);
    const own = Array.from({ length: tracks.length === 0 ? 0 : int(random, 1, 10) }, () => pick(random, tracks));
    const title = name(random);
    const record = {
      kind: 'playlist',
      id,
      urn: `soundcloud:playlists:${id}`,
      created_at: soundcloudDate(iso),
      title,
      description: random() < 0.5 ? null : `${name(random)},\n${name(random)}`,
      playlist_type: pick(random, ['album', 'ep', 'single', 'compilation', 'playlist']),
      genre: pick(random, GENRES),
      tag_list: tagList(random),
      sharing: hidden ? 'private' : 'public',
      track_count: own.length,
      duration: own.reduce((sum, track) => sum + Number(track.record.duration), 0),
      likes_count: int(random, 0, 2000),
      uri: `https://api.soundcloud.com/playlists/soundcloud:playlists:${id}`,
      tracks_uri: `https://api.soundcloud.com/playlists/soundcloud:playlists:${id}/tracks`,
      permalink_url: `${String(user.permalink_url)}/sets/${slug(title, id)}`,
      artwork_url: null,
      user,
    };
    return Object.freeze({ key: entryKey(iso, id), hidden, record: Object.freeze(record), tracks: own });
  });
}

/** Every user's data, by id. Ids never collide: each user has its own billion. */
export function generateSoundcloudData(seed: number, size: number): Map<number, UserData> {
  const users = new Map<number, UserData>();
  SOUNDCLOUD_USERS.forEach((spec, index) => {
    const random = seededRandom(seed * 31 + index);
    const user = Object.freeze(makeUser(random, spec.id));
    const [trackCount, playlistCount] = [Math.ceil(spec.tracks(size)), Math.ceil(spec.playlists(size))];
    const tracks = makeTracks(random, user, trackCount, 100_000_000 + index * 1_000_000_000);
    const playlists = makePlaylists(random, user, playlistCount, 10_000_000 + index * 1_000_000_000, tracks);
    users.set(spec.id, { user, tracks: tracks.reverse(), playlists: playlists.reverse(), followings: [] });
  });
  // Everyone follows everyone else, at times drawn from the follower's own stream.
  for (const [index, [id, data]] of [...users].entries()) {
    const random = seededRandom(seed * 37 + index);
    const followings = [...users.values()]
      .filter((other) => other.user.id !== id)
      .map((other) => {
        const iso = new Date(Date.UTC(2012, 0, 1) + Math.floor(random() * SPAN_MS)).toISOString().replace(/\.\d{3}Z$/, '.000Z');
        return Object.freeze({ key: entryKey(iso, Number(other.user.id)), hidden: false, record: other.user });
      })
      .sort((a, b) => (a.key < b.key ? 1 : -1));
    users.set(id, { ...data, followings });
  }
  return users;
}
