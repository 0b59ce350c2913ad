/**
 * The provider profile: one zod schema that validates YAML/JSON profiles at load, is the
 * TypeScript type the engine trusts, and generates profiles/profile.schema.json and
 * docs/profiles.md, so every `.describe()` here is user documentation.
 */
import { z } from 'zod';
import { Incremental } from './incremental-schema.js';
import { JsonPath } from './json-path-schema.js';
import { RATE_EXPECTED, RATE_PATTERN } from '../rate-limit/rate.js';

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

/** Where a value goes in the request. */
const Location = z.enum(['query', 'body', 'variable', 'path', 'header']);

const Target = z
  .strictObject({
    in: Location.describe('query parameter, JSON body path, GraphQL variable path, {placeholder} in the path, or header'),
    name: z.string().min(1).describe('parameter name, or dot path for body/variable'),
  })
  .describe('where a value goes in the request');
export type Target = z.infer<typeof Target>;

const Filter = z
  .strictObject({
    description: z.string().optional().describe('shown by profiles show'),
    type: z.enum(['string', 'integer', 'number', 'boolean']).default('string').describe('the value is checked against it before any request'),
    enum: z.array(z.string()).min(1).optional().describe('the only accepted values'),
    min: z.number().optional().describe('the smallest number accepted'),
    max: z.number().optional().describe('the largest number accepted'),
    pattern: z.string().optional().describe('a regular expression a string value must match'),
    default: Scalar.optional().describe('sent when the user gives no value'),
    required: z.boolean().default(false).describe('the export refuses to start without it'),
    in: Location.describe('where the value goes'),
    name: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .describe('parameter name or dot path; a list writes the value to each'),
  })
  .describe('a --filter NAME=VALUE the endpoint accepts');
export type Filter = z.infer<typeof Filter>;

const PageSize = z
  .strictObject({
    in: Location.describe('query parameter, JSON body path or GraphQL variable'),
    name: z.string().min(1).describe('the page size parameter, such as limit, per_page or first'),
    default: z.number().int().positive().describe('page size sent when --page-size is not given'),
    max: z.number().int().positive().optional().describe("the provider's maximum page size; a larger --page-size is refused. Leave out where the API has none"),
  })
  .describe('where the page size goes; sent on every request, the first included');
export type PageSize = z.infer<typeof PageSize>;

const common = {
  page_size: PageSize.optional(),
  cursor_rejected: z
    .string()
    .default('cursor')
    .refine((pattern) => {
      try {
        new RegExp(pattern, 'i');
        return true;
      } catch {
        return false;
      }
    }, 'expected a regular expression')
    .describe("a regular expression (case-insensitive) over the API's error message: a 400, 410 or body error that matches it on a request carrying a position the server issued means the server refused that position (expired, invalidated); the export keeps what it has and ends with exit 3"),
  total: JsonPath.optional().describe('where the body reports the total number of records, such as page.total; shown in progress and --dry-run, and fewer records than the total ends with exit 3'),
  total_header: z
    .string()
    .min(1)
    .optional()
    .describe('a response header with the total instead: a number (X-Total-Count: 2500) or a Content-Range (items 0-99/2500)'),
};

/** Stop rules of the kinds that walk one page after another. */
const stops = {
  has_more: JsonPath.optional().describe("a boolean in the body that is false on the last page (Stripe's has_more, GraphQL's pageInfo.hasNextPage): no request is sent after it"),
  stop_at_total: z.boolean().default(true).describe('stop once the records received reach the total (total or total_header)'),
};

const shortPage = (byDefault: boolean) =>
  z
    .boolean()
    .default(byDefault)
    .describe('a page with fewer records than the page size is the last one');

const CursorPagination = z
  .strictObject({
    kind: z.literal('cursor'),
    ...common,
    ...stops,
    stop_on_short_page: shortPage(false),
    cursor: JsonPath.describe('where the next cursor is: a path in the response body, or in the last record with cursor_from: last_record; a missing or empty cursor, or an empty page, ends the export'),
    cursor_from: z
      .enum(['body', 'last_record'])
      .default('body')
      .describe('last_record: the cursor is a field of the page\'s last record, as in starting_after=<last id> (Stripe) or since_id APIs'),
    param: Target.describe('where the cursor goes in the next request; the first request goes without it'),
    refreshed: JsonPath.optional().describe('a boolean that says the cursor expired and was replaced: the export finishes with exit 3, since it may not be exhaustive'),
  })
  .describe('a cursor from each page is sent back in the next request');

const NextUrlPagination = z
  .strictObject({
    kind: z.literal('next_url'),
    ...common,
    ...stops,
    stop_on_short_page: shortPage(false),
    next: JsonPath.describe('where the next-page URL is in the response body (absolute, or relative to the page); its absence ends the export'),
  })
  .describe('the body links to the next page, followed as given on the same origin; short and even empty pages are followed while a link is there (SoundCloud)');

const LinkHeaderPagination = z
  .strictObject({
    kind: z.literal('link_header'),
    ...common,
    ...stops,
    stop_on_short_page: shortPage(false),
    rel: z.string().default('next').describe('the link relation of the next page'),
  })
  .describe("an RFC 8288 Link response header links to the next page (GitHub's REST API, json-server); its absence ends the export");

const OffsetPagination = z
  .strictObject({
    kind: z.literal('offset'),
    ...common,
    ...stops,
    stop_on_short_page: shortPage(true),
    page_size: PageSize,
    param: Target.describe('where the offset goes'),
    start: z.number().int().nonnegative().default(0).describe('the offset of the first request'),
  })
  .describe('an offset that grows by the page size; an empty page ends the export');

const PagePagination = z
  .strictObject({
    kind: z.literal('page'),
    ...common,
    ...stops,
    stop_on_short_page: shortPage(true),
    page_size: PageSize,
    param: Target.describe('where the page number goes'),
    start: z.number().int().nonnegative().default(1).describe('the page number of the first request'),
  })
  .describe('a page number that grows by one; an empty page ends the export');

const HybridPagination = z
  .strictObject({
    kind: z.literal('hybrid'),
    ...common,
    page_size: PageSize,
    offset: Target.describe('where the offset inside the window goes'),
    cursor: JsonPath.describe("where the cursor that re-bases the next window is in a page's body"),
    param: Target.describe('where the window cursor goes'),
    window: z.number().int().positive().describe('how far offsets reach, e.g. 50000'),
  })
  .describe('offsets fetched in parallel inside a window, then a keyset cursor from the window\'s last page starts the next window at offset 0 (Soundcharts); a short page or the total ends the export');

const Pagination = z.discriminatedUnion('kind', [
  CursorPagination,
  NextUrlPagination,
  LinkHeaderPagination,
  OffsetPagination,
  PagePagination,
  HybridPagination,
]);
export type Pagination = z.infer<typeof Pagination>;

const Endpoint = z
  .strictObject({
    description: z.string().optional().describe('one line shown by profiles show'),
    method: z.enum(['GET', 'POST']).default('GET').describe('POST for APIs that take the query as a JSON body (and for graphql, implied)'),
    path: z.string().regex(/^\//, 'expected a path starting with /').describe('the path on the base URL; {name} placeholders are filled by filters with in: path').meta({ examples: ['/v1/customers', '/repos/{owner}/{repo}/issues'] }),
    query: z.record(z.string(), Scalar).default({}).describe('fixed query parameters of the first request (next_url and link_header then follow the server\'s URL as given), such as {_page: 1} for an API that sends a Link header only when asked for pages'),
    body: z.record(z.string(), z.unknown()).optional().describe('fixed JSON body, sent with every request'),
    graphql: z
      .strictObject({
        query: z.string().min(1).describe('the GraphQL document'),
        variables: z.record(z.string(), z.unknown()).default({}).describe('fixed variables; filters, the page size and the cursor are added to them'),
      })
      .optional()
      .describe('sent as the JSON body {query, variables} with POST'),
    read_only: z.boolean().optional().describe('a POST that only reads, so it is safe to retry; default true for GET and GraphQL'),
    records: JsonPath.describe('where the records are: a path to one array (items, data.podcasts.data, $ for a body that is itself the array), or a path with wildcards whose every match is a record ($[*], data.repository.issues.edges[*].node). A response without it is a profile mistake: exit 1 at once'),
    errors: JsonPath.optional().describe('an array in the body that, when not empty, means the request failed (GraphQL errors)'),
    filters: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a kebab-case name'), Filter).default({}).describe('the --filter NAME=VALUE options of this endpoint'),
    pagination: Pagination,
    incremental: Incremental.optional(),
  })
  .describe('one exportable collection');
export type Endpoint = z.infer<typeof Endpoint>;

/** Credentials come from the environment: a literal secret in a profile file is refused. */
const FromEnv = z.string().regex(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/, 'expected a value that reads the environment, such as "Bearer ${MY_API_TOKEN}" (never a literal secret)');

const HeaderAuth = z
  .strictObject({
    headers: z.record(z.string(), FromEnv).describe('header values; ${NAME} reads environment variable NAME').meta({ examples: [{ Authorization: 'Bearer ${GITHUB_TOKEN}' }] }),
  })
  .describe('fixed headers from the environment, sent only to the base URL\'s origin');

const TokenAuth = z
  .strictObject({
  token: z.strictObject({
    url: z.string().min(1).describe('absolute URL, or a path on the base URL'),
    form: z.record(z.string(), z.string()).optional().describe('form fields; ${NAME} reads the environment'),
    json: z.record(z.string(), z.string()).optional().describe('JSON fields; ${NAME} reads the environment'),
    basic: z.strictObject({ username: z.string().describe('such as ${CLIENT_ID}'), password: z.string().describe('such as ${CLIENT_SECRET}') }).optional().describe('HTTP Basic credentials for the token request; ${NAME} reads the environment'),
    token_path: JsonPath.describe('where the token is in the reply, such as access_token'),
    header: z.string().min(1).describe('the header that carries the token, such as Authorization'),
    scheme: z.string().optional().describe('prefix such as Bearer or OAuth'),
  }).describe('a token endpoint (OAuth client credentials, Artsy XAPP): asked once, and again after a 401'),
  })
  .describe('a token fetched before the first request');

const RateLimit = z
  .string()
  .regex(RATE_PATTERN, RATE_EXPECTED)
  .describe("the provider's request rate limit, such as 5000/min or 5/s; --rate overrides it");

export const Profile = z.strictObject({
  $schema: z.string().optional().describe('the JSON Schema for editors: `paginate profiles schema --path` prints where it is installed'),
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a kebab-case name').describe('the name given to paginate export'),
  description: z.string().optional().describe('one line shown by profiles list'),
  base_url: z
    .string()
    .refine((value) => /\$\{[A-Za-z_][A-Za-z0-9_]*\}/.test(value) || /^https?:\/\/[^/\s]+\/?$/.test(value), 'expected an http(s) origin such as https://api.example.com, or ${NAME}')
    .describe('an origin such as https://api.artsy.net, or ${NAME}; the environment variable <NAME>_BASE_URL (STARTING_AT_BASE_URL for a profile named starting-at) or --base-url replaces it'),
  auth: z.array(z.union([HeaderAuth, TokenAuth])).default([]).describe('alternatives: the first whose variables are all set is used'),
  rate_limit: RateLimit.optional(),
  concurrency: z.number().int().positive().default(4).describe('parallel requests where the strategy allows'),
  rate_limit_headers: z
    .strictObject({
      remaining: z.string().optional().describe('requests left in the current window'),
      reset: z.string().optional().describe('seconds until the window resets (or a Unix time)'),
      quota: z.string().optional().describe('a long-term quota counter: a 429 while it is 0 is fatal, not a throttle'),
    })
    .optional()
    .describe('response headers that report the remaining request budget'),
  default_endpoint: z.string().optional().describe('the endpoint exported when none is named; the first one by default'),
  endpoints: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a kebab-case name'), Endpoint).describe('the collections this API exports, by kebab-case name'),
}).superRefine((profile, ctx) => {
  const names = Object.keys(profile.endpoints);
  if (names.length === 0) ctx.addIssue({ code: 'custom', path: ['endpoints'], message: 'expected at least one endpoint' });
  if (profile.default_endpoint !== undefined && !names.includes(profile.default_endpoint)) {
    ctx.addIssue({ code: 'custom', path: ['default_endpoint'], message: `expected one of ${names.join(', ')}` });
  }
  for (const [name, endpoint] of Object.entries(profile.endpoints)) {
    if (endpoint.body && endpoint.graphql) {
      ctx.addIssue({ code: 'custom', path: ['endpoints', name, 'graphql'], message: 'expected either body or graphql, not both' });
    }
    if (endpoint.pagination.total !== undefined && endpoint.pagination.total_header !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['endpoints', name, 'pagination', 'total_header'], message: 'expected either total or total_header, not both' });
    }
  }
});
export type Profile = z.infer<typeof Profile>;
export type AuthMethod = Profile['auth'][number];
