/** The dot short form of profile paths (`data.items.edges[*].node`, `images.0.url`), written as RFC 9535. */

export class QuerySyntaxError extends Error {}

/**
 * The short form as RFC 9535: `data.items.edges[*].node` -> `$['data']['items']['edges'][*]['node']`.
 * A path starting with `$` is taken as it is.
 */
export function toJsonPath(path: string): string {
  if (path.startsWith('$')) return path;
  if (path.trim() === '' || path === '.' || path === '@') {
    throw new QuerySyntaxError('empty path: write $ for the response body itself');
  }
  return `$${splitShortForm(path)
    .map((segment) => {
      if (segment === '') throw new QuerySyntaxError(`empty step in "${path}" (two dots, or a dot at an end)`);
      const bracket = segment.indexOf('[');
      const name = bracket === -1 ? segment : segment.slice(0, bracket);
      const rest = bracket === -1 ? '' : segment.slice(bracket);
      if (name === '') return rest;
      if (name === '*') return `[*]${rest}`;
      if (/^-?(0|[1-9]\d*)$/.test(name)) return `[${name}]${rest}`;
      return `[${JSON.stringify(name)}]${rest}`;
    })
    .join('')}`;
}

/** Splits on dots outside brackets and quotes. */
function splitShortForm(path: string): string[] {
  const segments: string[] = [];
  let current = '';
  let depth = 0;
  let quote: string | undefined;
  for (let index = 0; index < path.length; index++) {
    const char = path[index];
    if (quote) {
      if (char === '\\') {
        current += char + (path[index + 1] ?? '');
        index++;
        continue;
      }
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '[') depth++;
    else if (char === ']') depth--;
    else if (char === '.' && depth === 0) {
      segments.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  segments.push(current);
  return segments;
}
