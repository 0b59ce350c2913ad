/**
 * The library API: the same preparation and export loop as the CLI, as an async iterable of records.
 *
 *   import { exportRecords } from 'paginate';
 *   for await (const artist of exportRecords({ profile: 'soundcharts', filters: [['min', '10000']] })) …
 */
import { loadProfile, type LoadedProfile } from './profile/load.js';
import type { Profile } from './profile/schema.js';
import type { EngineOptions } from './engine.js';
import { parseRate } from './rate-limit/rate.js';
import type { ExportValues } from './options/export-options.js';
import { prepareExport } from './run/prepare.js';
import { createExportLoop } from './run/export-loop.js';

export { loadProfile, parseProfile, listProfiles } from './profile/load.js';
export type { Profile } from './profile/schema.js';
export { PaginateError, ExitCode } from './errors.js';
export { EXPORT_DEFAULTS } from './options/export-options.js';

/**
 * The engine's choices, plus these of `paginate export`'s options, typed and defaulted as the
 * option table (src/options/export-options.ts) declares them: `maxItems` (stop after this many
 * records), `limiter` (`redis://…`, the rate budget shared with other processes),
 * `limiterTimeoutMs` (how long requests wait for a lost limiter), `sandbox` (the built-in
 * emulator of this provider, no credentials needed) and `profileFile`.
 */
export type ExportRecordsOptions = Omit<EngineOptions, 'profile' | 'rate' | 'sharedLimiter'> &
  Partial<Pick<ExportValues, 'maxItems' | 'limiter' | 'limiterTimeoutMs' | 'sandbox' | 'profileFile'>> & {
    /** A profile name (looked up like the CLI does), or an already loaded profile. */
    profile: string | Profile;
    /** Request rate such as `5000/min`; the profile's by default. */
    rate?: string;
  };

/** Every record of the endpoint, in order. Stops sending requests when `signal` aborts or the loop breaks. */
export async function* exportRecords(options: ExportRecordsOptions): AsyncGenerator<unknown, void, undefined> {
  const loaded: LoadedProfile | undefined =
    typeof options.profile === 'string' || options.profileFile
      ? loadProfile({ name: typeof options.profile === 'string' ? options.profile : undefined, file: options.profileFile }, options.env)
      : undefined;
  const prepared = await prepareExport({
    ...options,
    profile: loaded?.profile ?? (options.profile as Profile),
    profileFile: loaded?.file,
    rate: options.rate === undefined ? undefined : parseRate(options.rate, 'rate'),
  });
  try {
    for await (const { records } of createExportLoop({ maxItems: options.maxItems }).run(prepared.engine.pages())) {
      for (const record of records) {
        options.signal?.throwIfAborted();
        yield record;
      }
    }
  } finally {
    await prepared.close();
  }
}
