// Formats the same pages of CSV rows with csv-stringify (configured to our dialect) and with the
// sink's own formatter (src/sink/csv.ts), checks both give identical text, and prints the ratio.
// The one-page-per-call pattern is the sink's: the engine formats each page of ~100 records.
//   node bench/csv-format.js [pages=2000] [rounds=7]
import { stringify } from 'csv-stringify/sync';
import { csvFormatter } from '../dist/src/sink/csv.js';

const pages = Number(process.argv[2] ?? 2000);
const rounds = Number(process.argv[3] ?? 7);
const pageSize = 100;

// Mostly plain values, as in real exports; a few need quoting, a few are empty or null.
function row(i) {
  return [
    `id-${i}`,
    i % 17 === 0 ? `Artist, "The" ${i}` : `Artist ${i}`,
    i * 37,
    i % 3 === 0,
    i % 5 === 0 ? null : ['pop', 'rock'],
    i % 7 === 0 ? '' : 'GB',
    i % 11 === 0 ? `line one\nline two ${i}` : `https://img.example/${i}.jpg`,
    i % 13 === 0 ? ' padded ' : 'Ünïcödé 🎵',
    i % 19 === 0 ? { nested: { value: i } } : undefined,
  ];
}

// The sink's own formatter, on the same cells as objects keyed c0…c8 (run `npm run build` first).
const fields = Array.from({ length: 9 }, (_, i) => `c${i}`);
const formatter = csvFormatter(fields, { headerWritten: true });
const asRecord = (cells) => Object.fromEntries(cells.map((value, i) => [fields[i], value]));
const escaper = (records) => formatter.format(records);

const options = {
  record_delimiter: 'unix',
  // Empty strings, edge whitespace and psql's end-of-data marker `\.` get quotes; null stays empty.
  quoted_match: [/^$/, /^[ \t]|[ \t]$/, /^\\\.$/],
  cast: {
    boolean: (value) => (value ? 'true' : 'false'),
    object: (value) => JSON.stringify(value),
  },
};
const library = (rows) => stringify(rows, options);

const data = Array.from({ length: pages }, (_, p) =>
  Array.from({ length: pageSize }, (_, r) => row(p * pageSize + r)),
);

// The sink formats records; csv-stringify takes the same cells as arrays. Converted before timing.
const recordPages = data.map((page) => page.map(asRecord));

for (let p = 0; p < 50; p++) {
  if (library(data[p]) !== escaper(recordPages[p])) {
    console.error('outputs differ:\n' + library(data[p]).slice(0, 400) + '\n---\n' + escaper(recordPages[p]).slice(0, 400));
    process.exit(1);
  }
}

function time(format, pages) {
  const started = process.hrtime.bigint();
  let length = 0;
  for (const page of pages) length += format(page).length;
  if (length === 0) throw new Error('nothing formatted');
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];
const libraryMs = [];
const escaperMs = [];
time(library, data);
time(escaper, recordPages);
for (let round = 0; round < rounds; round++) {
  libraryMs.push(time(library, data));
  escaperMs.push(time(escaper, recordPages));
}
const records = pages * pageSize;
const lib = median(libraryMs);
const esc = median(escaperMs);
console.log(
  `csv-format: ${records} records in pages of ${pageSize}, median of ${rounds}: ` +
    `csv-stringify ${lib.toFixed(1)} ms, escaper ${esc.toFixed(1)} ms, ratio ${(lib / esc).toFixed(2)}x`,
);
