/** Helpers for the fan-out tests: a real shell, a CLI fed parents through a stdin pipe, expected output. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, type RunResult } from './harness.js';

export const tempDir = (label: string) => mkdtempSync(join(tmpdir(), `paginate-${label}-`));

export const ndjsonOf = (records: readonly unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join('');

/** `paginate` as a shell word: the built CLI under this node. */
export const PAGINATE = `'${process.execPath}' '${BIN}'`;

/** Runs a command line in `sh -c`, as a user's pipeline runs. */
export function shell(script: string, env: NodeJS.ProcessEnv, cwd?: string, timeoutMs = 120_000): Promise<RunResult> {
  return collect(spawn('sh', ['-c', script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] }), timeoutMs);
}

/** The CLI with `stdin` written into a pipe; `onSpawn` may kill it. */
export function runWithStdin(args: string[], stdin: string, env: NodeJS.ProcessEnv, onSpawn?: (child: ChildProcess) => void): Promise<RunResult> {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => {});
  child.stdin.end(stdin);
  onSpawn?.(child);
  return collect(child, 120_000);
}

function collect(child: ChildProcess, timeoutMs: number): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

export const checkpoints = (env: NodeJS.ProcessEnv): string[] => {
  try {
    return readdirSync(join(env.XDG_STATE_HOME as string, 'paginate')).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
};
