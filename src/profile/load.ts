/**
 * Loads provider profiles (YAML or JSON) and validates them once into typed Profiles.
 * Every problem is reported as `file: field.path: what was expected`, exit 2.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from '../zod.js';
import { usageError } from '../errors.js';
import { Profile } from './schema.js';
import { closest } from '../suggest.js';
import { listProfiles } from './locate.js';

export { listProfiles, profileDirs, BUILTIN_PROFILES, type ProfileEntry } from './locate.js';

/** Loads a profile by name from the lookup folders, or from `file` when given. */
export function loadProfile(nameOrFile: { name?: string; file?: string }, env: NodeJS.ProcessEnv = process.env): LoadedProfile {
  if (nameOrFile.file) return loadProfileFile(nameOrFile.file);
  const name = nameOrFile.name ?? '';
  const entries = listProfiles(env);
  const entry = entries.find((candidate) => candidate.name === name);
  if (!entry) {
    const names = entries.map((candidate) => candidate.name);
    const suggestion = closest(name, names);
    throw usageError(
      'UNKNOWN_PROFILE',
      `unknown profile "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; available: ${names.join(', ')}`,
    );
  }
  return loadProfileFile(entry.file);
}

export interface LoadedProfile {
  profile: Profile;
  file: string;
}

export function loadProfileFile(file: string): LoadedProfile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw usageError('PROFILE_UNREADABLE', `${file}: cannot read profile: ${reason}`, error);
  }
  return { profile: parseProfile(text, file), file };
}

/** Parses and validates profile text; `file` names it in messages. */
export function parseProfile(text: string, file: string): Profile {
  const data = parseData(text, file);
  const result = Profile.safeParse(data);
  if (!result.success) {
    throw usageError('PROFILE_INVALID', profileIssues(result.error, file).join('\n'), result.error);
  }
  return result.data;
}

/** One line per schema problem: `file: field.path: message`. */
export function profileIssues(error: z.ZodError, file: string): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return `${file}: ${path}: ${issue.message}`;
  });
}

function parseData(text: string, file: string): unknown {
  if (extname(file) === '.json') {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw usageError('PROFILE_SYNTAX', `${file}: not valid JSON: ${(error as Error).message}`, error);
    }
  }
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    const line = first.linePos?.[0];
    const where = line ? `line ${line.line}, column ${line.col}: ` : '';
    throw usageError('PROFILE_SYNTAX', `${file}: not valid YAML: ${where}${first.message.split('\n')[0]}`, first);
  }
  return document.toJS();
}
