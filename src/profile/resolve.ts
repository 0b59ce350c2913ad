/**
 * Turns a validated profile plus the user's choices (endpoint, --filter, --base-url, --page-size)
 * and the environment into the base request of an export. Pure: no I/O, every mistake is exit 2.
 */
import { usageError } from '../errors.js';
import { closest } from '../suggest.js';
import { withValue, type RequestSpec } from '../request/spec.js';
import type { Endpoint, Profile } from './schema.js';
import { resolveAuth, substituteEnv, type ResolvedAuth } from './auth.js';
import { parseFilterValue, resolveFilters, withFilter, type FilterValue } from './filters.js';

export type { FilterValue } from './filters.js';

export interface ExportChoices {
  endpoint?: string;
  /** `--filter NAME=VALUE` pairs as given. */
  filters?: ReadonlyArray<readonly [string, string]>;
  baseUrl?: string;
  pageSize?: number;
  /** Required filters given later, per request (fan-out's --each): not missing now. */
  deferredFilters?: readonly string[];
}

export interface ResolvedExport {
  profile: Profile;
  endpointName: string;
  endpoint: Endpoint;
  /** The first page's request: filters, fixed query/body and page size applied; no pagination position. */
  base: RequestSpec;
  /** Every filter that was sent, defaults included: part of what identifies an export. */
  filters: Record<string, FilterValue>;
  pageSize?: number;
  /** Where requests go (the profile's origin, or --base-url). */
  origin: string;
  /** The profile's own origin; absolute links to it are rewritten onto `origin`. */
  profileOrigin?: string;
  auth: ResolvedAuth;
}

export function resolveExport(profile: Profile, choices: ExportChoices, env: NodeJS.ProcessEnv): ResolvedExport {
  const endpointName = endpointNameOf(profile, choices.endpoint);
  const endpoint = profile.endpoints[endpointName];
  if (!endpoint) {
    const names = Object.keys(profile.endpoints);
    const suggestion = closest(endpointName, names);
    throw usageError(
      'UNKNOWN_ENDPOINT',
      `profile "${profile.name}" has no endpoint "${endpointName}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; endpoints: ${names.join(', ')}`,
    );
  }
  const baseUrl = choices.baseUrl ?? nonEmpty(env[baseUrlVariable(profile.name)]);
  const { origin, profileOrigin } = resolveOrigin(profile, baseUrl, env);
  const auth = resolveAuth(profile, env);
  if (auth.token) auth.token.url = tokenUrl(auth.token.url, origin, baseUrl !== undefined);
  const pageSize = resolvePageSize(endpoint, choices.pageSize);
  const filters = resolveFilters(profile.name, endpointName, endpoint, choices.filters ?? [], choices.deferredFilters ?? []);

  let base: RequestSpec = {
    method: endpoint.graphql ? 'POST' : endpoint.method,
    url: new URL(endpoint.path, origin),
    headers: { accept: 'application/json' },
    body: endpoint.graphql ? { query: endpoint.graphql.query, variables: endpoint.graphql.variables } : endpoint.body,
  };
  if (base.body) base.headers['content-type'] = 'application/json';
  for (const [name, value] of Object.entries(endpoint.query)) base = withValue(base, { in: 'query', name }, value);
  for (const [name, value] of Object.entries(filters)) base = withFilter(base, endpoint.filters[name], value);
  const size = endpoint.pagination.page_size;
  if (size && pageSize !== undefined) base = withValue(base, size, pageSize);
  return { profile, endpointName, endpoint, base, filters, pageSize, origin, profileOrigin, auth };
}

/** The first page's request with more filters set (fan-out: one parent's values), each checked as --filter checks it. */
export function withFilters(resolved: ResolvedExport, given: ReadonlyArray<readonly [string, string]>): RequestSpec {
  let base = resolved.base;
  for (const [name, raw] of given) {
    const filter = resolved.endpoint.filters[name];
    base = withFilter(base, filter, parseFilterValue(name, filter, raw));
  }
  return base;
}

/** `starting-at` → `STARTING_AT_BASE_URL`: replaces any profile's base URL, as --base-url does (which wins). */
export const baseUrlVariable = (profileName: string): string => `${profileName.toUpperCase().replaceAll('-', '_')}_BASE_URL`;

const nonEmpty = (value: string | undefined): string | undefined => (value === '' ? undefined : value);

function resolveOrigin(profile: Profile, baseUrl: string | undefined, env: NodeJS.ProcessEnv) {
  const declared = profile.base_url.includes('${') ? undefined : profile.base_url;
  const chosen = baseUrl ?? substituteEnv(profile.base_url, env, 'base_url');
  let url: URL;
  try {
    url = new URL(chosen);
  } catch {
    throw usageError('BAD_BASE_URL', `invalid base URL "${chosen}": expected an absolute http(s) URL such as https://api.example.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError('BAD_BASE_URL', `invalid base URL "${chosen}": only http and https are supported`);
  }
  return { origin: url.origin, profileOrigin: declared ? new URL(declared).origin : undefined };
}

/** A token path lives on the API's origin; with --base-url an absolute token URL moves there too (emulators, proxies). */
function tokenUrl(url: string, origin: string, rebase: boolean): string {
  const absolute = new URL(url, origin);
  return rebase ? new URL(absolute.pathname + absolute.search, origin).href : absolute.href;
}

function resolvePageSize(endpoint: Endpoint, requested: number | undefined): number | undefined {
  const size = endpoint.pagination.page_size;
  if (!size) {
    if (requested !== undefined) throw usageError('BAD_PAGE_SIZE', '--page-size: this endpoint has no page size parameter');
    return undefined;
  }
  if (requested === undefined) return size.default;
  if (size.max !== undefined && requested > size.max) {
    throw usageError('BAD_PAGE_SIZE', `--page-size ${requested} is above the provider's maximum of ${size.max}`);
  }
  return requested;
}

/** The endpoint given, or the profile's default, or its first. */
export const endpointNameOf = (profile: Profile, given?: string): string => given ?? profile.default_endpoint ?? Object.keys(profile.endpoints)[0];
