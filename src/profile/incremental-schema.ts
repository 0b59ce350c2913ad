/**
 * An endpoint's `incremental:` block: how `--incremental` finds the records added since the last
 * run. Pure schema; the logic lives in src/incremental/.
 */
import { z } from '../zod.js';
import { JsonPath } from './json-path-schema.js';

const Location = z.enum(['query', 'body', 'variable', 'header']);

/** `30s`, `10m`, `6h`, `2d`: how far behind the high-water mark a late record is still caught. */
export const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

const Supported = z
  .strictObject({
    field: JsonPath.describe('path to the record field that only grows as records are added, such as created_at or meta.id; the high-water mark is its largest value exported'),
    type: z
      .enum(['timestamp', 'number', 'string'])
      .describe('how field values compare: timestamp (ISO 8601 or "2018/02/27 14:37:10 +0000"), number, or string (sorted by character code, such as zero-padded ids)'),
    key: JsonPath.describe("path to the record's primary key, such as id or urn: records at the boundary are told apart by it, so none is written twice"),
    mode: z
      .enum(['filter', 'newest_first', 'keyset'])
      .describe(
        'how the API narrows to new records. filter: a request parameter keeps records whose field is at least a bound (GitHub since, Stripe created[gte]); ' +
          'newest_first: records come newest first, and the run stops at the first record older than the mark; ' +
          "keyset: an ascending keyset cursor that stays valid, so the next run continues from this run's last cursor",
      ),
    filter: z
      .strictObject({
        in: Location.describe('query parameter, JSON body path, GraphQL variable path or header'),
        name: z.string().min(1).describe('parameter name, or dot path for body/variable'),
        format: z
          .enum(['iso', 'unix', 'unix_ms'])
          .default('iso')
          .describe('timestamps only: send the bound as ISO 8601 text, Unix seconds or Unix milliseconds'),
      })
      .optional()
      .describe('filter mode: where the lower bound (the mark minus the lookback) goes in the request'),
    lookback: z
      .union([z.string().regex(DURATION, 'expected a duration such as 10m, 6h or 2d'), z.number().nonnegative()])
      .optional()
      .describe(
        'how far below the mark each run looks again, to catch records that arrive late with an older value: a duration (10m, 6h, 2d) for timestamps, a number for numbers; none for strings. Default 0',
      ),
    requires: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .describe('filter values the mode depends on, such as {sort: desc} for newest_first; they are sent by default, and --incremental refuses any other value'),
    max_keys: z
      .number()
      .int()
      .positive()
      .default(10_000)
      .describe('most primary keys kept in the state for the lookback window; beyond it the oldest go, the window shrinks and a warning says so'),
  })
  .describe('how to find new records')
  .superRefine((spec, ctx) => {
    if (spec.mode === 'filter' && !spec.filter) ctx.addIssue({ code: 'custom', path: ['filter'], message: 'filter mode needs filter: {in, name} for the lower bound' });
    if (spec.mode !== 'filter' && spec.filter) ctx.addIssue({ code: 'custom', path: ['filter'], message: 'only filter mode sends a lower bound' });
    const lookback = spec.lookback;
    if (lookback === undefined) return;
    if (spec.type === 'string') ctx.addIssue({ code: 'custom', path: ['lookback'], message: 'string fields have no distance to look back by; leave lookback out' });
    else if (spec.type === 'timestamp' && typeof lookback !== 'string') ctx.addIssue({ code: 'custom', path: ['lookback'], message: 'expected a duration such as 10m for a timestamp field' });
    else if (spec.type === 'number' && typeof lookback !== 'number') ctx.addIssue({ code: 'custom', path: ['lookback'], message: 'expected a number for a number field' });
  });

const Unsupported = z
  .strictObject({
    unsupported: z.string().min(1).describe('why this endpoint cannot run incrementally; --incremental prints it and exits with 2'),
  })
  .describe('the API offers no way');

export const Incremental = z
  .union([Supported, Unsupported])
  .describe('lets --incremental export only the records added since the last complete run; or {unsupported: why} where the API offers no way');
export type Incremental = z.infer<typeof Incremental>;
export type IncrementalSpec = z.infer<typeof Supported>;
