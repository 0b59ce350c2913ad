/** `--sandbox`: starts the profile's emulator in-process and gives the export its URL and credentials. */
import { startSandbox } from './registry.js';
import type { Profile } from '../src/profile/schema.js';
import { endpointNameOf } from '../src/profile/resolve.js';

export interface RunningSandbox {
  url: string;
  /** The only environment the sandboxed export sees: the emulator's own credentials. */
  env: NodeJS.ProcessEnv;
  /** The given filters plus the sandbox's values for those the endpoint requires and the user left out. */
  /** `deferred` filters are set later, per parent (fan-out): never filled. */
  fillFilters(given: ReadonlyArray<readonly [string, string]>, profile: Profile, endpoint?: string, deferred?: readonly string[]): Array<[string, string]>;
  close(): Promise<void>;
}

export async function startSandboxFor(name: string, options: { latencyMs?: number } = {}): Promise<RunningSandbox> {
  const server = await startSandbox(name, options);
  return {
    url: server.url,
    env: { ...server.emulator.env },
    fillFilters(given, profile, endpoint, deferred = []) {
      const filters = profile.endpoints[endpointNameOf(profile, endpoint)]?.filters ?? {};
      const defaults = Object.entries(server.emulator.filterDefaults ?? {});
      const missing = defaults.filter(([name]) => name in filters && !deferred.includes(name) && !given.some(([key]) => key === name));
      return [...missing, ...given.map(([name, value]): [string, string] => [name, value])];
    },
    close: () => server.close(),
  };
}
