/** Builds the parsed request the sandbox server hands an emulator, from an absolute URL. */
import type { Emulator, SandboxRequest, SandboxResponse } from '../../sandbox/server/types.js';

export const ORIGIN = 'http://127.0.0.1:4010';

export function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): SandboxRequest {
  const parsed = new URL(url, ORIGIN);
  const headers = Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method: init.method ?? 'GET',
    path: parsed.pathname,
    query: parsed.searchParams,
    headers,
    rawBody: init.body ?? '',
    origin: parsed.origin,
  };
}

export async function send(
  emulator: Emulator,
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<SandboxResponse & { body: any }> {
  return (await emulator.handle(request(url, init))) as SandboxResponse & { body: any };
}

/** Ids that occur more than once, for a failure message that names them. */
export function duplicates(ids: readonly unknown[]): unknown[] {
  const seen = new Set<unknown>();
  return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}
