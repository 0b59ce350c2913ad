/**
 * Which checkpoint a command resumes: a file stem derived from everything that shapes the output,
 * so rerunning the same command finds its checkpoint and a different command never does.
 */
import { createHash } from 'node:crypto';

export interface CheckpointKeyParts {
  /** The profile name, as given on the command line. */
  profile: string;
  endpoint: string;
  /** The resolved filters; their order does not change the key. */
  filters: Record<string, string | number | boolean>;
  /** `ndjson` or `csv`. */
  format: string;
  /** The projected fields; their order does (it is the column order). */
  fields?: readonly string[];
  /** The output file as an absolute path (the caller resolves it); undefined for stdout. */
  output?: string;
  /** The origin requests go to (`--base-url`, `--sandbox`): another server is another export. */
  baseUrl?: string;
  pageSize?: number;
  /** Fan-out: the --each pairs, --with-parent and where the parents come from (`stdin` or a file). */
  each?: { pairs: string[]; withParent?: string; source: string };
  /** `--incremental`: a full export's checkpoint is not an incremental run's. */
  incremental?: boolean;
}

/** `<profile>-<endpoint>-<16 hex digits of sha256>`, e.g. `soundcharts-artists-3f9a0c1e5b7d2a48`. */
export function checkpointKey(parts: CheckpointKeyParts): string {
  const digest = createHash('sha256').update(JSON.stringify(canonical(parts))).digest('hex').slice(0, 16);
  return `${slug(parts.profile)}-${slug(parts.endpoint)}-${digest}`;
}

/** Objects with sorted keys and no undefined values, so equal commands serialize equally. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, entry]) => [name, canonical(entry)]),
  );
}

/** The readable part only: a profile given as a path (`./my.yaml`) must not put `/` in a file name. */
function slug(text: string): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return cleaned || 'x';
}
