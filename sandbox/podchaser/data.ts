/**
 * Podchaser's sandbox podcasts, seeded and deterministic. Each has a hidden `_shard_doc` number
 * (shard × 2³² + doc), the tiebreaker Elasticsearch adds to a point-in-time search, which is what
 * the real cursors appear to carry.
 */
import { int, name, pick, seededRandom, type Random } from '../data/fake-data.js';

export interface PodcastEntry {
  readonly record: Readonly<Record<string, unknown>>;
  readonly shardDoc: number;
  /** `startDate` and `latestEpisodeDate` as epoch ms, the values date sorts compare. */
  readonly startMs: number;
  readonly latestMs: number;
  /** What some sorts compare but a `Podcast` does not show (Podchaser's schema has no follower count field). */
  readonly hidden: HiddenValues;
}

export interface HiddenValues {
  followers: number;
  /** A score like Podchaser's own trending measure. */
  trending: number;
  audience: number;
  episodeAudience: number;
  youtubeReach: number;
  sponsoredEpisodes: number;
  /** null for a podcast that never had a sponsored episode. */
  latestSponsoredMs: number | null;
  topCountry: string;
}

const LANGUAGES = ['en', 'en', 'en', 'es', 'de', 'fr', 'pt', 'ja', 'sv'];
const CATEGORIES = ['Comedy', 'True Crime', 'News', 'Society & Culture', 'Technology', 'Music', 'Kids & Family'];
const SHARDS = 5;
const COUNTRY_CODES = ['US', 'US', 'GB', 'CA', 'AU', 'DE', 'ES', 'FR', 'BR', 'JP', 'SE'];

/** Lighthouse's DateTime format, which Podchaser serves: `2019-03-01 10:00:00`. */
const dateTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** Values drawn from their own stream, so adding one leaves every other podcast field as it was. */
function hiddenValues(random: Random, followers: number, trending: number, startMs: number, latestMs: number, episodes: number): HiddenValues {
  const audience = Math.floor(Math.exp(random() * 13));
  const youtubeReach = random() < 0.6 ? 0 : Math.floor(Math.exp(random() * 12));
  const sponsoredEpisodes = random() < 0.6 ? 0 : int(random, 1, Math.max(1, Math.floor(episodes / 5)));
  const latestSponsoredMs = sponsoredEpisodes === 0 ? null : startMs + Math.floor(random() * (latestMs - startMs));
  const episodeAudience = Math.floor(audience * (0.2 + random() * 0.5));
  return { followers, trending, audience, episodeAudience, youtubeReach, sponsoredEpisodes, latestSponsoredMs, topCountry: pick(random, COUNTRY_CODES) };
}

export function generatePodcasts(seed: number, size: number): PodcastEntry[] {
  const random = seededRandom(seed * 104_729 + 11);
  const extra = seededRandom(seed * 7_919 + 3);
  const ids = new Set<number>();
  const docsPerShard = new Array<number>(SHARDS).fill(0);
  const entries: PodcastEntry[] = [];
  while (entries.length < size) {
    const id = int(random, 1000, 2_500_000);
    if (ids.has(id)) continue;
    ids.add(id);
    const shard = id % SHARDS;
    const startMs = Date.UTC(2005, 0, 1) + Math.floor(random() * 6e11);
    const title = name(random);
    const episodes = int(random, 1, 1500);
    const categories = Array.from({ length: int(random, 0, 3) }, () => pick(random, CATEGORIES));
    const rated = random() < 0.7;
    const latestMs = startMs + Math.floor(random() * episodes * 7 * 86_400_000);
    // Many podcasts share a count (zeros especially), so the shard-doc tiebreak matters.
    const followers = random() < 0.25 ? 0 : Math.floor(Math.exp(random() * 12));
    const record = {
      id: String(id),
      title,
      description: random() < 0.1 ? '' : `${title}: ${name(random)}.\n\nHosted by ${name(random)}, "weekly" & raw.`,
      url: `https://www.podchaser.com/podcasts/${encodeURIComponent(title.toLowerCase().replace(/\s+/g, '-'))}-${id}`,
      imageUrl: random() < 0.1 ? null : `https://image.podchaser.com/podcasts/${id}.jpg`,
      rssUrl: `https://feeds.example.com/${id}.xml`,
      language: pick(random, LANGUAGES),
      numberOfEpisodes: episodes,
      avgEpisodeLength: int(random, 300, 10_800),
      ratingAverage: rated ? Math.round((1 + random() * 4) * 100) / 100 : null,
      ratingCount: rated ? int(random, 1, 20_000) : 0,
      isExplicit: random() < 0.2,
      startDate: dateTime(startMs),
      latestEpisodeDate: dateTime(latestMs),
      author: { name: name(random) },
      categories: [...new Set(categories)].map((title) => ({ title, slug: title.toLowerCase().replace(/\W+/g, '-') })),
      powerScore: Math.round(extra() * 10_000) / 100,
    };
    const shardDoc = shard * 2 ** 32 + docsPerShard[shard]++;
    const trending = Math.round(random() * 1e6) / 1e3;
    const hidden = hiddenValues(extra, followers, trending, startMs, latestMs, episodes);
    entries.push({ record: Object.freeze(record), shardDoc, startMs, latestMs, hidden });
  }
  return entries;
}
