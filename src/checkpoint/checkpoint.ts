/**
 * What a checkpoint holds. Validated when read (a truncated or hand-edited file is reported, never
 * trusted) and before it is written (a NaN would be written as null and read back as corrupt).
 */
import { z } from '../zod.js';
import { usageError } from '../errors.js';
import type { Position } from '../pagination/types.js';
import type { FanOutState } from '../fan-out/state.js';
import { WrittenSchema } from '../incremental/state-file.js';

const Count = z.number().int().nonnegative();

const PositionSchema = z.strictObject({
  cursor: z.string().nullable().optional(),
  url: z.string().optional(),
  offset: Count.optional(),
  page: Count.optional(),
});
// Fails the build when Position gains a field this schema does not know, which would otherwise
// make every resume report its checkpoint as corrupt.
type AssertNever<T extends never> = T;
type PositionFieldsCovered = AssertNever<Exclude<keyof Position, keyof z.infer<typeof PositionSchema>>>;
type FanOutFieldsCovered = AssertNever<Exclude<keyof FanOutState, keyof NonNullable<Checkpoint['fanOut']>>>;

const CheckpointSchema = z.strictObject({
  version: z.literal(1, { error: 'written by another version of paginate' }),
  /** The store's key; a file under another key's name is not this export's. */
  key: z.string().min(1),
  /** The command, for humans reading the file. */
  command: z.strictObject({
    profile: z.string(),
    endpoint: z.string(),
    filters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    format: z.string(),
    fields: z.array(z.string()).optional(),
    /** Absolute path; absent for stdout. */
    output: z.string().optional(),
  }),
  /** Where to continue. */
  position: PositionSchema,
  /** Records written before `position`. */
  emitted: Count,
  pages: Count,
  /** Durable byte length of the output file (file output only): a resume cuts the file back to it. */
  outputBytes: Count.optional(),
  /** CSV columns derived from the first page, so a resumed CSV keeps them. */
  columns: z.array(z.string()).optional(),
  headerWritten: z.boolean().optional(),
  /** Reasons already recorded (a refreshed cursor), so a resumed run still exits 3. */
  incomplete: z.array(z.string()).optional(),
  total: Count.optional(),
  /** Fan-out (--each): the parent to continue with, its child's position, a digest of the parents read. */
  fanOut: z
    .strictObject({
      parent: Count,
      child: z.strictObject({ position: PositionSchema, emitted: Count, total: Count.optional() }).optional(),
      digest: z.string().regex(/^[0-9a-f]{64}$/),
      notFound: Count,
      short: Count,
    })
    .optional(),
  /** An incremental run's progress: the mark and keys of what it wrote before this position. */
  incremental: WrittenSchema.optional(),
  updatedAt: z.iso.datetime(),
  startedAt: z.iso.datetime(),
});

export type Checkpoint = z.infer<typeof CheckpointSchema>;

/** Exit 2, never a silent restart from page 1: the user decides whether to start over. */
export const unreadableCheckpoint = (path: string, why: string, cause?: unknown) =>
  usageError('CHECKPOINT_CORRUPT', `checkpoint ${path} is unreadable (${why}); run again with --restart to start over`, cause);

export function parseCheckpoint(text: string, path: string): Checkpoint {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw unreadableCheckpoint(path, `not JSON: ${(error as Error).message}`, error);
  }
  const result = CheckpointSchema.safeParse(data);
  if (!result.success) throw unreadableCheckpoint(path, describe(result.error), result.error);
  return result.data;
}

/** Pretty-printed: the file is also for humans. Throws a plain Error (a bug) on an invalid checkpoint. */
export function serializeCheckpoint(checkpoint: Checkpoint): string {
  const result = CheckpointSchema.safeParse(checkpoint);
  if (!result.success) throw new Error(`paginate built an invalid checkpoint (${describe(result.error)})`, { cause: result.error });
  return `${JSON.stringify(result.data, null, 2)}\n`;
}

function describe(error: z.ZodError): string {
  const [issue] = error.issues;
  return `${issue.path.map(String).join('.') || 'top level'}: ${issue.message}`;
}
