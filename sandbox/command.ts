/** `paginate sandbox <profile>`: serves an emulator until interrupted, for curl and other tools. */
import { usageError } from '../src/errors.js';
import { startSandbox } from './registry.js';

export async function runSandboxCommand(profile: string, raw: { port?: string; latency?: string }, signal: AbortSignal): Promise<void> {
  const port = wholeNumber('--port', raw.port, 0, 65535);
  const latencyMs = wholeNumber('--latency', raw.latency, 0, 60_000);
  const server = await startSandbox(profile, { port, latencyMs });
  const env = Object.entries(server.emulator.env).map(([name, value]) => `${name}=${value}`).join(' ');
  process.stderr.write(
    `paginate: ${profile} sandbox listening on ${server.url} (Ctrl-C to stop)\n` +
      `paginate: try: ${env} paginate export ${profile} --base-url ${server.url}\n`,
  );
  process.stdout.write(`${server.url}\n`);
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await server.close();
  process.exitCode = 0;
}

function wholeNumber(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw usageError('BAD_OPTION', `${flag} "${value}": expected a whole number from ${min} to ${max}`);
  }
  return number;
}
