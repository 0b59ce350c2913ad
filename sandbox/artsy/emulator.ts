/**
 * Artsy emulator (public API v2): `GET /api/{artists,artworks,genes}` as HAL pages followed by
 * `_links.next.href`, and `POST /api/tokens/xapp_token`. Requests authenticate with
 * `X-Xapp-Token`; the API allows 5 requests per second per application.
 */
import { generateArtsyData, type ArtsyCollection, type ArtsyEndpoint } from './data.js';
import { otherError, UNAUTHORIZED } from './errors.js';
import { createArtsyPages } from './pages.js';
import { createXappTokens } from './xapp.js';
import { seededRandom } from '../data/fake-data.js';
import type { Emulator, EmulatorOptions, EmulatorRateLimit, SandboxRequest } from '../server/types.js';

export interface ArtsyOptions {
  /** Lifetime of tokens from `POST /api/tokens/xapp_token`. @default 604_800_000 (1 week) */
  tokenTtlMs?: number;
}

const ENV = {
  ARTSY_XAPP_TOKEN: 'sandbox-xapp-token',
  ARTSY_CLIENT_ID: 'sandbox-client',
  ARTSY_CLIENT_SECRET: 'sandbox-secret',
};
const ENDPOINTS = new Set<string>(['artists', 'artworks', 'genes']);

/** Artsy's 5 requests per second, unless a benchmark sets its own ceiling. */
function rateLimitOf(perMinute: number | undefined): EmulatorRateLimit {
  return {
    ...(perMinute === undefined ? { limit: 5, windowMs: 1000 } : { limit: perMinute, windowMs: 60_000 }),
    reply: (retryAfterMs) => ({
      ...otherError(429, 'Rate limit exceeded'),
      headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
    }),
  };
}

export function createArtsyEmulator(options: EmulatorOptions & ArtsyOptions = {}): Emulator {
  const seed = options.seed ?? 1;
  let collections: Record<ArtsyEndpoint, ArtsyCollection> | undefined;
  const pages = createArtsyPages(() => (collections ??= generateArtsyData(seed, options.size ?? 4000)));
  const tokens = createXappTokens({
    clientId: ENV.ARTSY_CLIENT_ID,
    clientSecret: ENV.ARTSY_CLIENT_SECRET,
    ttlMs: options.tokenTtlMs ?? 7 * 24 * 3_600_000,
    now: options.now ?? Date.now,
    seed: Math.floor(seededRandom(seed + 1)() * 2 ** 31),
  });

  const authenticated = (request: SandboxRequest): boolean => {
    const token = request.headers['x-xapp-token'] ?? '';
    return token === ENV.ARTSY_XAPP_TOKEN || tokens.check(token) === 'valid';
  };

  return {
    name: 'artsy',
    env: ENV,
    rateLimit: rateLimitOf(options.rateLimitPerMinute),
    latencyMs: 80,
    handle(request) {
      if (request.path === '/api/tokens/xapp_token') return tokens.handle(request);
      const endpoint = /^\/api\/([a-z]+)\/?$/.exec(request.path)?.[1];
      if (endpoint === undefined || !ENDPOINTS.has(endpoint)) return otherError(404, 'Not Found');
      if (request.method !== 'GET') return otherError(405, 'Method Not Allowed');
      if (!authenticated(request)) return UNAUTHORIZED;
      return pages.page(endpoint as ArtsyEndpoint, request);
    },
    records(endpoint, params = {}) {
      if (!ENDPOINTS.has(endpoint)) {
        throw new Error(`artsy has no endpoint "${endpoint}"; try artists, artworks or genes`);
      }
      const records = pages.all(endpoint as ArtsyEndpoint, new URLSearchParams(params));
      if ('status' in records) throw new Error(`artsy: ${JSON.stringify(records.body)}`);
      return records;
    },
  };
}
