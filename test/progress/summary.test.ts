import { mkdtemp, readdir, readFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PaginateError } from '../../src/errors.js';
import { formatSummary, progressParts, writeSummaryJson, type Summary } from '../../src/progress/summary.js';

const summary: Summary = {
  profile: 'soundcharts',
  endpoint: 'artists',
  status: 'complete',
  records: 140830,
  pages: 1409,
  requests: 1411,
  seconds: 312.4,
  recordsPerSecond: 450.8,
  retries: 2,
  throttled: 3,
  waitedSeconds: 4.25,
  output: 'artists.ndjson',
  bytes: 52_428_800,
  resumed: false,
  reasons: [],
};

describe('formatSummary', () => {
  it('puts every count, the output and the state on one line', () => {
    expect(formatSummary(summary)).toBe(
      'paginate: soundcharts artists: 140830 records, 1409 pages, 5m12s (451 records/s), 2 retries, ' +
        '3 × 429 (4.3 s waited), → artists.ndjson (50.0 MB); complete',
    );
  });

  it('says resumed, and why an export may be incomplete', () => {
    expect(formatSummary({ ...summary, resumed: true })).toMatch(/; complete \(resumed\)$/);
    const incomplete = formatSummary({ ...summary, status: 'incomplete', reasons: ['offset cap 10000 reached', 'received 9 of 10'] });
    expect(incomplete).toMatch(/; POSSIBLY INCOMPLETE: offset cap 10000 reached; received 9 of 10$/);
    expect(incomplete).not.toContain('\n');
  });
});

describe('progressParts', () => {
  const snapshot = { records: 59_000, pages: 590, retries: 1, throttled: 2, waitedMs: 1_500, elapsedMs: 60_000 };

  it('shows percent and ETA where the server gave a total', () => {
    expect(progressParts({ ...snapshot, total: 140_830 }, 1_020.4, 80)).toEqual([
      '59000/140830 records (41.8%)',
      '1020 records/s',
      'ETA 1m20s',
      '2 × 429 (1.5 s waited)',
      '1 retries',
      '590 pages',
    ]);
    expect(progressParts({ ...snapshot, total: 140_830 }, 0, undefined)).toContain('ETA ?');
  });

  it('shows neither without a total', () => {
    expect(progressParts(snapshot, 1_020, undefined)).toEqual(['59000 records', '1020 records/s', '2 × 429 (1.5 s waited)', '1 retries', '590 pages']);
  });
});

describe('writeSummaryJson', () => {
  it('writes the summary as JSON, leaving no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'paginate-summary-'));
    const path = join(dir, 'summary.json');
    await writeSummaryJson(path, summary);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(summary);
    expect(await readdir(dir)).toEqual(['summary.json']);
  });

  it('fails with exit 1 and a message naming the path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'paginate-summary-'));
    const missing = join(dir, 'no-such-folder', 'summary.json');
    const error = await writeSummaryJson(missing, summary).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaginateError);
    expect((error as PaginateError).exitCode).toBe(1);
    expect((error as PaginateError).message).toBe(`--summary-json: cannot write ${missing}: output folder ${join(dir, 'no-such-folder')} does not exist`);

    const folder = join(dir, 'a-folder');
    await mkdir(folder);
    await expect(writeSummaryJson(folder, summary)).rejects.toThrow(`cannot write ${folder}`);
    expect(await readdir(dir)).toEqual(['a-folder']);
  });
});
