/**
 * Obtains an access token where the profile's auth needs one (OAuth client credentials, Artsy's
 * XAPP token) and turns it into the header every request carries. One attempt: the retry layer
 * asks again after a retryable answer.
 */
import { failure, TransientError } from '../errors.js';
import type { TokenRequest } from '../profile/auth.js';
import { readPath, snippet } from '../extract/page.js';
import { apiMessage } from './api-message.js';
import { RETRY_STATUSES } from './http-error.js';
import { retryAfterMs } from './retry-timing.js';
import type { Send } from './send.js';

export interface IssuedToken {
  /** The headers that carry it on every request. */
  headers: Record<string, string>;
  /** The token itself: a secret like any other, to be redacted. */
  value: string;
}

/** `variables` name the environment variables behind the credentials, for the message when they are refused. */
export async function requestToken(send: Send, token: TokenRequest, origin: string, variables: readonly string[] = []): Promise<IssuedToken> {
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
  const response = await send({
    method: 'POST',
    url,
    headers,
    body: token.form ? new URLSearchParams(token.form).toString() : body === undefined ? undefined : JSON.stringify(body),
  });
  const where = `the token endpoint ${url.origin}${url.pathname}`;
  if (RETRY_STATUSES.has(response.status)) {
    throw new TransientError('TOKEN_UNAVAILABLE', `${where} answered ${response.status}: ${snippet(response.text)}`, { retryAfterMs: retryAfterMs(response.headers['retry-after']) });
  }
  if (response.status >= 400) {
    const said = apiMessage(response.text) ?? snippet(response.text);
    const check = variables.length > 0 ? `; check ${variables.join(' and ')}` : '';
    throw failure('TOKEN_FAILED', `${where} answered ${response.status}: ${said}${check}`);
  }
  let value: unknown;
  try {
    value = readPath(JSON.parse(response.text), token.tokenPath);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'string' || value === '') {
    throw failure('TOKEN_FAILED', `${where} sent no token at "${token.tokenPath}"`);
  }
  return { headers: { [token.header]: token.scheme ? `${token.scheme} ${value}` : value }, value };
}
