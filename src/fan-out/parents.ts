/**
 * Parent records for a fan-out, read as NDJSON from a stream by the `ndjson` package's parser, so a
 * huge parent file is never held in memory and a slow child export slows the reading (the parser
 * is pulled one parent at a time). Each parent comes with its line number and a digest of every
 * parent up to it, which a checkpoint keeps to tell whether a rerun is fed the same parents.
 */
import { createHash } from 'node:crypto';
import type { Readable, Transform } from 'node:stream';
import ndjson from 'ndjson';
import { usageError } from '../errors.js';

export interface Parent {
  /** 0-based position among the parents. */
  index: number;
  /** 1-based line in the input. */
  line: number;
  record: unknown;
  /** sha256 (hex) of the rows of parents 0 to `index`. */
  digest: string;
}

type Row = { line: number; row: string; value: unknown } | { line: number; row: string; bad: true };

/** Before any parent: the digest of no parents. */
export const EMPTY_DIGEST = createHash('sha256').digest('hex');

/**
 * Yields the parents of `input` in order. A line that is not JSON throws a usage error (exit 2)
 * naming it, only once every parent before it has been taken, so nothing before it is lost.
 */
export async function* readParents(input: Readable, source: string): AsyncGenerator<Parent> {
  const parser = ndjson.parse({ strict: false }) as unknown as Transform & { mapper: (row: string) => unknown };
  // split2, the parser's line splitter, maps every line through `mapper`, blank ones included:
  // wrapping it numbers the lines, and keeps a bad line in order instead of dropping it (strict: false)
  // or failing the stream before the parents ahead of it are taken (strict: true).
  const parse = parser.mapper;
  let line = 0;
  parser.mapper = function (this: unknown, row: string): Row | undefined {
    line++;
    if (row.trim() === '') return undefined;
    const value = parse.call(this, row);
    return value === undefined ? { line, row, bad: true } : { line, row, value };
  };
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  const hash = createHash('sha256');
  let index = 0;
  try {
    for await (const item of parser as AsyncIterable<Row>) {
      if ('bad' in item) throw badParent(source, item.line, `is not JSON: ${short(item.row)}`);
      hash.update(`${item.row}\n`);
      yield { index, line: item.line, record: item.value, digest: hash.copy().digest('hex') };
      index++;
    }
  } finally {
    input.unpipe(parser);
    parser.destroy();
  }
}

export const badParent = (source: string, line: number, why: string) =>
  usageError('BAD_PARENT', `${source} line ${line}: the parent ${why}; fix the line and run again (the parents before it are exported and checkpointed)`);

const short = (row: string): string => (row.length > 60 ? `${row.slice(0, 60)}…` : row);
