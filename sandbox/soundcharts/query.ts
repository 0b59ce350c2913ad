/**
 * A Soundcharts ranking request (query string + JSON body) parsed and validated into the sort and
 * filters that select one ordered view of the catalogue. Invalid input throws BadRequest, which
 * the emulator turns into the API's `{"errors": [{key, code: 400, message}]}`.
 */
import { METRICS, type SoundchartsEndpoint } from './data.js';

export const PERIODS = ['week', 'month', 'quarter'] as const;
const SORT_BYS = ['total', 'change', 'percent'];
const ORDERS = ['asc', 'desc'];

export interface SortSpec {
  platform: string;
  metricType: string;
  period: string;
  sortBy: string;
  order: 'asc' | 'desc';
}

export interface MetricFilter {
  platform: string;
  metricType: string;
  min: number;
  max: number;
}

export interface RankQuery {
  endpoint: SoundchartsEndpoint;
  sort: SortSpec;
  filters: MetricFilter[];
  /** Restricts artists to this nationality (the sandbox's stand-in for country-scope rankings). */
  countryCode?: string;
}

export class BadRequest extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

/** The SDK's default sort when no body is sent: it depends on the ranking's scope. */
export function defaultSort(endpoint: SoundchartsEndpoint, countryCode?: string, cityKey?: string): SortSpec {
  const sort: SortSpec = { platform: 'spotify', metricType: 'followers', period: 'month', sortBy: 'total', order: 'desc' };
  if (endpoint === 'songs') sort.metricType = 'streams';
  else if (cityKey) sort.metricType = 'monthly_listeners';
  else if (countryCode) sort.platform = 'instagram';
  return sort;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function oneOf(key: string, value: unknown, allowed: readonly string[]): string {
  if (typeof value === 'string' && allowed.includes(value)) return value;
  throw new BadRequest(key, `${key} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
}

function metricPair(key: string, endpoint: SoundchartsEndpoint, platform: unknown, metricType: unknown): void {
  if (!METRICS[endpoint].includes(`${String(platform)}/${String(metricType)}`)) {
    throw new BadRequest(key, `Unsupported platform/metricType ${String(platform)}/${String(metricType)}; use one of ${METRICS[endpoint].join(', ')}`);
  }
}

/** Bounds arrive as numbers or numeric strings (Soundcharts' cursor guide sends `"min": "10000"`). */
function bound(key: string, value: unknown, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (Number.isFinite(number)) return number;
  throw new BadRequest(key, `${key} must be a number; got ${JSON.stringify(value)}`);
}

function parseSort(endpoint: SoundchartsEndpoint, raw: unknown, defaults: SortSpec): SortSpec {
  if (raw === undefined) return defaults;
  if (!isObject(raw)) throw new BadRequest('sort', 'sort must be an object');
  const sort = { ...defaults, ...raw } as Record<string, unknown>;
  metricPair('sort', endpoint, sort.platform, sort.metricType);
  return {
    platform: sort.platform as string,
    metricType: sort.metricType as string,
    period: oneOf('sort.period', sort.period, PERIODS),
    sortBy: oneOf('sort.sortBy', sort.sortBy, SORT_BYS),
    order: oneOf('sort.order', sort.order, ORDERS) as SortSpec['order'],
  };
}

function parseFilters(endpoint: SoundchartsEndpoint, raw: unknown, sort: SortSpec): MetricFilter[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new BadRequest('filters', 'filters must be an array');
  return raw.map((filter: unknown, i) => {
    const key = `filters[${i}]`;
    if (!isObject(filter) || filter.type !== 'metric' || !isObject(filter.data)) {
      throw new BadRequest(key, `${key} must be {"type": "metric", "data": {platform, metricType, min, max}}; the sandbox supports metric filters only`);
    }
    const { platform = sort.platform, metricType = sort.metricType, min, max } = filter.data;
    metricPair(`${key}.data`, endpoint, platform, metricType);
    return {
      platform: platform as string,
      metricType: metricType as string,
      min: bound(`${key}.data.min`, min, -Infinity),
      max: bound(`${key}.data.max`, max, Infinity),
    };
  });
}

function parseScope(countryCode?: string | null): string | undefined {
  if (!countryCode) return undefined;
  if (/^[A-Za-z]{2}$/.test(countryCode)) return countryCode.toUpperCase();
  throw new BadRequest('countryCode', `countryCode must be a 2-letter ISO 3166 code; got ${JSON.stringify(countryCode)}`);
}

/** A request's query; `cityKey` only changes the default sort, as the sandbox has no cities. */
export function parseRankQuery(endpoint: SoundchartsEndpoint, rawBody: string, query: URLSearchParams): RankQuery {
  let body: unknown = {};
  if (rawBody.trim() !== '') {
    try {
      body = JSON.parse(rawBody);
    } catch (error) {
      throw new BadRequest('body', `Invalid JSON body: ${(error as Error).message}`);
    }
  }
  if (!isObject(body)) throw new BadRequest('body', 'The body must be a JSON object');
  const countryCode = endpoint === 'artists' ? parseScope(query.get('countryCode')) : undefined;
  const cityKey = endpoint === 'artists' ? (query.get('cityKey') ?? undefined) : undefined;
  const sort = parseSort(endpoint, body.sort, defaultSort(endpoint, countryCode, cityKey));
  return { endpoint, sort, filters: parseFilters(endpoint, body.filters, sort), countryCode };
}

/**
 * `records()` parameters: `platform`, `metricType`, `period`, `sortBy`, `order` fill the sort;
 * `min`/`max` make one metric filter on the sort's metric; `countryCode`, `cityKey` the scope.
 * Without `min` or `max` there is no filter, as with a request that sends no body.
 */
export function paramsQuery(endpoint: SoundchartsEndpoint, params: Record<string, string> = {}): RankQuery {
  const { min, max, countryCode, cityKey, ...sort } = params;
  const body = { sort, filters: min === undefined && max === undefined ? [] : [{ type: 'metric', data: { min, max } }] };
  const query = new URLSearchParams();
  if (countryCode) query.set('countryCode', countryCode);
  if (cityKey) query.set('cityKey', cityKey);
  return parseRankQuery(endpoint, JSON.stringify(body), query);
}
