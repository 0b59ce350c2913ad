import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Checkpoint } from '../../src/checkpoint/checkpoint.js';
import { PaginateError } from '../../src/errors.js';
import type { Position } from '../../src/pagination/types.js';

export const KEY = 'soundcharts-artists-0123456789abcdef';

export const tempRoot = (name: string): string => mkdtempSync(join(tmpdir(), `paginate-${name}-`));

export function checkpointAt(position: Position, emitted = 0, extra: Partial<Checkpoint> = {}): Checkpoint {
  return {
    version: 1,
    key: KEY,
    command: { profile: 'soundcharts', endpoint: 'artists', filters: { country: 'FR' }, format: 'ndjson', output: '/data/a.ndjson' },
    position,
    emitted,
    pages: Math.ceil(emitted / 100),
    outputBytes: emitted * 120,
    updatedAt: '2025-05-01T10:00:00.000Z',
    startedAt: '2025-05-01T09:00:00.000Z',
    ...extra,
  };
}

/** The PaginateError a promise rejects with; fails the test with what happened instead. */
export async function rejection(promise: Promise<unknown>): Promise<PaginateError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error('expected a rejection, the promise resolved');
  if (!(outcome.error instanceof PaginateError)) throw new Error(`expected a PaginateError, got ${String(outcome.error)}`);
  return outcome.error;
}
