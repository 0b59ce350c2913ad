/**
 * Dot paths into JSON (`artist.name`, `images.0.url`): where profiles find records and cursors,
 * how `--fields` picks values and how CSV names the columns it derives. Pure functions, no I/O.
 */

type Getter = (value: unknown) => unknown;

/**
 * Compiles a dot path once into a getter, for the formatters' per-cell hot loop. Array elements are
 * addressed by index (`images.0`). A key that itself contains dots (`{"a.b": 1}`) is found too,
 * because `flattenPaths` names it `a.b`; a plain nested key wins when both exist.
 */
export function compilePath(path: string): Getter {
  const segments = path.split('.');
  return (value) => lookup(value, segments, 0);
}

/** The value at `path` in `value`, or undefined when any step is missing. */
export function getPath(value: unknown, path: string): unknown {
  return compilePath(path)(value);
}

function lookup(value: unknown, segments: readonly string[], start: number): unknown {
  if (start === segments.length) return value;
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    const segment = segments[start];
    return /^(0|[1-9]\d*)$/.test(segment) ? lookup(value[Number(segment)], segments, start + 1) : undefined;
  }
  // Shortest key first (the common case costs one lookup per segment); longer dotted keys only
  // when the shorter one leads nowhere.
  let key = '';
  for (let end = start; end < segments.length; end++) {
    key = end === start ? segments[end] : `${key}.${segments[end]}`;
    if (Object.hasOwn(value, key)) {
      const found = lookup((value as Record<string, unknown>)[key], segments, end + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Leaf paths of a record's nested objects, in first-seen order. Arrays, empty objects and
 * primitives are leaves; a record that is not an object has no paths.
 */
export function flattenPaths(record: unknown): string[] {
  const paths: string[] = [];
  collect(record, undefined, paths);
  return paths;
}

function collect(value: unknown, prefix: string | undefined, paths: string[]): void {
  if (!isPlainRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const path = prefix === undefined ? key : `${prefix}.${key}`;
    if (isPlainRecord(child) && Object.keys(child).length > 0) collect(child, path, paths);
    else paths.push(path);
  }
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
