/**
 * Where an export's requests go, decided at the edge (CLI and library) so that nothing below it
 * knows `--sandbox`: the base URL, the environment the engine reads credentials from, the filters
 * to send, and the identity its checkpoints are keyed by. With `--sandbox` that is the built-in
 * emulator, started here; otherwise the user's choices as given.
 */
import type { Profile } from '../profile/schema.js';

export interface TargetChoices {
  sandbox?: boolean;
  endpoint?: string;
  filters?: ReadonlyArray<readonly [string, string]>;
  baseUrl?: string;
  env?: NodeJS.ProcessEnv;
  /** Filters set later, per parent (fan-out): the sandbox never fills them in. */
  deferredFilters?: readonly string[];
}

export interface Target {
  baseUrl?: string;
  env?: NodeJS.ProcessEnv;
  filters?: ReadonlyArray<readonly [string, string]>;
  /** What names this server in checkpoint keys; the origin in use when absent. */
  identity?: string;
  close(): Promise<void>;
}

export async function targetOf(profile: Profile, choices: TargetChoices): Promise<Target> {
  if (!choices.sandbox) return { baseUrl: choices.baseUrl, env: choices.env, filters: choices.filters, close: async () => {} };
  const { startSandboxFor } = await import('../../sandbox/for-profile.js');
  const sandbox = await startSandboxFor(profile.name);
  return {
    baseUrl: sandbox.url,
    // The only environment a sandboxed export sees: the emulator's own credentials.
    env: sandbox.env,
    filters: sandbox.fillFilters(choices.filters ?? [], profile, choices.endpoint, choices.deferredFilters),
    // The emulator listens on a new port each run: its checkpoints must match across runs anyway.
    identity: 'sandbox',
    close: () => sandbox.close(),
  };
}
