import { describe, expect, it } from 'vitest';
import { parseExportOptions } from '../src/cli-options.js';
import { PaginateError } from '../src/errors.js';

const fails = (raw: Record<string, unknown>, message: RegExp) => {
  let error: unknown;
  try {
    parseExportOptions('p', undefined, raw);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(PaginateError);
  expect((error as PaginateError).exitCode).toBe(2);
  expect((error as PaginateError).message).toMatch(message);
};

describe('export options', () => {
  it('parses a full command into typed values', () => {
    const command = parseExportOptions('soundcharts', 'artists', {
      filter: ['platform=spotify', 'q=a=b'],
      out: 'a.csv',
      fields: 'id, artist.name',
      concurrency: '8',
      rate: '5000/min',
      pageSize: '50',
      maxItems: '10',
      timeout: '2.5',
    });
    expect(command).toMatchObject({
      filters: [['platform', 'spotify'], ['q', 'a=b']],
      fields: ['id', 'artist.name'],
      concurrency: 8,
      rate: { count: 5000, perMs: 60_000 },
      pageSize: 50,
      maxItems: 10,
      timeoutMs: 2500,
      strategy: 'auto',
    });
  });

  it('rejects each malformed value with what it expected', () => {
    fails({ filter: ['platform'] }, /--filter "platform": expected NAME=VALUE/);
    fails({ filter: ['=x'] }, /expected NAME=VALUE/);
    fails({ format: 'xml' }, /--format "xml": expected one of ndjson, csv/);
    fails({ strategy: 'fast' }, /expected one of auto, sequential, hybrid/);
    fails({ concurrency: '0' }, /--concurrency "0": expected a whole number from 1 to 256/);
    fails({ concurrency: 'many' }, /--concurrency "many"/);
    fails({ pageSize: '-5' }, /--page-size "-5"/);
    fails({ maxItems: '1.5' }, /--max-items "1.5"/);
    fails({ rate: 'fast' }, /--rate "fast": expected a positive rate/);
    fails({ rate: '0/s' }, /--rate "0\/s"/);
    fails({ timeout: '0' }, /--timeout "0"/);
    fails({ fields: 'a,,b' }, /--fields "a,,b"/);
    fails({ quiet: true, verbose: true }, /--quiet and --verbose/);
  });
});
