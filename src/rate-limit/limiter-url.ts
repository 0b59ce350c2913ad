/**
 * `--limiter redis://[user:pass@]HOST:PORT[/DB]` (or `rediss://` for TLS), parsed once at the
 * edge into what the Redis connection needs. The password never appears in a message: every
 * mention of the URL goes through `shown`. Pure.
 */
import { usageError } from '../errors.js';

export interface LimiterUrl {
  host: string;
  port: number;
  db: number;
  tls: boolean;
  username?: string;
  password?: string;
  /** The URL as it may be printed: the password replaced by ***. */
  shown: string;
}

export function parseLimiterUrl(text: string, where = '--limiter'): LimiterUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError('BAD_LIMITER', `${where} "${redactUrlText(text)}": expected redis://[user:pass@]HOST:PORT[/DB] or rediss://…`);
  }
  const shown = redactUrl(url);
  const bad = (why: string) => usageError('BAD_LIMITER', `${where} ${shown}: ${why}`);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw bad('only redis:// and rediss:// (TLS) limiters exist');
  if (url.hostname === '') throw bad('the host is missing');
  if (url.search !== '' || url.hash !== '') throw bad('query strings and fragments are not understood');
  const path = url.pathname.replace(/^\//, '');
  if (!/^\d{0,2}$/.test(path)) throw bad(`the database "${path}" must be a number such as /0`);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? 6379 : Number(url.port),
    db: path === '' ? 0 : Number(path),
    tls: url.protocol === 'rediss:',
    username: url.username === '' ? undefined : decodeURIComponent(url.username),
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
    shown,
  };
}

function redactUrl(url: URL): string {
  if (url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.password = '***';
  return copy.href;
}

/** For text that is not even a URL: everything before the last `@` after the scheme is hidden. */
const redactUrlText = (text: string): string => text.replace(/^(.*?\/\/)?.*@/, (_all, scheme?: string) => `${scheme ?? ''}***@`);
