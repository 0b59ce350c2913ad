/** Artsy's error bodies: `{type, message, detail}` with `param_error`, `auth_error` or `other_error`. */
import type { SandboxResponse } from '../server/types.js';

export const paramError = (message: string, detail: Record<string, string[]>): SandboxResponse => ({
  status: 400,
  body: { type: 'param_error', message, detail },
});

export const otherError = (status: number, message: string): SandboxResponse => ({
  status,
  body: { type: 'other_error', message },
});

export const UNAUTHORIZED: SandboxResponse = {
  status: 401,
  body: { type: 'auth_error', message: 'The access token is invalid or has expired.' },
};
