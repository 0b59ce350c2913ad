/**
 * The Soundcharts sandbox's catalogue: metric columns for every row, built in one seeded pass,
 * and each row's artist or song object generated on first use from its own seed, so start-up
 * only pays for numbers.
 */
import { COUNTRIES, int, isoDate, name, pick, seededRandom, slug, type Random } from '../data/fake-data.js';

export type SoundchartsEndpoint = 'artists' | 'songs';

/** `platform/metricType` pairs each endpoint ranks and filters by: a subset of the real API's list. */
export const METRICS: Record<SoundchartsEndpoint, readonly string[]> = {
  artists: [
    'spotify/followers',
    'spotify/monthly_listeners',
    'spotify/popularity',
    'instagram/followers',
    'tiktok/followers',
    'youtube/subscribers',
    'deezer/fans',
    'soundcharts/score',
  ],
  songs: ['spotify/streams', 'spotify/popularity', 'youtube/views', 'shazam/count', 'tiktok/views'],
};

/** Artists with at least 10,000 Spotify followers: the "at time of writing" count of https://help.soundcharts.com/en/articles/14724998-how-do-cursors-work. */
export const DEFAULT_ARTISTS = 140_830;
export const DEFAULT_SONGS = 60_000;
/** Internal numeric ids (a cursor's `idValue`) are this plus the row number. */
export const ID_BASE = 1_000_000;
const MIN_FOLLOWERS = 10_000;
const MAX_FOLLOWERS = 150_000_000;

export interface Dataset {
  readonly length: number;
  /** Index into COUNTRIES of each row. */
  readonly country: Uint8Array;
  /** Total value of each row, per `platform/metricType`. */
  readonly totals: ReadonlyMap<string, Float64Array>;
  /** The row's `artist` or `song` object as JSON, generated on first use. */
  entity(row: number): string;
  readonly seed: number;
}

/**
 * murmur3's finaliser over each value in turn: decorrelates neighbouring row numbers into
 * independent seeds, and (every step being invertible) maps distinct rows to distinct seeds.
 */
export function mix(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    h = Math.imul(h ^ (value | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Heavy-tailed counts from `min` up, like real audiences: few stars, a long tail; redrawn above `max`. */
function pareto(random: Random, min: number, max: number): number {
  for (;;) {
    const value = Math.floor(min / Math.pow(1 - random(), 1 / 0.9));
    if (value <= max) return value;
  }
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

const hex = (n: number): string => HEX[n >>> 24] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];
const hex32 = (random: Random): string => hex((random() * 2 ** 32) >>> 0);

/**
 * A v4-shaped uuid (fake-data's per-digit one costs more than the rest of a row) whose last eight
 * digits are `unique`: rows' seeds are distinct, so their uuids are too, by construction.
 */
function uniqueUuid(random: Random, unique: number): string {
  const [a, b, c] = [hex32(random), hex32(random), hex32(random)];
  const variant = '89ab'[parseInt(c[0], 16) & 0x3];
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${hex(unique)}`;
}

const GENRES: Record<string, string[]> = {
  pop: ['dance pop', 'k-pop', 'indie pop'],
  'hip hop': ['trap', 'boom bap', 'drill'],
  electronic: ['house', 'techno', 'ambient'],
  rock: ['indie rock', 'metal', 'punk'],
  latin: ['reggaeton', 'bachata'],
  jazz: [],
};

function genres(random: Random): { root: string; sub: string[] }[] {
  const roots = Object.keys(GENRES);
  const out: { root: string; sub: string[] }[] = [];
  for (let n = int(random, 0, 2); n > 0; n--) {
    const root = pick(random, roots);
    if (!out.some((g) => g.root === root)) out.push({ root, sub: GENRES[root].filter(() => random() < 0.5) });
  }
  return out;
}

function artist(random: Random, row: number, rowSeed: number, countryCode: string | null): object {
  const artistName = name(random);
  const id = uniqueUuid(random, rowSeed);
  const artistSlug = slug(artistName, row.toString(36));
  return {
    uuid: id,
    slug: artistSlug,
    name: artistName,
    appUrl: `https://app.soundcharts.com/app/artist/${artistSlug}/overview`,
    imageUrl: random() < 0.9 ? `https://assets.soundcharts.com/artist/${id[0]}/${id[1]}/${id}.jpg` : null,
    countryCode,
    genres: genres(random),
  };
}

function song(random: Random, row: number, rowSeed: number, countryCode: string | null): object {
  const id = uniqueUuid(random, rowSeed);
  const year = int(random, 0, 25).toString().padStart(2, '0');
  return {
    uuid: id,
    name: name(random),
    isrc: `${countryCode ?? 'QZ'}${int(random, 100, 999)}${year}${int(random, 0, 99_999).toString().padStart(5, '0')}`,
    creditName: name(random),
    releaseDate: isoDate(random).replace(/\.\d+Z$/, '+00:00'),
    appUrl: `https://app.soundcharts.com/app/song/${id}/overview`,
    imageUrl: random() < 0.9 ? `https://assets.soundcharts.com/song/${id[0]}/${id[1]}/${id}.jpg` : null,
    countryCode,
    genres: genres(random),
  };
}

/** Other metrics follow the main audience loosely, so rankings differ but stay plausible. */
function derivedArtistMetrics(random: Random, followers: number): number[] {
  const magnitude = Math.log10(followers + 1);
  return [
    Math.round(followers * (0.2 + random() * 5)),
    Math.min(100, Math.floor(magnitude * 10 + random() * 15)),
    Math.round(followers * (0.1 + random() * 3)),
    Math.round(followers * random() * 4),
    Math.round(followers * random() * 2),
    Math.round(followers * random() * 0.3),
    Math.round((magnitude * 8 + random() * 30) * 100) / 100,
  ];
}

function derivedSongMetrics(random: Random, streams: number): number[] {
  return [
    Math.min(100, Math.floor(Math.log10(streams + 1) * 9 + random() * 15)),
    Math.round(streams * random() * 0.8),
    Math.round(streams * random() * 0.05),
    Math.round(streams * random() * 0.5),
  ];
}

/**
 * Artists: exactly `size` rows with at least 10,000 Spotify followers, interleaved at random
 * with `size / 7` rows below, so a `min` filter matters. Songs: `size` rows, no floor.
 */
export function createDataset(endpoint: SoundchartsEndpoint, seed: number, size?: number): Dataset {
  const random = seededRandom(mix(seed, endpoint === 'artists' ? 1 : 2));
  const above = size ?? (endpoint === 'artists' ? DEFAULT_ARTISTS : DEFAULT_SONGS);
  let below = endpoint === 'artists' ? Math.ceil(above / 7) : 0;
  const length = above + below;
  const keys = METRICS[endpoint];
  const columns = keys.map(() => new Float64Array(length));
  const country = new Uint8Array(length);
  for (let row = 0; row < length; row++) {
    const low = random() * (length - row) < below;
    if (low) below--;
    let main: number;
    let rest: number[];
    if (endpoint === 'songs') {
      main = pareto(random, 1_000, 5e9);
      rest = derivedSongMetrics(random, main);
    } else {
      main = low ? int(random, 0, MIN_FOLLOWERS - 1) : pareto(random, MIN_FOLLOWERS, MAX_FOLLOWERS);
      rest = derivedArtistMetrics(random, main);
    }
    columns[0][row] = main;
    for (let k = 1; k < keys.length; k++) columns[k][row] = rest[k - 1];
    country[row] = Math.floor(random() * COUNTRIES.length);
  }
  const entities: string[] = [];
  return {
    length,
    country,
    totals: new Map(keys.map((key, k) => [key, columns[k]])),
    seed,
    entity(row) {
      if (entities[row] !== undefined) return entities[row];
      // mix is a bijection of the row for a given seed: distinct rows, distinct seeds
      const rowSeed = mix(seed, row, 7);
      const make = endpoint === 'artists' ? artist : song;
      return (entities[row] = JSON.stringify(make(seededRandom(rowSeed), row, rowSeed, COUNTRIES[country[row]])));
    },
  };
}
