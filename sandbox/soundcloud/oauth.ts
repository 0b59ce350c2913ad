/**
 * SoundCloud's token endpoint, `POST /oauth/token`: client credentials (HTTP Basic or form
 * fields) and single-use refresh tokens. Issued tokens expire on the emulator's clock, and
 * issuing is throttled per app as SoundCloud documents (50 tokens per 12 h).
 */
import { basicCredentials, bodyKind, bodyFields } from '../server/client-credentials.js';
import { createTokenIssuer, type TokenState } from '../server/issued-tokens.js';
import { createRateWindow } from '../server/rate-window.js';
import type { SandboxRequest, SandboxResponse } from '../server/types.js';

export interface SoundcloudOAuthOptions {
  clientId: string;
  clientSecret: string;
  tokenTtlMs: number;
  /** Client-credentials grants allowed per window; `false` for no limit. */
  issueLimit: { limit: number; windowMs: number } | false;
  now: () => number;
  seed: number;
}

export interface SoundcloudOAuth {
  handle(request: SandboxRequest): SandboxResponse;
  check(token: string): TokenState;
}

const oauthError = (status: number, error: string, description: string): SandboxResponse => ({
  status,
  body: { error, error_description: description },
});

export function createSoundcloudOAuth(options: SoundcloudOAuthOptions): SoundcloudOAuth {
  const issuer = createTokenIssuer('sandbox-sc-', options.tokenTtlMs, options.now, options.seed);
  const refreshTokens = createTokenIssuer('sandbox-sc-refresh-', Infinity, options.now, options.seed + 1);
  const usedRefreshTokens = new Set<string>();
  const issueWindow = options.issueLimit
    ? createRateWindow({ ...options.issueLimit, reply: () => ({ status: 429 }) })
    : undefined;

  function grant(): SandboxResponse {
    const { token } = issuer.issue();
    return {
      status: 200,
      body: {
        access_token: token,
        token_type: 'bearer',
        // SoundCloud reports one second less than the lifetime (3599 for an hour).
        expires_in: Math.max(0, Math.ceil(options.tokenTtlMs / 1000) - 1),
        refresh_token: refreshTokens.issue().token,
        scope: '',
      },
    };
  }

  return {
    check: (token) => issuer.check(token),
    handle(request) {
      if (request.method !== 'POST') return oauthError(405, 'invalid_request', 'use POST');
      if (bodyKind(request) !== 'form') {
        return oauthError(400, 'invalid_request', 'the body must be application/x-www-form-urlencoded');
      }
      const fields = bodyFields(request) ?? {};
      const client = basicCredentials(request) ?? { id: fields.client_id, secret: fields.client_secret };
      if (client.id !== options.clientId || client.secret !== options.clientSecret) {
        return oauthError(401, 'invalid_client', 'unknown client or wrong secret');
      }
      if (fields.grant_type === 'refresh_token') {
        const refresh = fields.refresh_token ?? '';
        if (refreshTokens.check(refresh) !== 'valid' || usedRefreshTokens.has(refresh)) {
          return oauthError(400, 'invalid_grant', 'the refresh token is invalid or was already used');
        }
        usedRefreshTokens.add(refresh);
        return grant();
      }
      if (fields.grant_type !== 'client_credentials') {
        return oauthError(400, 'unsupported_grant_type', 'use client_credentials or refresh_token');
      }
      const wait = issueWindow?.take(options.now()) ?? 0;
      if (wait > 0) {
        return {
          status: 429,
          headers: { 'retry-after': String(Math.ceil(wait / 1000)) },
          body: {
            code: 429,
            message: 'Too many client credentials tokens requested for this app',
            link: 'https://developers.soundcloud.com/docs/api/rate-limits',
            spam_warning_urn: 'soundcloud:spam-warnings:token-limit',
          },
        };
      }
      return grant();
    },
  };
}
