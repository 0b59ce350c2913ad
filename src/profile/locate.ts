/**
 * Where profiles are found: $PAGINATE_PROFILES, ~/.config/paginate/profiles, then the built-in
 * ones. No parsing here, so listing stays fast.
 */
import { readdirSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, extname, basename } from 'node:path';
import { packagePath } from '../package-root.js';

export const EXTENSIONS = ['.yaml', '.yml', '.json'];

/** The profiles shipped with paginate. */
export const BUILTIN_PROFILES = packagePath('profiles/');

/** Profile folders in lookup order: $PAGINATE_PROFILES, ~/.config/paginate/profiles, then the built-in ones. */
export function profileDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs: string[] = [];
  if (env.PAGINATE_PROFILES) dirs.push(env.PAGINATE_PROFILES);
  dirs.push(join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'paginate', 'profiles'));
  dirs.push(BUILTIN_PROFILES);
  return dirs;
}

export interface ProfileEntry {
  name: string;
  file: string;
}

/** Every profile visible from the lookup folders; an earlier folder shadows a later one. */
export function listProfiles(env: NodeJS.ProcessEnv = process.env): ProfileEntry[] {
  const seen = new Map<string, string>();
  for (const dir of profileDirs(env)) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir).sort()) {
      const ext = extname(entry);
      if (!EXTENSIONS.includes(ext) || entry.endsWith('.schema.json')) continue;
      const name = basename(entry, ext);
      if (!seen.has(name)) seen.set(name, join(dir, entry));
    }
  }
  return [...seen].map(([name, file]) => ({ name, file }));
}

