/**
 * The `pagination:` block of an endpoint: one schema per kind, chosen by `kind`, with the stop
 * rules and totals they share. Every `.describe()` is user documentation (docs/profiles.md).
 */
import { z } from '../zod.js';
import { JsonPath } from './json-path-schema.js';
import { Location, Target } from './target-schema.js';

export const PageSize = z
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
    total_pages: JsonPath.optional().describe("where the body says how many pages there are (Laravel's last_page, total_pages): no page is asked for after the last one"),
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

export const Pagination = z.discriminatedUnion('kind', [
  CursorPagination,
  NextUrlPagination,
  LinkHeaderPagination,
  OffsetPagination,
  PagePagination,
  HybridPagination,
]);
export type Pagination = z.infer<typeof Pagination>;
