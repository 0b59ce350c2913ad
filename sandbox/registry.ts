/** Every emulator by its profile name, and a one-call way to serve one. */
import { usageError } from '../src/errors.js';
import { createArtsyEmulator } from './artsy/emulator.js';
import { createPodchaserEmulator } from './podchaser/emulator.js';
import { startSandboxServer, type SandboxServer, type SandboxServerOptions } from './server/server.js';
import { createSoundchartsEmulator } from './soundcharts/emulator.js';
import { createSoundcloudEmulator } from './soundcloud/emulator.js';
import { createStartingAtEmulator } from './starting-at/emulator.js';
import type { Emulator, EmulatorOptions } from './server/types.js';

const FACTORIES = {
  soundcharts: createSoundchartsEmulator,
  soundcloud: createSoundcloudEmulator,
  podchaser: createPodchaserEmulator,
  artsy: createArtsyEmulator,
  'starting-at': createStartingAtEmulator,
} satisfies Record<string, (options?: EmulatorOptions) => Emulator>;

export type EmulatorName = keyof typeof FACTORIES;

export const EMULATORS = Object.keys(FACTORIES) as readonly EmulatorName[];

export function createEmulator(name: string, options?: EmulatorOptions): Emulator {
  if (!Object.hasOwn(FACTORIES, name)) {
    throw usageError('NO_SANDBOX', `there is no sandbox for profile "${name}"; sandboxes exist for ${EMULATORS.join(', ')}`);
  }
  return FACTORIES[name as EmulatorName](options);
}

/** Emulator options (seed, size, rate limit…) and server options (port, latency, faults…) in one. */
export type StartSandboxOptions = EmulatorOptions & SandboxServerOptions;

export async function startSandbox(name: string, options: StartSandboxOptions = {}): Promise<SandboxServer & { emulator: Emulator }> {
  const emulator = createEmulator(name, options);
  const server = await startSandboxServer(emulator, options);
  // a spread would copy `stats` once; the getter must stay live
  return Object.defineProperty(server, 'emulator', { value: emulator, enumerable: true }) as SandboxServer & { emulator: Emulator };
}
