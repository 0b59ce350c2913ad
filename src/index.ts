/**
 * The library API: the same engine as the CLI, as an async iterable of records.
 *
 *   import { exportRecords } from 'paginate';
 *   for await (const artist of exportRecords({ profile: 'soundcharts', filters: [['min', '10000']] })) …
 */
import { loadProfile, type LoadedProfile } from './profile/load.js';
import type { Profile } from './profile/schema.js';
import { createEngine, type EngineOptions } from './engine.js';
import { parseRate } from './rate-limit/rate.js';

export { loadProfile, parseProfile, listProfiles } from './profile/load.js';
export type { Profile } from './profile/schema.js';
export { PaginateError, ExitCode } from './errors.js';

export interface ExportRecordsOptions extends Omit<EngineOptions, 'profile' | 'rate' | 'sharedLimiter'> {
  /** A profile name (looked up like the CLI does), or an already loaded profile. */
  profile: string | Profile;
  /** Load the profile from this file instead of by name. */
  profileFile?: string;
  /** Request rate such as `5000/min`; the profile's by default. */
  rate?: string;
  /** Stop after this many records. */
  maxItems?: number;
  /** `redis://[user:pass@]HOST:PORT[/DB]`: share the rate budget with other processes on Redis. */
  limiter?: string;
  /** How long requests wait for a lost `limiter` before the export fails, in ms. @default 60000 */
  limiterTimeoutMs?: number;
  /** Export from the built-in emulator of this provider: no credentials needed. */
  sandbox?: boolean;
}

/** Every record of the endpoint, in order. Stops sending requests when `signal` aborts or the loop breaks. */
export async function* exportRecords(options: ExportRecordsOptions): AsyncGenerator<unknown, void, undefined> {
  const loaded: LoadedProfile | undefined =
    typeof options.profile === 'string' || options.profileFile
      ? loadProfile({ name: typeof options.profile === 'string' ? options.profile : undefined, file: options.profileFile }, options.env)
      : undefined;
  const profile: Profile = loaded?.profile ?? (options.profile as Profile);
  const sharedLimiter = options.limiter
    ? await (await import('./rate-limit/shared-limiter.js')).connectSharedLimiter(options.limiter, { lostTimeoutMs: options.limiterTimeoutMs })
    : undefined;
  const sandbox = options.sandbox ? await (await import('../sandbox/for-profile.js')).startSandboxFor(profile.name) : undefined;
  try {
    const engine = createEngine({
      ...options,
      profile,
      profileFile: loaded?.file,
      filters: sandbox ? sandbox.fillFilters(options.filters ?? [], profile, options.endpoint) : options.filters,
      rate: options.rate === undefined ? undefined : parseRate(options.rate, 'rate'),
      baseUrl: sandbox?.url ?? options.baseUrl,
      env: sandbox?.env ?? options.env,
      sharedLimiter,
    });
    let count = 0;
    try {
      for await (const page of engine.pages()) {
        for (const record of page.records) {
          if (options.maxItems !== undefined && count >= options.maxItems) return;
          options.signal?.throwIfAborted();
          count++;
          yield record;
        }
      }
    } finally {
      await engine.close();
    }
  } finally {
    await sandbox?.close();
    await sharedLimiter?.close();
  }
}
