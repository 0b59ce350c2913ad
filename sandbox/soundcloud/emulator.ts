/**
 * SoundCloud emulator: `GET /users/{user_urn}/{tracks,playlists,followings}`, `/me/{tracks,playlists}` and
 * `POST /oauth/token`. Pages follow `next_href` (with `linked_partitioning=true`); `limit` counts
 * private tracks that are then dropped, so pages can be short or empty and still go on. The last
 * page has no `next_href`.
 */
import { seededRandom } from '../data/fake-data.js';
import { ME_USER_ID, SOUNDCLOUD_USERS, generateSoundcloudData, type Entry, type UserData } from './data.js';
import { createSoundcloudOAuth } from './oauth.js';
import { growTracks } from './growth.js';
import { failure, nextHref, pageOf, parseParams, serialize, visible, type Kind } from './pages.js';
import type { Emulator, EmulatorOptions, EmulatorRateLimit, SandboxRequest, SandboxResponse } from '../server/types.js';

export interface SoundcloudOptions {
  /** Lifetime of tokens issued by `POST /oauth/token`. @default 3_600_000 (1 h) */
  tokenTtlMs?: number;
  /**
   * Client-credentials tokens issued per window before a 429; `false` for no limit.
   * @default { limit: 50, windowMs: 43_200_000 } (SoundCloud's 50 per 12 h per app)
   */
  tokenIssueLimit?: { limit: number; windowMs: number } | false;
}

const ENV = {
  SOUNDCLOUD_ACCESS_TOKEN: 'sandbox-oauth-token',
  SOUNDCLOUD_CLIENT_ID: 'sandbox-client',
  SOUNDCLOUD_CLIENT_SECRET: 'sandbox-secret',
};
const ENDPOINTS: Record<string, { me: boolean; kind: Kind }> = {
  'user-tracks': { me: false, kind: 'tracks' },
  'user-playlists': { me: false, kind: 'playlists' },
  'user-followings': { me: false, kind: 'followings' },
  'my-tracks': { me: true, kind: 'tracks' },
  'my-playlists': { me: true, kind: 'playlists' },
};

/** A URN (`soundcloud:users:123`, raw or percent-encoded) or a bare numeric id (deprecated). */
function userIdOf(segment: string): number | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  const match = /^(?:soundcloud:users:)?(\d{1,15})$/.exec(decoded);
  return match ? Number(match[1]) : undefined;
}

function routeOf(path: string): { user: string; kind: Kind } | undefined {
  const parts = path.split('/').filter((part) => part !== '');
  const kind = parts[parts.length - 1];
  if (kind !== 'tracks' && kind !== 'playlists' && kind !== 'followings') return undefined;
  if (parts.length === 2 && parts[0] === 'me') return { user: 'me', kind };
  if (parts.length === 3 && parts[0] === 'users') return { user: parts[1], kind };
  return undefined;
}

/** SoundCloud enforces no global request limit; a benchmark may still impose one. */
function rateLimitOf(perMinute: number | undefined): EmulatorRateLimit | undefined {
  if (perMinute === undefined) return undefined;
  return {
    limit: perMinute,
    windowMs: 60_000,
    reply: (retryAfterMs) => ({
      ...failure(429, 'Rate Limit Exceeded'),
      headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
    }),
  };
}

export function createSoundcloudEmulator(options: EmulatorOptions & SoundcloudOptions = {}): Emulator {
  const seed = options.seed ?? 1;
  const oauth = createSoundcloudOAuth({
    clientId: ENV.SOUNDCLOUD_CLIENT_ID,
    clientSecret: ENV.SOUNDCLOUD_CLIENT_SECRET,
    tokenTtlMs: options.tokenTtlMs ?? 3_600_000,
    issueLimit: options.tokenIssueLimit ?? { limit: 50, windowMs: 12 * 3_600_000 },
    now: options.now ?? Date.now,
    seed: Math.floor(seededRandom(seed)() * 2 ** 31),
  });
  let users: Map<number, UserData> | undefined;
  const data = (): Map<number, UserData> => (users ??= generateSoundcloudData(seed, options.size ?? 3000));
  const ascending = new WeakMap<readonly Entry[], readonly Entry[]>();
  const growthRandom = seededRandom(seed * 7919 + 17);

  function ordered(user: UserData, kind: Kind, sort: 'asc' | 'desc'): readonly Entry[] {
    const list = user[kind];
    if (sort === 'desc') return list;
    let reversed = ascending.get(list);
    if (!reversed) ascending.set(list, (reversed = [...list].reverse()));
    return reversed;
  }

  function authenticate(request: SandboxRequest): SandboxResponse | undefined {
    const token = /^OAuth\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined) {
      const legacy = request.query.has('client_id') || request.query.has('oauth_token');
      return failure(401, legacy ? 'client_id and oauth_token parameters are not accepted' : 'Missing access token');
    }
    if (token === ENV.SOUNDCLOUD_ACCESS_TOKEN) return undefined;
    const state = oauth.check(token);
    if (state === 'valid') return undefined;
    return failure(401, state === 'expired' ? 'The access token has expired' : 'Invalid access token');
  }

  return {
    name: 'soundcloud',
    env: ENV,
    filterDefaults: { user: 'soundcloud:users:948745750' },
    rateLimit: rateLimitOf(options.rateLimitPerMinute),
    latencyMs: 60,
    handle(request) {
      if (request.path === '/oauth/token') return oauth.handle(request);
      const route = routeOf(request.path);
      if (!route) return failure(404, `No route for ${request.path}`);
      if (request.method !== 'GET') return failure(405, `${request.method} is not allowed here`);
      const denied = authenticate(request);
      if (denied) return denied;
      const userId = route.user === 'me' ? ME_USER_ID : userIdOf(route.user);
      const user = userId === undefined ? undefined : data().get(userId);
      if (!user) return failure(404, `User ${route.user} not found`);
      const params = parseParams(request.query, route.kind);
      if ('status' in params) return params;
      const page = pageOf(ordered(user, route.kind, params.sort), params, route.kind);
      const linked = request.query.get('linked_partitioning');
      // Without linked partitioning the API still answers, as a bare array (deprecated).
      if (linked !== 'true' && linked !== '1') return { status: 200, body: page.items };
      const body: Record<string, unknown> = { collection: page.items };
      if (page.next !== undefined) body.next_href = nextHref(request, params, page.next);
      return { status: 200, body };
    },
    /** The default user (the one `--sandbox` exports) gains tracks. */
    grow(growth) {
      const id = SOUNDCLOUD_USERS[0].id;
      const user = data().get(id);
      if (user) data().set(id, growTracks(user, growth, growthRandom));
    },
    records(endpoint, params = {}) {
      const spec = ENDPOINTS[endpoint];
      if (!spec) throw new Error(`soundcloud has no endpoint "${endpoint}"; try ${Object.keys(ENDPOINTS).join(', ')}`);
      const userId = spec.me ? ME_USER_ID : userIdOf(params.user ?? String(SOUNDCLOUD_USERS[0].id));
      const user = userId === undefined ? undefined : data().get(userId);
      if (!user) throw new Error(`soundcloud has no user "${params.user}"`);
      const parsed = parseParams(new URLSearchParams({ ...params, limit: '1' }), spec.kind);
      if ('status' in parsed) throw new Error(`soundcloud: ${JSON.stringify(parsed.body)}`);
      const list = ordered(user, spec.kind, parsed.sort).filter((entry) => visible(entry, parsed));
      return list.map((entry) => serialize(entry, parsed));
    },
  };
}
