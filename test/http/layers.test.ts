import { describe, expect, it } from 'vitest';
import { TransientError, failure } from '../../src/errors.js';
import type { HttpRequest, HttpResponse } from '../../src/http/client.js';
import { HttpError } from '../../src/http/http-error.js';
import { withRetries } from '../../src/http/with-retries.js';
import { withLimiter } from '../../src/http/with-limiter.js';
import { createAuthLayer } from '../../src/http/with-auth.js';
import { createLimiter } from '../../src/rate-limit/limiter.js';

const request = (url = 'https://api.test/items'): HttpRequest => ({ method: 'GET', url: new URL(url), headers: {} });
const response = (status: number, headers: Record<string, string> = {}, text = '{}'): HttpResponse => ({ status, headers, text });
const identity = (text: string) => text;

describe('the retry layer', () => {
  it('retries what is retryable, as often as allowed, with the wait the server asked for', async () => {
    let calls = 0;
    const events: Array<{ attempt: number; reason: string; waitMs: number }> = [];
    const result = await withRetries(
      async () => {
        calls++;
        if (calls < 3) throw new TransientError('MALFORMED_RESPONSE', 'not JSON', { retryAfterMs: 1 });
        return 'page';
      },
      { retries: 5, onRetry: (event) => events.push(event) },
    );
    expect(result).toBe('page');
    expect(calls).toBe(3);
    expect(events).toEqual([
      { attempt: 1, reason: 'not JSON', waitMs: 1 },
      { attempt: 2, reason: 'not JSON', waitMs: 1 },
    ]);
  });

  it('gives up after the last retry, saying how many attempts an HTTP failure took', async () => {
    const unavailable = new HttpError({ response: response(503), where: 'GET https://api.test/items', said: 'busy', retryAfterMs: 0, redact: identity });
    await expect(withRetries(async () => Promise.reject(unavailable), { retries: 2 })).rejects.toThrow('HTTP 503 from GET https://api.test/items after 3 attempts: busy');
  });

  it('never retries what is not retryable', async () => {
    let calls = 0;
    const refused = new HttpError({ response: response(404), where: 'GET https://api.test/x', said: 'no such thing', redact: identity });
    await expect(withRetries(async () => (calls++, Promise.reject(refused)), { retries: 5 })).rejects.toBe(refused);
    await expect(withRetries(async () => Promise.reject(failure('QUOTA_SPENT', 'spent')), { retries: 5 })).rejects.toThrow('spent');
    expect(calls).toBe(1);
  });
});

describe('the limiter layer', () => {
  it('a 429 throttles the whole limiter; a quota-spent 429 is final', async () => {
    const limiter = createLimiter({ concurrency: 1 });
    const throttled: number[] = [];
    const spy = { ...limiter, throttled: (ms: number) => throttled.push(ms) };
    const answer = (status: number, headers: Record<string, string>) => withLimiter(async () => response(status, headers, '{"message":"slow down"}'), { limiter: spy, budget: { quota: 'x-quota-remaining' }, concurrency: 1, redact: identity });
    expect((await answer(429, { 'retry-after': '2' })(request())).status).toBe(429);
    expect(throttled).toEqual([2000]);
    await expect(answer(429, { 'x-quota-remaining': '0' })(request())).rejects.toThrow(/the API quota is spent \(x-quota-remaining: 0\): slow down/);
  });

  it('a remaining-budget header at the in-flight count holds every start until the reset', async () => {
    const limiter = createLimiter({ concurrency: 2 });
    const send = withLimiter(async () => response(200, { 'x-left': '2', 'x-reset': '3' }), { limiter, budget: { remaining: 'x-left', reset: 'x-reset' }, concurrency: 2, redact: identity });
    await send(request());
    expect(limiter.stats.pauses).toBe(1);
    expect(limiter.stats.waitedMs).toBeGreaterThan(2900);
  });
});

describe('the auth layer', () => {
  const tokenAuth = { headers: {}, secrets: ['client-secret'], variables: ['CLIENT_ID', 'CLIENT_SECRET'], token: { url: '/oauth/token', tokenPath: 'access_token', header: 'authorization', scheme: 'Bearer', form: { grant_type: 'client_credentials' } } };

  it('sends credentials to the origin only, and a new token once per refused one', async () => {
    let issued = 0;
    const seen: Array<[string, string | undefined]> = [];
    const auth = createAuthLayer({
      auth: tokenAuth,
      origin: 'https://api.test',
      tokenSend: async () => response(200, {}, JSON.stringify({ access_token: `token-${++issued}` })),
      retry: { retries: 0 },
    });
    const send = auth.wrap(async (sent) => {
      seen.push([sent.url.origin, sent.headers.authorization]);
      return response(sent.headers.authorization === 'Bearer token-1' ? 401 : 200);
    });
    const refused = await send(request());
    expect(refused.status).toBe(401);
    await send(request('https://cdn.elsewhere.test/file'));
    expect(auth.renew(refused)).toBe(true);
    expect(auth.renew(refused)).toBe(true);
    expect((await send(request())).status).toBe(200);
    expect(issued).toBe(2);
    expect(seen).toEqual([
      ['https://api.test', 'Bearer token-1'],
      ['https://cdn.elsewhere.test', undefined],
      ['https://api.test', 'Bearer token-2'],
    ]);
    expect(auth.secrets()).toEqual(['client-secret', 'token-1', 'token-2']);
  });
});
