/**
 * CSV formatting, pure: pages of records in, text out. The dialect is RFC 4180 with LF line ends:
 * psql's `\copy … csv header`, Python's csv module and spreadsheets read LF as well as CRLF, and LF
 * is what wc, head and awk count. Quotes only where needed, so NULL and '' stay distinguishable:
 * null and missing values are empty cells, empty strings are `""` (psql loads them as NULL and '').
 * No byte-order mark: it would become part of the first column's name for psql and Python.
 */
import { failure } from '../errors.js';
import { compilePath, flattenPaths } from '../json/path.js';

export interface CsvFormatter {
  /** The page's rows as text, after the header row on the first call that has one to write. */
  format(records: readonly unknown[]): string;
  /** The columns in use: the given fields, or those derived from the first page with records. */
  readonly columns: readonly string[] | undefined;
}

export interface CsvFormatterOptions {
  /**
   * The header row is already in the output (a resumed file): do not write it again.
   * @default false
   */
  headerWritten?: boolean;
}

/**
 * Without `fields`, the columns are every leaf path of the first page that has records, in
 * first-seen order; keys that only appear in later pages are dropped, because a CSV header cannot
 * grow once written. Pass `--fields` (or the checkpointed `columns` on resume) to fix them.
 */
export function csvFormatter(fields?: readonly string[], options: CsvFormatterOptions = {}): CsvFormatter {
  let columns: readonly string[] | undefined = fields ? [...fields] : undefined;
  let getters = columns?.map(compilePath);
  let headerPending = options.headerWritten !== true;

  return {
    get columns() {
      return columns;
    },
    format(records) {
      if (columns === undefined || getters === undefined) {
        if (records.length === 0) return '';
        columns = deriveColumns(records);
        getters = columns.map(compilePath);
      }
      let out = headerPending ? `${columns.map(quote).join(',')}\n` : '';
      headerPending = false;
      // A plain loop: map/join measured ~25% slower in this per-cell path.
      for (const record of records) {
        let line = '';
        for (let i = 0; i < getters.length; i++) line += (i === 0 ? '' : ',') + cell(getters[i](record));
        out += `${line}\n`;
      }
      return out;
    },
  };
}

function deriveColumns(records: readonly unknown[]): string[] {
  const columns = new Set<string>();
  for (const record of records) for (const path of flattenPaths(record)) columns.add(path);
  if (columns.size === 0) {
    throw failure('CSV_NO_COLUMNS', 'CSV output needs records that are JSON objects with fields; use --format ndjson');
  }
  return [...columns];
}

function cell(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
    case 'boolean':
    case 'bigint':
      // Numbers read from JSON print back as JSON wrote them; booleans as true/false.
      return String(value);
    case 'object':
      return value === null ? '' : quote(JSON.stringify(value));
    default:
      return '';
  }
}

// Quoted: delimiter, quote and line breaks (RFC 4180); edge spaces, which some readers trim; and a
// lone `\.`, which psql would take for its end-of-data marker.
const needsQuotes = /[",\r\n]|^[ \t]|[ \t]$|^\\\.$/;

// Hand-written rather than csv-stringify: `node bench/csv-format.js` measured the library ~2x
// slower than this formatter on pages of 100 records with the same output (per-call option handling).
function quote(text: string): string {
  if (text === '') return '""';
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
