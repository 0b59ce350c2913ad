/**
 * `--incremental` is checked against the profile before anything is sent: the endpoint must
 * declare how it narrows to new records, the filters its mode relies on are added or checked,
 * and `--since` must be a value of the field's type. Every refusal is exit 2.
 */
import { usageError } from '../errors.js';
import type { Profile } from '../profile/schema.js';
import type { IncrementalSpec } from '../profile/incremental-schema.js';
import { normalize, type Value } from './value.js';

export interface IncrementalRequest {
  spec: IncrementalSpec;
  /** The user's filters plus those the mode requires. */
  filters: Array<[string, string]>;
  since?: Value;
}

const SINCE_EXAMPLES = { timestamp: '2026-01-31T00:00:00Z or 2026-01-31', number: '1042', string: 'any text' };

export function requireIncremental(
  profile: Profile,
  endpointName: string | undefined,
  given: ReadonlyArray<readonly [string, string]>,
  since: string | undefined,
): IncrementalRequest | undefined {
  const name = endpointName ?? profile.default_endpoint ?? Object.keys(profile.endpoints)[0];
  const endpoint = profile.endpoints[name];
  // An unknown endpoint is reported by the export's own resolution, with suggestions.
  if (!endpoint) return undefined;
  const flag = since === undefined ? '--incremental' : '--since';
  const incremental = endpoint.incremental;
  if (!incremental) {
    throw usageError(
      'NO_INCREMENTAL',
      `${flag}: ${profile.name} ${name} has no "incremental:" block in its profile; it needs the field that grows (incremental.field and type), ` +
        'the primary key (incremental.key) and how the API narrows to new records (incremental.mode: filter, newest_first or keyset)',
    );
  }
  if ('unsupported' in incremental) throw usageError('NO_INCREMENTAL', `${flag}: ${profile.name} ${name} cannot export incrementally: ${incremental.unsupported}`);
  const kind = endpoint.pagination.kind;
  if (incremental.mode === 'keyset' && kind !== 'cursor' && kind !== 'next_url') {
    throw usageError('NO_INCREMENTAL', `${flag}: ${profile.name} ${name} pages by ${kind.replace('_', ' ')}; keyset mode needs a cursor or next URL that stays valid`);
  }
  const filters = given.map(([key, value]): [string, string] => [key, value]);
  for (const [filter, wanted] of Object.entries(incremental.requires ?? {})) {
    const mine = filters.find(([key]) => key === filter);
    if (!mine) filters.push([filter, String(wanted)]);
    else if (mine[1] !== String(wanted)) {
      throw usageError('BAD_FILTER_VALUE', `${flag}: ${profile.name} ${name} finds new records only with --filter ${filter}=${wanted} (${incremental.mode.replace('_', ' ')}), not ${filter}=${mine[1]}`);
    }
  }
  if (since === undefined) return { spec: incremental, filters };
  const value = normalize(incremental.type, since);
  if (value === undefined) {
    throw usageError('BAD_SINCE', `--since "${since}": ${incremental.field} is a ${incremental.type}; expected ${SINCE_EXAMPLES[incremental.type]}`);
  }
  return { spec: incremental, filters, since: value };
}
