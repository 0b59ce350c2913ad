/**
 * Every `paginate export` option, declared once: flags, argument, description, default, parser
 * and environment variable. The commander flags and `--help` (cli.ts), the README's options table
 * (readme-table.ts, `npm run docs`), the typed ExportCommand and the library's defaults all come
 * from here. Modelled on npm-check-updates' src/cli-options.ts.
 */
import { parseRate } from '../rate-limit/rate.js';
import { parseLimiterUrl } from '../rate-limit/limiter-url.js';
import { parseEach } from '../fan-out/each.js';
import { parseWithParent } from '../fan-out/options.js';
import { integer, oneOf, parseFields, parseFilter, seconds } from './parse-values.js';

export interface ExportOption<T = unknown> {
  /** `-o, --out`: the short and long names. */
  flags: string;
  /** The value's placeholder (`PATH`, `ndjson|csv`); a switch has none. */
  arg?: string;
  /** One line, shown by --help and in the README. */
  description: string;
  /** What the README says beyond --help (markdown). */
  details?: string;
  /** The default as it would be typed; parsed like a given value. */
  default?: string;
  /** The default in words, where it is not one value (`the profile's`). */
  defaultText?: string;
  /** An environment variable that gives the value when the flag is absent. */
  env?: string;
  /** Given more than once, every value is kept (in order). */
  repeatable?: boolean;
  /** Commander's value (a string, a list for repeatable options, true for a switch) to the typed one. */
  parse: (value: never) => T;
}

const option = <T, V extends string | string[] | boolean>(spec: Omit<ExportOption<T>, 'parse'> & { parse: (value: V | undefined) => T }) => spec;
const text = (value: string | undefined) => value;
const flag = (value: boolean | undefined) => value ?? false;

export const EXPORT_OPTIONS = {
  filters: option({ flags: '--filter', arg: 'NAME=VALUE', repeatable: true, description: 'a filter the endpoint accepts (repeatable)', details: '`profiles show` lists them. Unknown names are an error that lists the valid ones', parse: (values: string[] | undefined) => (values ?? []).map(parseFilter) }),
  baseUrl: option({ flags: '--base-url', arg: 'URL', description: "replace the profile's origin (proxies, emulators); paths are kept", details: 'The environment variable `<PROFILE>_BASE_URL` (e.g. `STARTING_AT_BASE_URL`) does the same; `--base-url` wins', parse: text }),
  out: option({ flags: '-o, --out', arg: 'PATH', description: 'output file; the format follows the extension (.ndjson, .jsonl, .csv, each optionally .gz)', defaultText: 'stdout', parse: (value: string | undefined) => (value === '-' ? undefined : value) }),
  format: option({ flags: '--format', arg: 'ndjson|csv', description: 'output format', defaultText: 'from --out, else ndjson', parse: (value: string | undefined) => oneOf('--format', value, ['ndjson', 'csv'] as const) }),
  fields: option({ flags: '--fields', arg: 'a,b.c', description: 'CSV columns as dot paths; for NDJSON a projection', defaultText: "every key of the first page's records, nested ones as a.b", parse: (value: string | undefined) => (value === undefined ? undefined : parseFields(value)) }),
  strategy: option({ flags: '--strategy', arg: 'auto|sequential|hybrid', description: 'auto is hybrid where the profile declares an offset window, sequential elsewhere', default: 'auto', parse: (value: string | undefined) => oneOf('--strategy', value, ['auto', 'sequential', 'hybrid'] as const) }),
  concurrency: option({ flags: '--concurrency', arg: 'N', description: 'requests in flight where the strategy allows; with --each, parents whose page chains run at once', defaultText: "the profile's, 16 for Soundcharts; with --each, 1", parse: (value: string | undefined) => integer('--concurrency', value, 1, 256) }),
  rate: option({ flags: '--rate', arg: 'N/min|N/s', description: 'request rate limit', defaultText: "the profile's, e.g. 5000/min", parse: (value: string | undefined) => (value === undefined ? undefined : parseRate(value)) }),
  pageSize: option({ flags: '--page-size', arg: 'N', description: 'records per request', defaultText: "the profile's, at most its maximum", parse: (value: string | undefined) => integer('--page-size', value, 1, 1_000_000) }),
  maxItems: option({ flags: '--max-items', arg: 'N', description: 'stop after N records (exit 0)', parse: (value: string | undefined) => integer('--max-items', value, 1, Number.MAX_SAFE_INTEGER) }),
  retries: option({ flags: '--retries', arg: 'N', description: 'retries for network errors, timeouts, 5xx, 429 and malformed bodies', default: '5', parse: (value: string | undefined) => integer('--retries', value, 0, 100) }),
  timeoutMs: option({ flags: '--timeout', arg: 'SECONDS', description: 'connect, response and body timeout per request', default: '30', parse: (value: string | undefined) => seconds('--timeout', value) }),
  limiter: option({ flags: '--limiter', arg: 'URL', env: 'PAGINATE_LIMITER', description: 'share the rate limit with every other process using the same key: redis://[user:pass@]HOST:PORT[/DB], rediss:// for TLS', details: 'See [Many exports, one key](#many-exports-one-key)', parse: (value: string | undefined) => (value === undefined || value === '' ? undefined : (parseLimiterUrl(value), value)) }),
  limiterTimeoutMs: option({ flags: '--limiter-timeout', arg: 'SECONDS', description: 'how long requests wait for a lost --limiter before the export fails with exit 1, its checkpoint kept', default: '60', parse: (value: string | undefined) => seconds('--limiter-timeout', value) }),
  stateDir: option({ flags: '--state-dir', arg: 'DIR', description: 'checkpoint folder', defaultText: '$XDG_STATE_HOME/paginate, else ~/.local/state/paginate', parse: text }),
  restart: option({ flags: '--restart', description: "discard this export's checkpoint (and with --incremental, its state) and start over", parse: flag }),
  incremental: option({ flags: '--incremental', description: 'write only the records added since the last complete run of this same command (the endpoint needs an incremental: block)', details: 'See [Daily exports from cron](#daily-exports-from-cron)', parse: flag }),
  since: option({ flags: '--since', arg: 'VALUE', description: "an incremental run from this value of the endpoint's growing field (2026-01-31, 2026-01-31T06:00:00Z, 1042), forgetting any state", details: 'Later `--incremental` runs continue from it', parse: text }),
  dryRun: option({ flags: '--dry-run', description: 'send one request and print the plan: records, requests, windows, strategy, estimated time', details: 'No output, no checkpoint', parse: flag }),
  summaryJson: option({ flags: '--summary-json', arg: 'PATH', description: 'also write the end-of-export summary as JSON', parse: text }),
  each: option({ flags: '--each', arg: 'FILTER=PATH', repeatable: true, description: 'fan-out: run once per parent record (NDJSON on stdin), FILTER set to the value at PATH in the parent (repeatable)', details: 'PATH is a dot path or JSONPath. See [Fan-out](#fan-out)', parse: (values: string[] | undefined) => (values === undefined ? undefined : parseEach(values)) }),
  eachFrom: option({ flags: '--each-from', arg: 'FILE', description: 'read the --each parents from this NDJSON file instead of stdin', parse: text }),
  withParent: option({ flags: '--with-parent', arg: 'NAME', description: "add the parent's value (of the first --each) to every record under NAME, and as the first CSV column", details: 'It replaces a field of that name', parse: parseWithParent }),
  sandbox: option({ flags: '--sandbox', description: 'run against the built-in emulator of this provider; no credentials needed', parse: flag }),
  profileFile: option({ flags: '--profile-file', arg: 'PATH', description: 'load the profile from this YAML or JSON file', parse: text }),
  quiet: option({ flags: '-q, --quiet', description: 'print nothing on stderr but errors (and the summary when the export may be incomplete)', parse: flag }),
  verbose: option({ flags: '-v, --verbose', description: 'log retries and waits; stack traces on errors', parse: flag }),
};

type Table = typeof EXPORT_OPTIONS;
type ValueOf<K extends keyof Table> = ReturnType<Table[K]['parse']>;
type MaybeAbsent = { [K in keyof Table]: undefined extends ValueOf<K> ? K : never }[keyof Table];

/** Every option's typed value; those that may be absent are optional. */
export type ExportValues = { [K in Exclude<keyof Table, MaybeAbsent>]: ValueOf<K> } & { [K in MaybeAbsent]?: Exclude<ValueOf<K>, undefined> };

const defaultOf = <K extends keyof Table>(key: K) => EXPORT_OPTIONS[key].parse(EXPORT_OPTIONS[key].default as never) as Exclude<ValueOf<K>, undefined>;

/** The defaults the engine and the library apply when a choice is left out. */
export const EXPORT_DEFAULTS = {
  strategy: defaultOf('strategy'),
  retries: defaultOf('retries'),
  timeoutMs: defaultOf('timeoutMs'),
  limiterTimeoutMs: defaultOf('limiterTimeoutMs'),
};

/** The long flag's name as commander keys it: `--limiter-timeout` -> `limiterTimeout`. */
export const attributeOf = (spec: ExportOption): string =>
  /--([a-z-]+)/.exec(spec.flags)![1].replace(/-([a-z])/g, (_all, letter: string) => letter.toUpperCase());

/** The --help line: the description and, where there is one, the default (commander adds the env). */
export function helpLine(spec: ExportOption): string {
  const fallback = spec.default ?? spec.defaultText;
  return fallback === undefined ? spec.description : `${spec.description} (default: ${fallback})`;
}
