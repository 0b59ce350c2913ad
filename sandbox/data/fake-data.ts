/**
 * Seeded, deterministic fake data for the emulators. Values are deliberately awkward (quotes,
 * commas, newlines, unicode, emoji) so every export path is exercised by realistic junk.
 */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough for test data; the same seed gives the same stream. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ne', 'to', 'shi', 'va', 'zu', 'bel', 'dor', 'fin', 'gra', 'jo', 'qui'];
const AWKWARD = [
  'Beyoncé',
  'Sigur Rós',
  'Motörhead',
  '坂本龍一',
  'Мумий Тролль',
  'عمرو دياب',
  'The "Quoted" Band',
  'Smith, Jones & Co',
  'Line\nBreak',
  'Tab\tSeparated',
  "O'Connor",
  '🎸 Emoji Rock 🎶',
  'Back\\slash',
  ' leading and trailing ',
  'Semi;colon',
  'Comma, "and" quote',
  '\u00a0non-breaking',
  '',
];

/** A name; about one in six is awkward. */
export function name(random: Random): string {
  if (random() < 0.17) return pick(random, AWKWARD);
  const words = int(random, 1, 3);
  const parts: string[] = [];
  for (let w = 0; w < words; w++) {
    let word = '';
    for (let s = int(random, 1, 3); s > 0; s--) word += pick(random, SYLLABLES);
    parts.push(word[0].toUpperCase() + word.slice(1));
  }
  return parts.join(' ');
}

export function slug(text: string, id: string | number): string {
  const base = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${base || 'x'}-${id}`;
}

/** Lower-case hex id of `length` characters (Mongo-style ids are 24). */
export function hexId(random: Random, length = 24): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

/** RFC 4122-shaped v4 uuid. */
export function uuid(random: Random): string {
  const h = hexId(random, 32).split('');
  h[12] = '4';
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export const COUNTRIES = ['US', 'GB', 'FR', 'DE', 'JP', 'BR', 'NG', 'KR', 'IS', 'MX', null] as const;

/** ISO timestamp between 2000 and 2025, descending-friendly when sorted as strings. */
export function isoDate(random: Random): string {
  const start = Date.UTC(2000, 0, 1);
  const end = Date.UTC(2025, 11, 31);
  return new Date(start + Math.floor(random() * (end - start))).toISOString();
}

export const base64Json = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');

/** Parses base64 JSON, or returns undefined for anything that is not. */
export function fromBase64Json(text: string): unknown {
  try {
    const decoded = Buffer.from(text, 'base64').toString('utf8');
    if (Buffer.from(decoded).toString('base64').replace(/=+$/, '') !== text.replace(/=+$/, '')) return undefined;
    return JSON.parse(decoded);
  } catch {
    return undefined;
  }
}
