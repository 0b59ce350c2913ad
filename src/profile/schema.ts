/**
 * The provider profile: one zod schema that validates YAML/JSON profiles at load, is the
 * TypeScript type the engine trusts, and generates profiles/profile.schema.json and
 * docs/profiles.md, so every `.describe()` here is user documentation.
 */
import { z } from '../zod.js';
import { Incremental } from './incremental-schema.js';
import { JsonPath } from './json-path-schema.js';
import { Pagination } from './pagination-schema.js';
import { Location } from './target-schema.js';

export type { Pagination, PageSize } from './pagination-schema.js';
export type { Target } from './target-schema.js';
import { RATE_EXPECTED, RATE_PATTERN } from '../rate-limit/rate.js';

const Scalar = z.union([z.string(), z.number(), z.boolean()]);



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
