/**
 * Podchaser emulator: `POST /graphql` with `{query, variables, operationName}` and a bearer token.
 * Every authenticated response carries the points headers; a query that would overspend the
 * points budget is an HTTP 400 and is not run (https://api-docs.podchaser.com/docs/api/query-cost/).
 * Other errors (syntax, unknown fields or arguments, an enum value such as sortBy: TITLE that
 * PodcastSortType lacks, first above 100) are GraphQL errors: HTTP 200 with an `errors` array,
 * as Lighthouse (graphql-php, which Podchaser appears to run) answers them and as the
 * GraphQL-over-HTTP spec prescribes for `application/json` responses. Clients must read `errors`
 * even on a 200.
 */
import { GraphQLError } from '../graphql/error.js';
import { validateSelection } from '../graphql/selection.js';
import { generatePodcasts, type PodcastEntry } from './data.js';
import { keyOf, parseDocument, resolveValue, type OperationNode } from '../graphql/parser.js';
import { createOrders, SORT_BY, type SortBy } from './order.js';
import { planPodcasts, type Plan, type QueryContext } from './query.js';
import { QUERY } from './schema.js';
import { createSnapshots } from './snapshots.js';
import { createEpisodes } from './episodes.js';
import type { Emulator, EmulatorOptions, SandboxRequest, SandboxResponse } from '../server/types.js';

export interface PodchaserOptions {
  /** How long a cursor's snapshot outlives the last request that used it. @default 60_000 */
  cursorTtlMs?: number;
  /** Query points the key may spend before queries are refused with a 400. @default 100_000_000 */
  pointsBudget?: number;
  /** Records skipped when an expired cursor continues on a fresh snapshot. @default 0 */
  refreshSkip?: number;
}

const ENV = { PODCHASER_API_TOKEN: 'sandbox-token' };
const errors = (message: string) => ({ errors: [{ message }], data: null });
const UNAUTHENTICATED: SandboxResponse = { status: 401, body: { errors: [{ message: 'Unauthenticated.' }] } };

/** The operation to run: the one named `operationName`, or the only one. */
function operationOf(operations: OperationNode[], operationName: unknown): OperationNode {
  const named = typeof operationName === 'string';
  const found = named ? operations.find((operation) => operation.name === operationName) : operations[0];
  if (!found) throw new GraphQLError(`Unknown operation named "${String(operationName)}".`);
  if (!named && operations.length > 1) {
    throw new GraphQLError('Must provide operation name if query contains multiple operations.');
  }
  if (found.operation !== 'query') {
    throw new GraphQLError(`${found.operation} operations are not supported by the Podchaser sandbox.`);
  }
  return found;
}

/** Declared variables with the value sent, else the default; unset ones resolve to undefined. */
function variablesOf(operation: OperationNode, sent: unknown): Map<string, unknown> {
  const values = typeof sent === 'object' && sent !== null ? (sent as Record<string, unknown>) : {};
  const resolved = new Map<string, unknown>();
  for (const [name, fallback] of operation.variables) {
    resolved.set(name, name in values ? values[name] : fallback && resolveValue(fallback, new Map()));
  }
  return resolved;
}

/** A plan per root field (`podcasts` or `podcast`, possibly aliased, or `__typename`), validated and costed. */
function planQuery(body: Record<string, unknown>, context: QueryContext, episodes: ReturnType<typeof createEpisodes>): [string, Plan][] {
  const operation = operationOf(parseDocument(String(body.query)), body.operationName);
  validateSelection(operation.selections, QUERY);
  const variables = variablesOf(operation, body.variables);
  return operation.selections.map((field) => [
    keyOf(field),
    field.name === '__typename'
      ? { cost: 0, run: () => 'Query' }
      : field.name === 'podcast'
        ? episodes.plan(field, variables, context)
        : planPodcasts(field, variables, context),
  ]);
}

export function createPodchaserEmulator(options: EmulatorOptions & PodchaserOptions = {}): Emulator {
  const seed = options.seed ?? 1;
  let entries: PodcastEntry[] | undefined;
  const podcasts = (): PodcastEntry[] => (entries ??= generatePodcasts(seed, options.size ?? 2500));
  const orders = createOrders(podcasts);
  const episodes = createEpisodes(podcasts);
  const context: QueryContext = {
    orders,
    snapshots: createSnapshots(options.cursorTtlMs ?? 60_000, options.now ?? Date.now, seed + 17),
    total: () => podcasts().length,
    refreshSkip: options.refreshSkip ?? 0,
  };
  let remaining = options.pointsBudget ?? 100_000_000;
  const reply = (status: number, body: unknown, cost = 0): SandboxResponse => ({
    status,
    headers: { 'x-podchaser-points-remaining': String(remaining), 'x-podchaser-query-cost': String(cost) },
    body,
  });

  function execute(request: SandboxRequest): SandboxResponse {
    let body: Record<string, unknown> | null;
    try {
      body = JSON.parse(request.rawBody) as Record<string, unknown> | null;
    } catch {
      return reply(400, errors('The request body must be JSON: {"query": "…", "variables": {…}}.'));
    }
    if (typeof body?.query !== 'string') return reply(400, errors('The request body has no "query" string.'));
    let plans: [string, Plan][];
    try {
      plans = planQuery(body, context, episodes);
    } catch (error) {
      if (error instanceof GraphQLError) return reply(200, errors(error.message));
      throw error;
    }
    const cost = plans.reduce((sum, [, plan]) => sum + plan.cost, 0);
    if (cost > remaining) {
      const message = `Points budget exhausted: this query costs ${cost} points and ${remaining} remain.`;
      return reply(400, errors(message), cost);
    }
    remaining -= cost;
    try {
      return reply(200, { data: Object.fromEntries(plans.map(([key, plan]) => [key, plan.run()])) }, cost);
    } catch (error) {
      // A field that fails as it runs (an unknown podcast) is null, with the error beside the data.
      if (error instanceof GraphQLError) return reply(200, { errors: [{ message: error.message, path: plans.map(([key]) => key).slice(0, 1) }], data: null }, cost);
      throw error;
    }
  }

  return {
    name: 'podchaser',
    env: ENV,
    rateLimit: {
      limit: options.rateLimitPerMinute ?? 300,
      windowMs: 60_000,
      // Podchaser runs on Laravel, whose throttle counts per fixed minute.
      window: 'fixed',
      reply: (retryAfterMs) => {
        const response = reply(429, errors('Too Many Attempts.'));
        response.headers!['retry-after'] = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
        return response;
      },
    },
    latencyMs: 100,
    handle(request) {
      if (request.path !== '/graphql') return { status: 404, body: errors('Not Found') };
      if (request.method !== 'POST') return { status: 405, body: errors(`${request.method} is not supported; POST.`) };
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (token !== ENV.PODCHASER_API_TOKEN) return UNAUTHENTICATED;
      return execute(request);
    },
    records(endpoint, params = {}) {
      if (endpoint === 'episodes') return episodes.all(params.podcast ?? '', params.sortBy as never, params.direction);
      if (endpoint !== 'podcasts') throw new Error(`podchaser has no endpoint "${endpoint}"; try podcasts or episodes`);
      const sortBy = (params.sortBy ?? 'FOLLOWER_COUNT') as SortBy;
      const direction = params.direction ?? 'DESCENDING';
      if (!(sortBy in SORT_BY) || (direction !== 'ASCENDING' && direction !== 'DESCENDING')) {
        throw new Error(`podchaser: unknown sort ${sortBy} ${direction}`);
      }
      const records = orders.list(sortBy, direction).map((entry) => entry.record);
      if (params.fields === undefined) return records;
      // The client picks fields in its query; `fields` mirrors that selection, in its order.
      const fields = params.fields.split(',').map((field) => field.trim());
      return records.map((record) => Object.fromEntries(fields.map((field) => [field, record[field]])));
    },
  };
}
