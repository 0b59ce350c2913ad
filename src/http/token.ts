/**
 * Obtains an access token where the profile's auth needs one (OAuth client credentials, Artsy's
 * XAPP token) and turns it into the header every request carries.
 */
import { failure, TransientError } from '../errors.js';
import type { TokenRequest } from '../profile/auth.js';
import type { HttpClient } from './client.js';
import { readPath, snippet } from '../extract/page.js';
import { apiMessage } from './api-message.js';

export interface IssuedToken {
  /** The headers that carry it on every request. */
  headers: Record<string, string>;
  /** The token itself: a secret like any other, to be redacted. */
  value: string;
}

const TRANSIENT = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Fetches a token and returns the auth headers that carry it. */
/** `variables` name the environment variables behind the credentials, for the message when they are refused. */
export async function fetchToken(client: HttpClient, token: TokenRequest, origin: string, variables: readonly string[] = []): Promise<IssuedToken> {
  const url = new URL(token.url, origin);
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: Record<string, unknown> | undefined;
  if (token.basic) {
    headers.authorization = `Basic ${Buffer.from(`${token.basic.username}:${token.basic.password}`).toString('base64')}`;
  }
  if (token.form) {
    // Form bodies travel in the URL-encoded string the client sends as is.
    headers['content-type'] = 'application/x-www-form-urlencoded';
  } else if (token.json) {
    headers['content-type'] = 'application/json';
    body = token.json;
  }
  const response = await client.send({
    method: 'POST',
    url,
    headers,
    body: token.form ? new URLSearchParams(token.form).toString() : body === undefined ? undefined : JSON.stringify(body),
  });
  if (TRANSIENT.has(response.status)) {
    throw new TransientError('TOKEN_UNAVAILABLE', `the token endpoint ${url.origin}${url.pathname} answered ${response.status}: ${snippet(response.text)}`);
  }
  if (response.status >= 400) {
    const said = apiMessage(response.text) ?? snippet(response.text);
    const check = variables.length > 0 ? `; check ${variables.join(' and ')}` : '';
    throw failure('TOKEN_FAILED', `the token endpoint ${url.origin}${url.pathname} answered ${response.status}: ${said}${check}`);
  }
  let value: unknown;
  try {
    value = readPath(JSON.parse(response.text), token.tokenPath);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'string' || value === '') {
    throw failure('TOKEN_FAILED', `the token endpoint ${url.origin}${url.pathname} sent no token at "${token.tokenPath}"`);
  }
  return { headers: { [token.header]: token.scheme ? `${token.scheme} ${value}` : value }, value };
}
