/**
 * Serves an emulator over real loopback HTTP. Each request goes through, in order: counters and
 * log, fault injection, the provider's rate limit, latency, and then the emulator's handler.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaultInjector, faultResponse, type FaultDecision, type FaultOptions } from './faults.js';
import { createRateWindow } from './rate-window.js';
import { emptyStats, type RequestLogEntry, type SandboxStats } from './stats.js';
import type { Emulator, SandboxRequest, SandboxResponse } from './types.js';

export interface SandboxServerOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Delay in ms before each request is handled; 0 allowed. @default emulator.latencyMs */
  latencyMs?: number;
  /** @default no faults */
  faults?: FaultOptions;
  /** Most requests kept in `stats.log`; later ones are only counted. @default 100_000 */
  logLimit?: number;
}

export interface SandboxServer {
  /** The origin, `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /** Live counters, replaced by `resetStats()`. */
  readonly stats: SandboxStats;
  /** Replaces the fault options; request numbering (for `burst429`) and the random stream restart. */
  setFaults(faults: FaultOptions | undefined): void;
  resetStats(): void;
  /** Stops listening and destroys every connection, idle keep-alive and hanging ones included. */
  close(): Promise<void>;
}

type InjectedFault = Exclude<FaultDecision, { kind: 'none' }>;

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    // unref: a pending delay must not keep a finished test process alive after close()
    setTimeout(resolve, ms).unref();
  });

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 0 ? '' : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Objects go out as JSON, strings as given; content-length is always set so keep-alive works. */
function send(res: ServerResponse, response: SandboxResponse): void {
  if (res.destroyed) return;
  const { body } = response;
  const payload = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string | number> = {};
  if (body !== undefined) {
    headers['content-type'] = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  }
  for (const [key, value] of Object.entries(response.headers ?? {})) headers[key.toLowerCase()] = value;
  headers['content-length'] = Buffer.byteLength(payload);
  res.writeHead(response.status, headers);
  res.end(payload);
}

export async function startSandboxServer(emulator: Emulator, options: SandboxServerOptions = {}): Promise<SandboxServer> {
  const host = options.host ?? '127.0.0.1';
  const latencyMs = options.latencyMs ?? emulator.latencyMs;
  const logLimit = options.logLimit ?? 100_000;
  const rateWindow = emulator.rateLimit && createRateWindow(emulator.rateLimit);
  let nextFault = createFaultInjector(options.faults ?? {});
  let stats = emptyStats();
  let port = options.port ?? 0;

  const reply = (res: ServerResponse, entry: RequestLogEntry, response: SandboxResponse): void => {
    entry.status = response.status;
    stats.statuses[response.status] = (stats.statuses[response.status] ?? 0) + 1;
    send(res, response);
  };

  /** Resolves true when the fault ended the request, false when it only delayed it. */
  const applyFault = async (fault: InjectedFault, req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry) => {
    entry.fault = fault.kind;
    stats.faults[fault.kind]++;
    if (fault.kind === 'reset') req.socket.resetAndDestroy();
    if (fault.kind === 'slow') await sleep(fault.delayMs);
    const response = faultResponse(fault);
    if (response) reply(res, entry, response);
    return fault.kind !== 'slow';
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const headers = flatHeaders(req);
    const entry: RequestLogEntry = {
      at: Date.now(),
      method: req.method ?? 'GET',
      path: mark < 0 ? url : url.slice(0, mark),
      query: mark < 0 ? '' : url.slice(mark + 1),
      status: 0,
      headers,
    };
    stats.requests++;
    if (++stats.inFlight > stats.maxInFlight) stats.maxInFlight = stats.inFlight;
    if (stats.log.length < logLimit) stats.log.push(entry);
    else stats.logDropped++;
    res.on('close', () => {
      stats.inFlight--;
      entry.end = Date.now();
    });

    // numbered on arrival, so `burst429.after` counts requests in the order clients sent them
    const fault = nextFault();
    const rawBody = await readBody(req);
    if (fault.kind !== 'none' && (await applyFault(fault, req, res, entry))) return;

    const wait = rateWindow ? rateWindow.take(Date.now()) : 0;
    if (wait > 0 && emulator.rateLimit) {
      stats.rateLimited++;
      return reply(res, entry, emulator.rateLimit.reply(wait));
    }
    if (latencyMs > 0) await sleep(latencyMs);
    const request: SandboxRequest = {
      method: entry.method,
      path: entry.path,
      query: new URLSearchParams(entry.query),
      headers,
      rawBody,
      origin: `http://${headers.host ?? `${host}:${port}`}`,
    };
    try {
      reply(res, entry, await emulator.handle(request));
    } catch (error) {
      reply(res, entry, { status: 500, body: { error: 'sandbox emulator error', message: String(error) } });
    }
  };

  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    // a client that hangs up mid-request is not an error of the sandbox
    req.on('error', () => {});
    res.on('error', () => {});
    serve(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}`,
    port,
    get stats() {
      return stats;
    },
    setFaults(faults) {
      nextFault = createFaultInjector(faults ?? {});
    },
    resetStats() {
      stats = emptyStats(stats.inFlight);
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
