/**
 * The provider profile: one zod schema that validates YAML/JSON profiles at load, is the
 * TypeScript type the engine trusts, and generates profiles/profile.schema.json for editors.
 */
import { z } from 'zod';
import { Incremental } from './incremental-schema.js';

/** A dot path into a JSON value: `items`, `page.cursor`, `_embedded.artists`, `filters.0.data.min`. */
const JsonPath = z.string().regex(/^[^.\s]+(\.[^.\s]+)*$/, 'expected a dot path such as page.cursor');

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

/** Where a value goes in the request. */
const Location = z.enum(['query', 'body', 'variable', 'path', 'header']);

const Target = z.strictObject({
  in: Location.describe('query parameter, JSON body path, GraphQL variable path, {placeholder} in the path, or header'),
  name: z.string().min(1).describe('parameter name, or dot path for body/variable'),
});
export type Target = z.infer<typeof Target>;

const Filter = z
  .strictObject({
    description: z.string().optional(),
    type: z.enum(['string', 'integer', 'number', 'boolean']).default('string'),
    enum: z.array(z.string()).min(1).optional().describe('the only accepted values'),
    min: z.number().optional(),
    max: z.number().optional(),
    pattern: z.string().optional().describe('a regular expression a string value must match'),
    default: Scalar.optional().describe('sent when the user gives no value'),
    required: z.boolean().default(false),
    in: Location,
    name: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .describe('parameter name or dot path; a list writes the value to each'),
  })
  .describe('a --filter NAME=VALUE the endpoint accepts');
export type Filter = z.infer<typeof Filter>;

const PageSize = z.strictObject({
  in: Location,
  name: z.string().min(1),
  default: z.number().int().positive().describe('page size sent when --page-size is not given'),
  max: z.number().int().positive().describe("the provider's maximum page size"),
});
export type PageSize = z.infer<typeof PageSize>;

const common = {
  page_size: PageSize.optional(),
  total: JsonPath.optional().describe('where the response reports the total number of records'),
};

const CursorPagination = z.strictObject({
  kind: z.literal('cursor'),
  ...common,
  cursor: JsonPath.describe('where the next cursor is in the response body'),
  param: Target.describe('where the cursor goes in the next request'),
  refreshed: JsonPath.optional().describe('a boolean that says the cursor expired and was replaced'),
});

const NextUrlPagination = z.strictObject({
  kind: z.literal('next_url'),
  ...common,
  next: JsonPath.describe('where the absolute next-page URL is in the response body'),
});

const LinkHeaderPagination = z.strictObject({
  kind: z.literal('link_header'),
  ...common,
  rel: z.string().default('next'),
});

const OffsetPagination = z.strictObject({
  kind: z.literal('offset'),
  ...common,
  page_size: PageSize,
  param: Target.describe('where the offset goes'),
  start: z.number().int().nonnegative().default(0),
});

const PagePagination = z.strictObject({
  kind: z.literal('page'),
  ...common,
  page_size: PageSize,
  param: Target.describe('where the page number goes'),
  start: z.number().int().nonnegative().default(1),
});

const HybridPagination = z.strictObject({
  kind: z.literal('hybrid'),
  ...common,
  page_size: PageSize,
  offset: Target.describe('where the offset inside the window goes'),
  cursor: JsonPath.describe("where the cursor that re-bases the next window is in a page's body"),
  param: Target.describe('where the window cursor goes'),
  window: z.number().int().positive().describe('how far offsets reach, e.g. 50000'),
});

const Pagination = z.discriminatedUnion('kind', [
  CursorPagination,
  NextUrlPagination,
  LinkHeaderPagination,
  OffsetPagination,
  PagePagination,
  HybridPagination,
]);
export type Pagination = z.infer<typeof Pagination>;

const Endpoint = z.strictObject({
  description: z.string().optional(),
  method: z.enum(['GET', 'POST']).default('GET'),
  path: z.string().regex(/^\//, 'expected a path starting with /'),
  query: z.record(z.string(), Scalar).default({}).describe('fixed query parameters'),
  body: z.record(z.string(), z.unknown()).optional().describe('fixed JSON body'),
  graphql: z
    .strictObject({ query: z.string().min(1), variables: z.record(z.string(), z.unknown()).default({}) })
    .optional()
    .describe('sent as the JSON body {query, variables}'),
  read_only: z.boolean().optional().describe('a POST that only reads, so it is safe to retry; default true for GET and GraphQL'),
  records: JsonPath.describe('where the page of records is in the response body'),
  errors: JsonPath.optional().describe('an array in the body that, when not empty, means the request failed'),
  filters: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a kebab-case name'), Filter).default({}),
  pagination: Pagination,
  incremental: Incremental.optional(),
});
export type Endpoint = z.infer<typeof Endpoint>;

/** Credentials come from the environment: a literal secret in a profile file is refused. */
const FromEnv = z.string().regex(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/, 'expected a value that reads the environment, such as "Bearer ${MY_API_TOKEN}" (never a literal secret)');

const HeaderAuth = z.strictObject({
  headers: z.record(z.string(), FromEnv).describe('header values; ${NAME} reads environment variable NAME'),
});

const TokenAuth = z.strictObject({
  token: z.strictObject({
    url: z.string().min(1).describe('absolute URL, or a path on the base URL'),
    form: z.record(z.string(), z.string()).optional().describe('form fields; ${NAME} reads the environment'),
    json: z.record(z.string(), z.string()).optional().describe('JSON fields; ${NAME} reads the environment'),
    basic: z.strictObject({ username: z.string(), password: z.string() }).optional(),
    token_path: JsonPath.describe('where the token is in the reply'),
    header: z.string().min(1).describe('the header that carries the token'),
    scheme: z.string().optional().describe('prefix such as Bearer or OAuth'),
  }),
});

const RateLimit = z
  .string()
  .regex(/^\d+(\.\d+)?\/(s|sec|second|min|minute|h|hour)$/, 'expected a rate such as 5000/min or 5/s');

export const Profile = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a kebab-case name'),
  description: z.string().optional(),
  base_url: z
    .string()
    .refine((value) => /\$\{[A-Za-z_][A-Za-z0-9_]*\}/.test(value) || /^https?:\/\/[^/\s]+\/?$/.test(value), 'expected an http(s) origin such as https://api.example.com, or ${NAME}')
    .describe('an origin such as https://api.artsy.net, or ${NAME}'),
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
  default_endpoint: z.string().optional(),
  endpoints: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a kebab-case name'), Endpoint),
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
  }
});
export type Profile = z.infer<typeof Profile>;
export type AuthMethod = Profile['auth'][number];
