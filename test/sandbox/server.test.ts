import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxServer, type SandboxServer, type SandboxServerOptions } from '../../sandbox/server/server.js';
import type { Emulator, SandboxRequest, SandboxResponse } from '../../sandbox/server/types.js';

/** Answers with what it was given, so tests see the request exactly as the emulator does. */
function echo(overrides: Partial<Emulator> = {}): Emulator {
  return {
    name: 'echo',
    env: {},
    latencyMs: 0,
    handle: (request: SandboxRequest): SandboxResponse => ({
      status: 200,
      headers: { 'x-echo': 'yes' },
      body: { ...request, query: request.query.toString() },
    }),
    records: () => [],
    ...overrides,
  };
}

const servers: SandboxServer[] = [];
async function start(emulator: Emulator, options?: SandboxServerOptions): Promise<SandboxServer> {
  const server = await startSandboxServer(emulator, options);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
}

describe('sandbox server', () => {
  it('hands the emulator the parsed request and sends objects as JSON with a length', async () => {
    const server = await start(echo());
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const response = await fetch(`${server.url}/a/b?x=1&y=%3D`, { method: 'POST', headers: { 'X-Key': 'secret' }, body: '{"z":2}' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-echo')).toBe('yes');
    const text = await response.text();
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(JSON.parse(text)).toMatchObject({
      method: 'POST',
      path: '/a/b',
      query: 'x=1&y=%3D',
      headers: { 'x-key': 'secret' },
      rawBody: '{"z":2}',
      origin: server.url,
    });
  });

  it('sends string bodies as they are', async () => {
    const server = await start(echo({ handle: () => ({ status: 200, headers: { 'Content-Type': 'text/html' }, body: '<p>é</p>' }) }));
    const response = await fetch(server.url);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toBe('<p>é</p>');
  });

  it('applies the emulator latency by default, and the latency option over it', async () => {
    const slow = await start(echo({ latencyMs: 120 }));
    const [, elapsed] = await timed(() => fetch(slow.url).then((r) => r.text()));
    expect(elapsed).toBeGreaterThanOrEqual(110);
    const fast = await start(echo({ latencyMs: 5000 }), { latencyMs: 0 });
    const [, quick] = await timed(() => fetch(fast.url).then((r) => r.text()));
    expect(quick).toBeLessThan(1000);
  });

  it("enforces the emulator's rate limit with its own reply", async () => {
    const server = await start(
      echo({
        rateLimit: {
          limit: 3,
          windowMs: 60_000,
          reply: (ms) => ({ status: 429, headers: { 'retry-after': String(Math.ceil(ms / 1000)) }, body: { slow: 'down' } }),
        },
      }),
    );
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const response = await fetch(server.url);
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
      await response.text();
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(retryAfter).toBe('60');
    expect(server.stats.rateLimited).toBe(2);
    expect(server.stats.statuses).toEqual({ 200: 3, 429: 2 });
  });

  it('counts concurrency: maxInFlight', async () => {
    const server = await start(echo({ handle: async () => (await sleep(100), { status: 204 }) }));
    const responses = await Promise.all(Array.from({ length: 10 }, () => fetch(server.url)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(204));
    expect(server.stats.maxInFlight).toBe(10);
    expect(server.stats.inFlight).toBe(0);
    expect(server.stats.requests).toBe(10);
  });

  it('logs each request with its headers, status and timing, up to logLimit; resetStats starts over', async () => {
    const server = await start(echo(), { logLimit: 2 });
    for (const token of ['a', 'b', 'c']) await (await fetch(`${server.url}/p?q=${token}`, { headers: { authorization: `Bearer ${token}` } })).text();
    const { log, logDropped } = server.stats;
    expect(log).toHaveLength(2);
    expect(logDropped).toBe(1);
    expect(log[0]).toMatchObject({ method: 'GET', path: '/p', query: 'q=a', status: 200, headers: { authorization: 'Bearer a' } });
    expect(log[0].end).toBeGreaterThanOrEqual(log[0].at);
    server.resetStats();
    expect(server.stats).toMatchObject({ requests: 0, log: [], statuses: {} });
  });

  it('answers 500 when the emulator throws', async () => {
    const server = await start(echo({ handle: () => { throw new Error('boom'); } }));
    const response = await fetch(server.url);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ message: 'Error: boom' });
  });
});

describe('sandbox server faults', () => {
  it('error5xx: a 500, 502 or 503 JSON reply', async () => {
    const server = await start(echo(), { faults: { error5xx: 1 } });
    const response = await fetch(server.url);
    expect([500, 502, 503]).toContain(response.status);
    expect(await response.json()).toMatchObject({ error: 'injected fault' });
    expect(server.stats.faults.error5xx).toBe(1);
  });

  it('reset: the connection drops without a reply', async () => {
    const server = await start(echo(), { faults: { reset: 1 } });
    await expect(fetch(server.url)).rejects.toThrow();
    expect(server.stats.faults.reset).toBe(1);
  });

  it('rate429: 429 with Retry-After', async () => {
    const server = await start(echo(), { faults: { rate429: 1, retryAfterS: 2 } });
    const response = await fetch(server.url);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
  });

  it('malformed: a 200 whose body does not parse as JSON', async () => {
    const server = await start(echo(), { faults: { malformed: 1, seed: 3 } });
    for (let i = 0; i < 6; i++) {
      const response = await fetch(server.url);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(() => JSON.parse(text), text).toThrow();
    }
  });

  it('slow: the normal reply after slowMs', async () => {
    const server = await start(echo(), { faults: { slow: 1, slowMs: 150 } });
    const [response, elapsed] = await timed(() => fetch(server.url));
    expect(response.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(140);
  });

  it('burst429: exactly the requests after the after-th, counted again after setFaults', async () => {
    const server = await start(echo());
    const statuses = async (n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const response = await fetch(server.url);
        await response.text();
        out.push(response.status);
      }
      return out;
    };
    expect(await statuses(2)).toEqual([200, 200]);
    server.setFaults({ burst429: { after: 2, count: 2, retryAfterS: 1 } });
    expect(await statuses(5)).toEqual([200, 200, 429, 429, 200]);
    expect(server.stats.faults.burst429).toBe(2);
  });

  it('hang: no reply until the client gives up; close() still ends at once', async () => {
    const server = await start(echo(), { faults: { hang: 1 } });
    await expect(fetch(server.url, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    const hanging = fetch(server.url).catch((error: unknown) => error);
    await sleep(50);
    expect(server.stats.inFlight).toBeGreaterThanOrEqual(1);
    const [, elapsed] = await timed(() => server.close());
    expect(elapsed).toBeLessThan(500);
    expect(await hanging).toBeInstanceOf(Error);
  });
});

describe('sandbox server lifecycle', () => {
  it('close() ends promptly with idle keep-alive connections open', async () => {
    const server = await startSandboxServer(echo());
    await Promise.all(Array.from({ length: 5 }, () => fetch(server.url).then((r) => r.text())));
    const [, elapsed] = await timed(() => server.close());
    expect(elapsed).toBeLessThan(500);
  });
});
