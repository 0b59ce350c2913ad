/**
 * Soundcharts' `GET /api/v2.21/artist/{uuid}/songs` [SC-SONGS]: an artist's songs by `offset` and
 * `limit` (max. 100), ordered by `sortBy` (name, releaseDate, spotifyStream, shazamCount,
 * youtubeViews, spotifyPopularity, soundchartsScore) and `sortOrder`, `mainPerformer` 1 or 0 for
 * the songs the artist leads or features on; 404 "Artist not found" for an unknown uuid. The body
 * is SongCollectionResponse2: `related` (the artist), `items`, `page {offset, limit, next,
 * previous, total}`, `errors`. Each artist's songs are generated from the artist's row alone.
 */
import { int, isoDate, name, seededRandom } from '../data/fake-data.js';
import { mix, type Dataset } from './data.js';
import { BadRequest } from './query.js';

export const ARTIST_SONGS_ROUTE = /^\/api\/v2\.21\/artist\/([^/]+)\/songs\/?$/;
const MAX_LIMIT = 100;
const SORT_BY = ['name', 'releaseDate', 'spotifyStream', 'shazamCount', 'youtubeViews', 'spotifyPopularity', 'soundchartsScore'] as const;
type SortBy = (typeof SORT_BY)[number];

interface Song {
  item: { uuid: string; name: string; creditName: string; imageUrl: string | null; releaseDate: string };
  main: boolean;
  metrics: Record<Exclude<SortBy, 'name' | 'releaseDate'>, number>;
}

export interface SongsQuery {
  offset: number;
  limit: number;
  sortBy: SortBy;
  sortOrder: 'asc' | 'desc';
  mainPerformer?: boolean;
}

export interface ArtistSongs {
  /** The artist's row and its `related` object, or undefined for a uuid the dataset does not have. */
  artist(uuid: string): { row: number; related: Record<string, unknown> } | undefined;
  /** The artist's songs in the query's order, after `mainPerformer`. */
  songs(row: number, query: Omit<SongsQuery, 'offset' | 'limit'>): Song['item'][];
  parse(query: URLSearchParams): SongsQuery;
}

const uuidOf = (row: number, seed: number): string => mix(seed, row, 13).toString(16).padStart(8, '0');

function generate(row: number, seed: number, creditName: string): Song[] {
  const random = seededRandom(mix(seed, row, 11));
  // Most artists have a page or less; some have several, a few none.
  const count = Math.floor(random() ** 3 * 340);
  return Array.from({ length: count }, (_, index): Song => {
    const id = `${uuidOf(row, seed)}-${index.toString(16).padStart(4, '0')}-4${int(random, 0, 4095).toString(16).padStart(3, '0')}-a000-${int(random, 0, 2 ** 24).toString(16).padStart(12, '0')}`;
    const streams = Math.floor(Math.exp(random() * 20));
    return {
      item: { uuid: id, name: name(random), creditName, imageUrl: random() < 0.9 ? `https://assets.soundcharts.com/song/${id[0]}/${id[1]}/${id}.jpg` : null, releaseDate: isoDate(random).replace(/\.\d+Z$/, '+00:00') },
      main: random() < 0.8,
      metrics: {
        spotifyStream: streams,
        shazamCount: Math.floor(streams * random() * 0.05),
        youtubeViews: Math.floor(streams * random() * 0.6),
        spotifyPopularity: Math.min(100, Math.floor(Math.log10(streams + 1) * 10)),
        soundchartsScore: Math.round(random() * 10_000) / 100,
      },
    };
  });
}

export function createArtistSongs(artists: () => Dataset): ArtistSongs {
  let byUuidTail: Map<string, number> | undefined;
  /** The last eight hex digits of an artist's uuid are its row's seed: one cheap pass finds any uuid's row. */
  const rows = (dataset: Dataset) => {
    if (!byUuidTail) {
      byUuidTail = new Map();
      for (let row = 0; row < dataset.length; row++) byUuidTail.set(mix(dataset.seed, row, 7).toString(16).padStart(8, '0'), row);
    }
    return byUuidTail;
  };
  const cache = new Map<number, Song[]>();
  return {
    artist(uuid) {
      const dataset = artists();
      const row = rows(dataset).get(uuid.slice(-8));
      if (row === undefined) return undefined;
      const artist = JSON.parse(dataset.entity(row)) as Record<string, unknown>;
      if (artist.uuid !== uuid) return undefined;
      return { row, related: { uuid: artist.uuid, slug: artist.slug, name: artist.name, appUrl: artist.appUrl, imageUrl: artist.imageUrl } };
    },
    songs(row, query) {
      let songs = cache.get(row);
      if (!songs) {
        const dataset = artists();
        songs = generate(row, dataset.seed, String((JSON.parse(dataset.entity(row)) as { name: string }).name));
        if (cache.size > 1000) cache.clear();
        cache.set(row, songs);
      }
      const picked = query.mainPerformer === undefined ? [...songs] : songs.filter((song) => song.main === query.mainPerformer);
      const sign = query.sortOrder === 'asc' ? 1 : -1;
      const key = (song: Song): string | number =>
        query.sortBy === 'name' ? song.item.name : query.sortBy === 'releaseDate' ? song.item.releaseDate : song.metrics[query.sortBy];
      // Ties broken by uuid, so every page boundary is stable.
      picked.sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        return x < y ? -sign : x > y ? sign : a.item.uuid < b.item.uuid ? -1 : 1;
      });
      return picked.map((song) => song.item);
    },
    parse(query) {
      const integer = (name: string, fallback: number) => {
        const text = query.get(name);
        if (text === null || text === '') return fallback;
        if (!/^\d{1,9}$/.test(text)) throw new BadRequest(name, `${name} must be a non-negative integer; got ${JSON.stringify(text)}`);
        return Number(text);
      };
      const limit = integer('limit', 10);
      if (limit < 1 || limit > MAX_LIMIT) throw new BadRequest('limit', `limit must be between 1 and ${MAX_LIMIT}; got ${limit}`);
      const sortBy = query.get('sortBy') ?? 'releaseDate';
      if (!(SORT_BY as readonly string[]).includes(sortBy)) throw new BadRequest('sortBy', `sortBy must be one of ${SORT_BY.join(', ')}`);
      const sortOrder = query.get('sortOrder') ?? 'desc';
      if (sortOrder !== 'asc' && sortOrder !== 'desc') throw new BadRequest('sortOrder', 'sortOrder must be asc or desc');
      const main = query.get('mainPerformer');
      if (main !== null && main !== '' && main !== '0' && main !== '1') throw new BadRequest('mainPerformer', 'mainPerformer must be 1 or 0');
      return { offset: integer('offset', 0), limit, sortBy: sortBy as SortBy, sortOrder, mainPerformer: main === '1' ? true : main === '0' ? false : undefined };
    },
  };
}
