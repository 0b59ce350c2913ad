/**
 * Artsy's token endpoint, `POST /api/tokens/xapp_token`: `client_id` and `client_secret` as a
 * form, JSON or query parameters; any other body type is a 406. Tokens carry `expires_at` and are
 * refused after it, on the emulator's clock.
 */
import { bodyFields, bodyKind } from '../server/client-credentials.js';
import { createTokenIssuer, type TokenState } from '../server/issued-tokens.js';
import { otherError, paramError } from './errors.js';
import type { SandboxRequest, SandboxResponse } from '../server/types.js';

export interface XappTokens {
  handle(request: SandboxRequest): SandboxResponse;
  check(token: string): TokenState;
}

export function createXappTokens(options: {
  clientId: string;
  clientSecret: string;
  ttlMs: number;
  now: () => number;
  seed: number;
}): XappTokens {
  const issuer = createTokenIssuer('sandbox-xapp-', options.ttlMs, options.now, options.seed);
  return {
    check: (token) => issuer.check(token),
    handle(request) {
      if (request.method !== 'POST') return otherError(405, 'Method Not Allowed');
      if (bodyKind(request) === 'other') {
        return otherError(406, 'Not Acceptable: send application/x-www-form-urlencoded or application/json');
      }
      const body = bodyFields(request);
      if (body === undefined) return paramError('The body is not a JSON object.', { body: ['is invalid'] });
      const fields = { ...Object.fromEntries(request.query), ...body };
      const missing = ['client_id', 'client_secret'].filter((name) => !fields[name]);
      if (missing.length > 0) {
        const detail = Object.fromEntries(missing.map((name) => [name, ['is missing']]));
        return paramError(`Missing ${missing.join(' and ')}.`, detail);
      }
      if (fields.client_id !== options.clientId || fields.client_secret !== options.clientSecret) {
        return { status: 401, body: { type: 'auth_error', message: 'Invalid client_id or client_secret.' } };
      }
      const { token, expiresAt } = issuer.issue();
      return { status: 201, body: { type: 'xapp_token', token, expires_at: new Date(expiresAt).toISOString() } };
    },
  };
}
