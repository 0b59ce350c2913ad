/** `--sandbox`: starts the profile's emulator in-process and gives the export its URL and credentials. */
import { startSandbox } from './registry.js';

export interface RunningSandbox {
  url: string;
  /** The only environment the sandboxed export sees: the emulator's own credentials. */
  env: NodeJS.ProcessEnv;
  /** Filter values the sandbox supplies when the user gives none (see Emulator.filterDefaults). */
  filterDefaults: Record<string, string>;
  close(): Promise<void>;
}

export async function startSandboxFor(profile: string, options: { latencyMs?: number } = {}): Promise<RunningSandbox> {
  const server = await startSandbox(profile, options);
  return {
    url: server.url,
    env: { ...server.emulator.env },
    filterDefaults: { ...server.emulator.filterDefaults },
    close: () => server.close(),
  };
}
