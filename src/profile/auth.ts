/**
 * Picks the profile's auth alternative whose environment variables are all set and fills them in.
 * Profiles never hold secrets: `${NAME}` reads environment variable NAME. A missing variable is
 * exit 2 naming it, before any request.
 */
import { usageError } from '../errors.js';
import type { Profile } from './schema.js';

export interface TokenRequest {
  url: string;
  form?: Record<string, string>;
  json?: Record<string, string>;
  basic?: { username: string; password: string };
  tokenPath: string;
  header: string;
  scheme?: string;
}

export interface ResolvedAuth {
  /** Headers sent with every request to the profile's origin. */
  headers: Record<string, string>;
  /** Where a token must first be obtained (and obtained again after a 401). */
  token?: TokenRequest;
  /** Every secret value, so logs and errors can redact them. */
  secrets: string[];
  /** The variables this auth reads, for a 401 message. */
  variables: string[];
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export const variablesIn = (text: string): string[] => [...text.matchAll(VARIABLE)].map((match) => match[1]);

/** Replaces `${NAME}` with the environment's value; a missing one is a usage error naming it. */
export function substituteEnv(text: string, env: NodeJS.ProcessEnv, where: string): string {
  return text.replace(VARIABLE, (_, name: string) => {
    const value = env[name];
    if (value === undefined || value === '') {
      throw usageError('MISSING_ENV', `environment variable ${name} is not set (needed for ${where})`);
    }
    return value;
  });
}

export function resolveAuth(profile: Profile, env: NodeJS.ProcessEnv): ResolvedAuth {
  if (profile.auth.length === 0) return { headers: {}, secrets: [], variables: [] };
  const options = profile.auth.map((method) => variablesIn(JSON.stringify(method)));
  const usable = options.findIndex((names) => names.every((name) => env[name]));
  if (usable < 0) {
    const missing = options.map((names) => names.filter((name) => !env[name]));
    const alternatives = missing.map((names) => names.join(' and ')).join(', or ');
    const plural = missing.flat().length > 1 ? 's' : '';
    throw usageError('MISSING_ENV', `${profile.name} needs environment variable${plural} ${alternatives}`);
  }
  const method = profile.auth[usable];
  const variables = options[usable];
  const secrets = variables.map((name) => env[name] as string);
  const fill = (record: Record<string, string> | undefined) =>
    record && Object.fromEntries(Object.entries(record).map(([key, value]) => [key, substituteEnv(value, env, key)]));
  if ('headers' in method) return { headers: fill(method.headers) ?? {}, secrets, variables };
  const token = method.token;
  return {
    headers: {},
    token: {
      url: token.url,
      form: fill(token.form),
      json: fill(token.json),
      basic: token.basic && {
        username: substituteEnv(token.basic.username, env, 'token username'),
        password: substituteEnv(token.basic.password, env, 'token password'),
      },
      tokenPath: token.token_path,
      header: token.header,
      scheme: token.scheme,
    },
    secrets,
    variables,
  };
}
