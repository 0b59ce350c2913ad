/** `paginate sandbox <profile>`: serves an emulator until interrupted, for curl and other tools. */
import { usageError } from '../src/errors.js';
import { startSandbox } from './registry.js';
import { parseFaultSpec } from './server/fault-spec.js';

export interface SandboxCommandOptions {
  port?: string;
  latency?: string;
  faults?: string;
}

export async function runSandboxCommand(profile: string, raw: SandboxCommandOptions, signal: AbortSignal): Promise<void> {
  const port = wholeNumber('--port', raw.port, 0, 65535);
  const latencyMs = wholeNumber('--latency', raw.latency, 0, 60_000);
  const faults = raw.faults === undefined ? undefined : parseFaultSpec(raw.faults);
  const server = await startSandbox(profile, { port, latencyMs, faults });
  const env = Object.entries(server.emulator.env).map(([name, value]) => `${name}=${value}`).join(' ');
  process.stderr.write(
    `paginate: ${profile} sandbox listening on ${server.url} (Ctrl-C to stop)\n` +
      (faults ? `paginate: injecting faults: ${raw.faults}\n` : '') +
      `paginate: try: ${env} paginate export ${profile} --base-url ${server.url}\n`,
  );
  process.stdout.write(`${server.url}\n`);
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await server.close();
  if (faults) process.stderr.write(`paginate: ${faultSummary(server.stats)}\n`);
  process.exitCode = 0;
}

function faultSummary(stats: { requests: number; faults: Record<string, number> }): string {
  const injected = Object.entries(stats.faults).filter(([, count]) => count > 0);
  const list = injected.map(([kind, count]) => `${kind} ${count}`).join(', ');
  return `served ${stats.requests} requests, injected ${injected.length === 0 ? 'no faults' : list}`;
}

function wholeNumber(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw usageError('BAD_OPTION', `${flag} "${value}": expected a whole number from ${min} to ${max}`);
  }
  return number;
}
