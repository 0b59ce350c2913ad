/** `paginate profiles list`. */
import type { Writable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { listProfiles } from './profile/locate.js';

/**
 * Names and descriptions only, read without the YAML parser or the schema: listing must start
 * fast (`profiles validate` is the place for checking).
 */
export function listProfilesCommand(stdout: Writable): void {
  for (const entry of listProfiles()) {
    // A top-level `description:` (YAML) or `"description": "…",` (JSON) line.
    const description = /^\s{0,2}"?description"?\s*:\s*(.+?),?\s*$/m.exec(readFileSync(entry.file, 'utf8'))?.[1] ?? '';
    stdout.write(`${entry.name.padEnd(14)} ${description.replace(/^["']|["']$/g, '')}\n`);
  }
}

