/**
 * Reading OAuth-style client credentials off a token request: the HTTP Basic header and a form
 * or JSON body, the places SoundCloud's and Artsy's token endpoints accept them.
 */
import type { SandboxRequest } from './types.js';

export type BodyKind = 'form' | 'json' | 'none' | 'other';

/** What the body claims to be, from its Content-Type (an empty body with no type is `none`). */
export function bodyKind(request: SandboxRequest): BodyKind {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'application/json') return 'json';
  return type === '' && request.rawBody === '' ? 'none' : 'other';
}

/** The body's fields as strings; undefined when a JSON body is not a JSON object. */
export function bodyFields(request: SandboxRequest): Record<string, string> | undefined {
  const kind = bodyKind(request);
  if (kind === 'form') return Object.fromEntries(new URLSearchParams(request.rawBody));
  if (kind !== 'json') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.rawBody);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string' || typeof value === 'number') fields[key] = String(value);
  }
  return fields;
}

/** `Authorization: Basic base64(id:secret)`, decoded; undefined when absent or malformed. */
export function basicCredentials(request: SandboxRequest): { id: string; secret: string } | undefined {
  const match = /^basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
