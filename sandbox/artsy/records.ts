/**
 * The shapes Artsy serialises: artists, artworks and genes as HAL objects. Their `_links` point
 * at api.artsy.net as the real API's do, whatever origin the sandbox serves, so a record reads
 * the same in every export and in `records()`.
 */
import { COUNTRIES, hexId, int, name, pick, type Random } from '../data/fake-data.js';

const API = 'https://api.artsy.net/api';
const WEB = 'https://www.artsy.net';
const IMAGE_VERSIONS = ['four_thirds', 'large', 'square', 'tall'];
const NATIONALITIES = ['French', 'American', 'Japanese', 'Nigerian', 'Brazilian', 'German', 'Icelandic', ''];
const CATEGORIES = ['Painting', 'Photography', 'Sculpture', 'Print', 'Drawing, Collage or other Work on Paper'];
const MEDIUMS = ['Oil on canvas', 'Gelatin silver print', 'Bronze', 'Acrylic, "found" objects\nand resin', ''];

/** Artsy's timestamp format: `2010-08-23 14:15:30 UTC`. */
export const artsyDate = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** A Mongo ObjectId: creation seconds in 8 hex digits, then 16 random ones. */
export const objectId = (random: Random, ms: number): string =>
  Math.floor(ms / 1000).toString(16).padStart(8, '0') + hexId(random, 16);

/** `Edgar Degas` → `degas-edgar`; may be empty, as for names in non-Latin scripts. */
export function sortableId(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  return [words[words.length - 1], ...words.slice(0, -1)]
    .join(' ')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const image = (random: Random) => {
  const folder = hexId(random, 22);
  return {
    thumbnail: { href: `https://d32dm0rphc51dk.cloudfront.net/${folder}/four_thirds.jpg` },
    image: { href: `https://d32dm0rphc51dk.cloudfront.net/${folder}/{image_version}.jpg`, templated: true },
  };
};

export function artistRecord(random: Random, id: string, createdMs: number): Record<string, unknown> {
  const fullName = name(random);
  const slug = `${sortableId(fullName.split(' ').reverse().join(' ')) || 'artist'}-${id.slice(-6)}`;
  const born = random() < 0.85 ? int(random, 1600, 2000) : undefined;
  const died = born !== undefined && born < 1945 && random() < 0.8 ? born + int(random, 25, 95) : undefined;
  const hometown = random() < 0.3 ? '' : `${name(random)}, ${pick(random, COUNTRIES) ?? 'Unknown'}`;
  return {
    id,
    slug,
    created_at: artsyDate(createdMs),
    updated_at: artsyDate(createdMs + int(random, 0, 5e10)),
    name: fullName,
    sortable_id: sortableId(fullName),
    gender: pick(random, ['male', 'female', null]),
    biography: random() < 0.3 ? '' : `${fullName} works in ${name(random)}, ${name(random)}.\n\n"${name(random)}"`,
    birthday: born === undefined ? '' : String(born),
    deathday: died === undefined ? '' : String(died),
    hometown,
    location: random() < 0.5 ? '' : `${name(random)}; ${name(random)}`,
    nationality: pick(random, NATIONALITIES),
    target_supply: random() < 0.1,
    image_versions: IMAGE_VERSIONS,
    _links: {
      ...image(random),
      self: { href: `${API}/artists/${id}` },
      permalink: { href: `${WEB}/artist/${slug}` },
      artworks: { href: `${API}/artworks?artist_id=${id}` },
      published_artworks: { href: `${API}/artworks?artist_id=${id}&published=true` },
      similar_artists: { href: `${API}/artists?similar_to_artist_id=${id}` },
      genes: { href: `${API}/genes?artist_id=${id}` },
    },
  };
}

const dimensions = (height: number, width: number, unit: string) => ({
  text: `${height.toFixed(1)} × ${width.toFixed(1)} ${unit}`,
  height: Math.round(height * 10) / 10,
  width: Math.round(width * 10) / 10,
  depth: null,
  diameter: null,
});

export function artworkRecord(random: Random, id: string, createdMs: number, partnerId: string) {
  const title = name(random);
  const slug = `${sortableId(title.split(' ').reverse().join(' ')) || 'untitled'}-${id.slice(-6)}`;
  const [height, width] = [int(random, 5, 300), int(random, 5, 300)];
  const sold = random() < 0.2;
  return {
    id,
    slug,
    created_at: artsyDate(createdMs),
    updated_at: artsyDate(createdMs + int(random, 0, 5e10)),
    title,
    category: pick(random, CATEGORIES),
    medium: pick(random, MEDIUMS),
    date: pick(random, ['', 'c. 1875', '1990–1995', String(int(random, 1500, 2024))]),
    dimensions: {
      in: dimensions(height / 2.54, width / 2.54, 'in'),
      cm: dimensions(height, width, 'cm'),
    },
    collecting_institution: random() < 0.7 ? '' : name(random),
    image_rights: random() < 0.5 ? '' : `Courtesy of ${name(random)}, "${name(random)}"`,
    blurb: random() < 0.5 ? '' : `${name(random)}\n${name(random)}`,
    unique: random() < 0.6,
    iconicity: Math.round(random() * 1e4) / 100,
    can_inquire: random() < 0.7,
    can_acquire: !sold && random() < 0.3,
    can_share: true,
    sale_message: sold ? 'Sold' : random() < 0.5 ? null : `$${int(random, 1, 90)},${int(random, 100, 999)}`,
    sold,
    image_versions: IMAGE_VERSIONS,
    _links: {
      ...image(random),
      partner: { href: `${API}/partners/${partnerId}` },
      self: { href: `${API}/artworks/${id}` },
      permalink: { href: `${WEB}/artwork/${slug}` },
      genes: { href: `${API}/genes?artwork_id=${id}` },
      artists: { href: `${API}/artists?artwork_id=${id}` },
    },
  };
}

const GENE_NAMES = ['Impressionism', 'Abstract Art', 'Photography', 'Contemporary Pop', 'Art Nouveau', 'Bauhaus'];

export function geneRecord(random: Random, id: string, createdMs: number): Record<string, unknown> {
  const geneName = random() < 0.5 ? pick(random, GENE_NAMES) : name(random);
  const slug = `${sortableId(geneName.split(' ').reverse().join(' ')) || 'gene'}-${id.slice(-6)}`;
  return {
    id,
    created_at: artsyDate(createdMs),
    updated_at: artsyDate(createdMs + int(random, 0, 5e10)),
    name: geneName,
    display_name: random() < 0.7 ? null : geneName.toUpperCase(),
    description: `${geneName} covers *${name(random)}* and [${name(random)}](/gene/${slug}).\n\nSee: ${name(random)}`,
    image_versions: IMAGE_VERSIONS.slice(0, 2),
    _links: {
      ...image(random),
      self: { href: `${API}/genes/${id}` },
      permalink: { href: `${WEB}/gene/${slug}` },
      artworks: { href: `${API}/artworks?gene_id=${id}` },
      artists: { href: `${API}/artists?gene_id=${id}` },
    },
  };
}
