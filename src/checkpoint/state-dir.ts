/**
 * Where checkpoints live: the user's XDG state folder, private to them (checkpoints name their
 * exports, filters and output paths).
 */
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { usageError } from '../errors.js';

/**
 * `$XDG_STATE_HOME/paginate`, else `~/.local/state/paginate`. A relative or empty XDG_STATE_HOME
 * is ignored, as the XDG Base Directory spec requires.
 */
export function defaultStateDir(env: Readonly<Record<string, string | undefined>> = process.env, home: string = homedir()): string {
  const xdg = env.XDG_STATE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'state'), 'paginate');
}

/**
 * Creates the folder (and its parents) with mode 0700, or checks that an existing one is writable.
 * An existing folder keeps its mode: a wider one is the user's choice (a shared `--state-dir`), and
 * the checkpoint files themselves are 0600 either way. The umask can only narrow 0700.
 */
export async function ensureStateDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw usageError(
      'STATE_DIR',
      `cannot use the state folder ${dir} (${(error as Error).message}); choose another with --state-dir`,
      error,
    );
  }
}
