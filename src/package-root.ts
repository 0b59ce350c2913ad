/**
 * Files shipped at the package's root (profiles/, package.json). This file runs as
 * src/package-root.ts under the tests, as dist/src/package-root.js in the library and inside
 * dist/cli/ in the CLI's bundle, so the way up depends on which.
 */
import { fileURLToPath } from 'node:url';

const here = new URL('.', import.meta.url);
const root = new URL(/\/dist\/(src|cli)\/$/.test(here.href) ? '../../' : '../', here);

/** The absolute path of `path` (relative to the package's root; a trailing `/` is kept). */
export function packagePath(path: string): string {
  return fileURLToPath(new URL(path, root));
}
