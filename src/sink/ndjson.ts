/**
 * NDJSON formatting, pure: one page of records in, one string out, a line per record.
 */
import { compilePath } from '../json/path.js';

/**
 * Without `fields`, each record exactly as the API returned it. With `fields`, a projection: an
 * object keyed by the paths as given (`{"id":…,"artist.name":…}`), null where a path is missing.
 */
export function ndjsonFormatter(fields?: readonly string[]): (records: readonly unknown[]) => string {
  // JSON.stringify, not the ndjson package: that measured 2.6–5x slower on this hot path.
  if (fields === undefined) {
    return (records) => {
      let out = '';
      for (const record of records) out += `${JSON.stringify(record)}\n`;
      return out;
    };
  }
  const getters = fields.map(compilePath);
  return (records) => {
    let out = '';
    for (const record of records) {
      // No prototype, so a field named `__proto__` is an ordinary key.
      const projected: Record<string, unknown> = Object.create(null);
      for (let i = 0; i < fields.length; i++) projected[fields[i]] = getters[i](record) ?? null;
      out += `${JSON.stringify(projected)}\n`;
    }
    return out;
  };
}
