import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvFormatter } from '../../src/sink/csv.js';

const parseCsv = (text: string): string[][] => parse(text, { relax_column_count: false });

describe('csvFormatter', () => {
  const awkward = [
    {
      id: 1,
      name: 'Comma, "quoted" name',
      bio: 'line one\nline two\r\nline three\rend',
      city: 'Zürich 🎵 東京',
      lead: '  leading and trailing  ',
      empty: '',
      none: null,
      yes: true,
      no: false,
      float: 0.1,
      big: 1e21,
      negative: -12.5,
      nested: { a: { b: 'deep' } },
      tags: ['x', 'y,z'],
      marker: '\\.',
    },
  ];
  const fields = ['id', 'name', 'bio', 'city', 'lead', 'empty', 'none', 'missing', 'yes', 'no', 'float', 'big', 'negative', 'nested.a.b', 'nested', 'tags', 'marker'];

  it('round-trips awkward values through csv-parse, cell by cell', () => {
    const text = csvFormatter(fields).format(awkward);
    expect(parseCsv(text)).toEqual([
      fields,
      [
        '1',
        'Comma, "quoted" name',
        'line one\nline two\r\nline three\rend',
        'Zürich 🎵 東京',
        '  leading and trailing  ',
        '',
        '',
        '',
        'true',
        'false',
        '0.1',
        '1e+21',
        '-12.5',
        'deep',
        '{"a":{"b":"deep"}}',
        '["x","y,z"]',
        '\\.',
      ],
    ]);
  });

  it('quotes only where needed, keeping an empty string ("") apart from null (nothing)', () => {
    const text = csvFormatter(['empty', 'none', 'missing', 'plain', 'lead', 'marker', 'dot']).format([
      { empty: '', none: null, plain: 'abc', lead: ' x', marker: '\\.', dot: 'a\\.b' },
    ]);
    expect(text).toBe('empty,none,missing,plain,lead,marker,dot\n"",,,abc," x","\\.",a\\.b\n');
  });

  it('uses LF line ends and writes the header once', () => {
    const formatter = csvFormatter(['id']);
    expect(formatter.format([{ id: 1 }])).toBe('id\n1\n');
    expect(formatter.format([{ id: 2 }])).toBe('2\n');
  });

  it('quotes awkward column names in the header', () => {
    expect(csvFormatter(['a,b', 'c']).format([])).toBe('"a,b",c\n');
  });

  it('derives columns from the first page with records and drops keys seen only later', () => {
    const formatter = csvFormatter();
    expect(formatter.format([])).toBe('');
    expect(formatter.columns).toBeUndefined();
    const first = formatter.format([{ id: 1, artist: { name: 'a' } }, { id: 2, extra: [1] }]);
    expect(formatter.columns).toEqual(['id', 'artist.name', 'extra']);
    expect(first).toBe('id,artist.name,extra\n1,a,\n2,,[1]\n');
    expect(formatter.format([{ id: 3, late: 'dropped', artist: { name: 'c' } }])).toBe('3,c,\n');
  });

  it('does not write the header again on resume', () => {
    expect(csvFormatter(['id', 'name'], { headerWritten: true }).format([{ id: 1, name: 'x' }])).toBe('1,x\n');
  });

  it('refuses records that have no fields', () => {
    expect(() => csvFormatter().format(['just a string'])).toThrow(
      expect.objectContaining({ name: 'PaginateError', code: 'CSV_NO_COLUMNS', exitCode: 1 }),
    );
  });

  it('parses back to the same cells for arbitrary string records (property)', () => {
    const unit = fc.oneof(
      fc.constantFrom(',', '"', '\r', '\n', '\r\n', ' ', '\t', '\\', '.', 'é', '🎵'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    const columns = ['c0', 'c1', 'c2'];
    const rows = fc.array(fc.tuple(fc.string({ unit }), fc.string({ unit }), fc.string({ unit })), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(rows, (cells) => {
        const records = cells.map((row) => Object.fromEntries(row.map((value, i) => [columns[i], value])));
        expect(parseCsv(csvFormatter(columns).format(records))).toEqual([columns, ...cells]);
      }),
      { numRuns: 300 },
    );
  });
});
