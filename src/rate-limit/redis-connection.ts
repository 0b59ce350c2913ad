/**
 * The one file that imports the Redis client (ioredis 5). It offers the limiter two things: run
 * a Lua script atomically, and say whether a failure means "Redis cannot be reached right now"
 * (worth waiting for) or a real error. Reconnects run in the background every ≤ 1 s.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { LimiterUrl } from './limiter-url.js';

export interface RedisLink {
  /** EVALSHA, falling back to EVAL when Redis has not seen the script (first use, or after a restart). */
  run(script: string, keys: string[], args: Array<string | number>): Promise<unknown>;
  close(): Promise<void>;
}

/** Redis is unreachable, restarting or loading: the caller may wait and try again. */
export class RedisDown extends Error {}

/** Replies that mean the server is there but not serving yet. */
const NOT_READY = /^(LOADING|BUSY|MASTERDOWN|READONLY|TRYAGAIN|CLUSTERDOWN)\b/;

export async function connectRedis(url: LimiterUrl, options: { connectTimeoutMs: number; commandTimeoutMs: number }): Promise<RedisLink> {
  let connected = false;
  const redis = new Redis({
    host: url.host,
    port: url.port,
    db: url.db,
    username: url.username,
    password: url.password,
    // Node verifies the certificate against the host name (and sends it as SNI unless it is an IP).
    tls: url.tls ? {} : undefined,
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs,
    // Its fallback timer outlives a refused connection and would hold the process 2 s at exit.
    disconnectTimeout: 100,
    // Commands fail at once while disconnected: the limiter decides how long to wait, not a hidden queue.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // The first connection is tried once (exit 2 at start); a lost one is retried in the background.
    retryStrategy: (times) => (connected ? Math.min(times * 100, 1000) : null),
  });
  // Failures surface through the commands; the event only says why a connection failed.
  let why: Error | undefined;
  redis.on('error', (error: Error) => (why = error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw why ?? error;
  }
  connected = true;
  const sha = new Map<string, string>();
  const digest = (script: string) => sha.get(script) ?? sha.set(script, createHash('sha1').update(script).digest('hex')).get(script)!;
  const classify = (error: unknown): never => {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && error.name === 'ReplyError' && !NOT_READY.test(message)) throw error;
    throw new RedisDown(message, { cause: error });
  };
  const run = async (script: string, keys: string[], args: Array<string | number>) => {
    try {
      return await redis.evalsha(digest(script), keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) return classify(error);
    }
    return redis.eval(script, keys.length, ...keys, ...args).catch(classify);
  };
  return {
    // ioredis's own commandTimeout leaves its timer running after a rejected command, holding the
    // process open: an unref'd timer of ours bounds a Redis that accepts but never answers.
    run: (script, keys, args) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RedisDown(`no answer within ${options.commandTimeoutMs} ms`)), options.commandTimeoutMs).unref();
      });
      return Promise.race([run(script, keys, args), timeout]).finally(() => clearTimeout(timer));
    },
    async close() {
      connected = false;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
