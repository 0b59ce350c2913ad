import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { END, START, withExportOptionsTable } from '../../src/options/readme-table.js';
import { EXPORT_OPTIONS } from '../../src/options/export-options.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe("README's export options table", () => {
  it('is the one generated from the option table', () => {
    expect(README === withExportOptionsTable(README), 'README.md export options drifted: run `npm run docs`').toBe(true);
  });

  it('has a row for every option, with its default and environment variable', () => {
    const table = README.slice(README.indexOf(START), README.indexOf(END));
    for (const spec of Object.values(EXPORT_OPTIONS)) expect(table).toContain(`| \`${spec.flags}`);
    expect(table).toMatch(/\| `--retries N` \| [^\n]*\(default: 5\)/);
    expect(table).toMatch(/\| `--limiter URL` \| [^\n]*also `PAGINATE_LIMITER`/);
  });

  it('refuses a README without the markers', () => {
    expect(() => withExportOptionsTable('# no table here\n')).toThrow(/markers/);
  });
});
