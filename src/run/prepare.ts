/**
 * What the CLI and exportRecords() both do before the first page: connect a shared --limiter,
 * settle the target (the sandbox, started here, or the user's server) and create the engine;
 * and, once, everything to close afterwards.
 */
import { createEngine, type Engine, type EngineOptions } from '../engine.js';
import { targetOf, type Target, type TargetChoices } from './target.js';

export interface PrepareOptions extends Omit<EngineOptions, 'sharedLimiter'>, Omit<TargetChoices, 'endpoint' | 'filters' | 'baseUrl' | 'env' | 'deferredFilters'> {
  /** `redis://…`: the rate budget shared with other processes. */
  limiter?: string;
  limiterTimeoutMs?: number;
}

export interface PreparedExport {
  engine: Engine;
  /** What names the server in checkpoint keys: the origin in use, or the sandbox's fixed name. */
  identity: string;
  /** Closes the engine, the sandbox and the limiter connection, in that order. */
  close(): Promise<void>;
}

export async function prepareExport(options: PrepareOptions): Promise<PreparedExport> {
  // Reached before anything else starts: an unreachable limiter is exit 2 with nothing sent.
  const sharedLimiter = options.limiter
    ? await (await import('../rate-limit/shared-limiter.js')).connectSharedLimiter(options.limiter, { lostTimeoutMs: options.limiterTimeoutMs })
    : undefined;
  let target: Target | undefined;
  try {
    target = await targetOf(options.profile, options);
    const engine = createEngine({ ...options, baseUrl: target.baseUrl, env: target.env, filters: target.filters, sharedLimiter });
    const opened = target;
    return {
      engine,
      identity: target.identity ?? engine.resolved.origin,
      async close() {
        await engine.close();
        await opened.close();
        await sharedLimiter?.close();
      },
    };
  } catch (error) {
    await target?.close();
    await sharedLimiter?.close();
    throw error;
  }
}
