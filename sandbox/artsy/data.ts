/**
 * Artsy's sandbox dataset: artists, artworks and genes, linked to each other and to partners,
 * each list sorted once in the order its cursor follows, with a position index per filter so a
 * filtered page is a binary search, never a scan.
 */
import { int, seededRandom, type Random } from '../data/fake-data.js';
import { artistRecord, artworkRecord, geneRecord, objectId } from './records.js';

export interface ArtsyEntry {
  /** What the cursor carries before the id: `sortable_id` for artists, the id itself otherwise. */
  readonly sortValue: string;
  readonly id: string;
  readonly record: Readonly<Record<string, unknown>>;
}

/** A filter maps its value to the (ascending) positions of the matching entries. */
export interface ArtsyFilter {
  /** For an unknown id: `<label> Not Found`. Flags (`artworks=true`) have no label. */
  readonly label?: string;
  readonly index: ReadonlyMap<string, readonly number[]>;
}

export interface ArtsyCollection {
  readonly entries: readonly ArtsyEntry[];
  readonly all: readonly number[];
  readonly filters: Readonly<Record<string, ArtsyFilter>>;
}

export type ArtsyEndpoint = 'artists' | 'artworks' | 'genes';

interface Draft {
  entry: ArtsyEntry;
  /** Ids of related things, filled while generating. */
  genes: Set<string>;
  partners: Set<string>;
  artists: string[];
  artworks: string[];
}

const EPOCH = Date.UTC(2009, 0, 1);
const SPAN = Date.UTC(2024, 11, 31) - EPOCH;

type Make = (id: string, ms: number) => Record<string, unknown>;

/** `count` records with unique ids; `sortBy` names the field the cursor sorts on (else the id). */
function drafts(random: Random, count: number, make: Make, sortBy?: string): Draft[] {
  const seen = new Set<string>();
  const list: Draft[] = [];
  while (list.length < count) {
    const ms = EPOCH + Math.floor(random() * SPAN);
    const id = objectId(random, ms);
    if (seen.has(id)) continue;
    seen.add(id);
    const record = Object.freeze(make(id, ms));
    const sortValue = sortBy === undefined ? id : String(record[sortBy]);
    list.push({ entry: { sortValue, id, record }, genes: new Set(), partners: new Set(), artists: [], artworks: [] });
  }
  return list;
}

/** Sorting by plain code units, the same comparison a cursor lookup uses. */
export function compareKeys(aValue: string, aId: string, bValue: string, bId: string): number {
  if (aValue !== bValue) return aValue < bValue ? -1 : 1;
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

const sortDrafts = (list: Draft[]): Draft[] =>
  list.sort((a, b) => compareKeys(a.entry.sortValue, a.entry.id, b.entry.sortValue, b.entry.id));

/** Positions (in `list`'s order) of the drafts each key selects; `keys` seeds known ids with none. */
function indexBy(list: readonly Draft[], keysOf: (draft: Draft) => Iterable<string>, keys: Iterable<string> = []) {
  const index = new Map<string, number[]>();
  for (const key of keys) index.set(key, []);
  list.forEach((draft, position) => {
    for (const key of keysOf(draft)) {
      let positions = index.get(key);
      if (!positions) index.set(key, (positions = []));
      if (positions[positions.length - 1] !== position) positions.push(position);
    }
  });
  return index;
}

function collection(list: readonly Draft[], filters: Record<string, ArtsyFilter>): ArtsyCollection {
  return { entries: list.map((draft) => draft.entry), all: list.map((_, position) => position), filters };
}

/** `size` is the number of artists; there are half as many again artworks and one gene per 13 artists. */
export function generateArtsyData(seed: number, size: number): Record<ArtsyEndpoint, ArtsyCollection> {
  const random = seededRandom(seed * 7919 + 5);
  const partners = Array.from({ length: 40 }, () => objectId(random, EPOCH + Math.floor(random() * SPAN)));
  const genes = drafts(random, Math.max(12, Math.round(size / 13)), (id, ms) => geneRecord(random, id, ms));
  const geneById = new Map(genes.map((gene) => [gene.entry.id, gene]));
  const artists = drafts(random, size, (id, ms) => artistRecord(random, id, ms), 'sortable_id');
  for (const artist of artists) {
    for (let n = int(random, 1, 3); n > 0; n--) artist.genes.add(genes[Math.floor(random() * genes.length)].entry.id);
    for (const geneId of artist.genes) geneById.get(geneId)?.artists.push(artist.entry.id);
  }
  const artistOf = new Map<string, Draft>();
  const partnerOf = new Map<string, string>();
  const artworks = drafts(random, Math.round(size * 1.5), (id, ms) => {
    // Squaring skews artworks towards some artists, and leaves others with none.
    const artist = artists[Math.floor(random() ** 2 * artists.length)];
    const partnerId = partners[Math.floor(random() * partners.length)];
    artistOf.set(id, artist);
    partnerOf.set(id, partnerId);
    artist.partners.add(partnerId);
    artist.artworks.push(id);
    return artworkRecord(random, id, ms, partnerId);
  });
  for (const artwork of artworks) {
    const artist = artistOf.get(artwork.entry.id) as Draft;
    artwork.artists.push(artist.entry.id);
    artwork.partners.add(partnerOf.get(artwork.entry.id) as string);
    for (const geneId of artist.genes) {
      if (random() >= 0.7) continue;
      artwork.genes.add(geneId);
      geneById.get(geneId)?.artworks.push(artwork.entry.id);
    }
  }
  for (const list of [genes, artists, artworks]) sortDrafts(list);
  const ids = (list: Draft[]) => list.map((draft) => draft.entry.id);
  const withArtworks = indexBy(artists, (artist) => (artist.artworks.length > 0 ? ['true'] : []));
  // The sandbox has no shows, collections or users: any id is one Artsy would not find.
  const nothing = new Map<string, number[]>();
  return {
    artists: collection(artists, {
      gene_id: { label: 'Gene', index: indexBy(artists, (artist) => artist.genes, ids(genes)) },
      partner_id: { label: 'Partner', index: indexBy(artists, (artist) => artist.partners, partners) },
      artwork_id: { label: 'Artwork', index: indexBy(artists, (artist) => artist.artworks, ids(artworks)) },
      artworks: { index: withArtworks },
      // Every sandbox artwork is published.
      published_artworks: { index: withArtworks },
    }),
    artworks: collection(artworks, {
      artist_id: { label: 'Artist', index: indexBy(artworks, (artwork) => artwork.artists, ids(artists)) },
      partner_id: { label: 'Partner', index: indexBy(artworks, (artwork) => artwork.partners, partners) },
      gene_id: { label: 'Gene', index: indexBy(artworks, (artwork) => artwork.genes, ids(genes)) },
      show_id: { label: 'Show', index: nothing },
      collection_id: { label: 'Collection', index: nothing },
      user_id: { label: 'User', index: nothing },
    }),
    genes: collection(genes, {
      artist_id: { label: 'Artist', index: indexBy(genes, (gene) => gene.artists, ids(artists)) },
      artwork_id: { label: 'Artwork', index: indexBy(genes, (gene) => gene.artworks, ids(artworks)) },
    }),
  };
}
