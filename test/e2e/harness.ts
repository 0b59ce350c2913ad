/**
 * End-to-end harness: serves an emulator in the test process over real loopback HTTP and runs
 * the built CLI (`node bin/paginate.js`) against it as a user would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type StartSandboxOptions } from '../../sandbox/registry.js';

export const BIN = fileURLToPath(new URL('../../bin/paginate.js', import.meta.url));

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** Kill the CLI after this many ms (a test safety net). @default 60000 */
  timeoutMs?: number;
  cwd?: string;
  onSpawn?: (child: ChildProcess) => void;
}

/** A clean environment: no user credentials, no profiles folder, no colour, a fresh checkpoint folder. */
export function baseEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'paginate-state-')),
    XDG_CONFIG_HOME: '/nonexistent-paginate-config',
    PAGINATE_PROFILES: '/nonexistent-paginate-profiles',
    NO_COLOR: '1',
    ...extra,
  };
}

export function runCli(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: options.env ?? baseEnv(),
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

type ServerStats = { statuses: Record<number, number> };

/** Responses an emulator has sent so far, whatever their status. */
export const answeredRequests = (stats: ServerStats): number => Object.values(stats.statuses).reduce((sum, n) => sum + n, 0);

/**
 * Sends `signal` to the CLI once the server has answered `count` requests (then `delayMs` more): a
 * stop mid-export that does not depend on how fast a loaded machine starts node.
 */
export function signalAfterResponses(child: ChildProcess, stats: ServerStats, count: number, signal: NodeJS.Signals, delayMs = 0): void {
  signalWhen(child, () => answeredRequests(stats) >= count, signal, delayMs);
}

/** Sends `signal` once `file` holds at least `lines` lines; `onSent` learns when. */
export function signalAfterLines(child: ChildProcess, file: string, lines: number, signal: NodeJS.Signals, onSent?: () => void): void {
  signalWhen(child, () => existsSync(file) && readFileSync(file, 'utf8').split('\n').length - 1 >= lines, signal, 0, onSent);
}

function signalWhen(child: ChildProcess, ready: () => boolean, signal: NodeJS.Signals, delayMs: number, onSent?: () => void): void {
  const poll = setInterval(() => {
    if (child.exitCode !== null) return clearInterval(poll);
    if (!ready()) return;
    clearInterval(poll);
    setTimeout(() => {
      onSent?.();
      child.kill(signal);
    }, delayMs);
  }, 5);
}

export async function withSandbox<T>(
  name: string,
  options: StartSandboxOptions,
  run: (sandbox: Awaited<ReturnType<typeof startSandbox>>) => Promise<T>,
): Promise<T> {
  const sandbox = await startSandbox(name, { latencyMs: 0, ...options });
  try {
    return await run(sandbox);
  } finally {
    await sandbox.close();
  }
}

export const parseNdjson = (text: string): unknown[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

/** Compares exported records with the emulator's, and says exactly what differs. */
export function diffRecords(actual: unknown[], expected: unknown[], key: (record: unknown) => string): string | undefined {
  const actualKeys = actual.map(key);
  const expectedKeys = expected.map(key);
  const unique = new Set(actualKeys);
  const missing = expectedKeys.filter((k) => !unique.has(k));
  const duplicates = actualKeys.length - unique.size;
  if (missing.length || duplicates || actual.length !== expected.length) {
    return `expected ${expected.length} records, got ${actual.length} (${unique.size} unique, ${duplicates} duplicated, missing ${missing.length}: ${missing.slice(0, 5).join(', ')})`;
  }
  const firstOutOfOrder = actualKeys.findIndex((k, i) => k !== expectedKeys[i]);
  if (firstOutOfOrder >= 0) return `record ${firstOutOfOrder} out of order: ${actualKeys[firstOutOfOrder]} instead of ${expectedKeys[firstOutOfOrder]}`;
  const firstDifferent = actual.findIndex((record, i) => JSON.stringify(record) !== JSON.stringify(expected[i]));
  if (firstDifferent >= 0) return `record ${firstDifferent} differs: ${JSON.stringify(actual[firstDifferent]).slice(0, 200)}`;
  return undefined;
}
