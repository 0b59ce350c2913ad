/**
 * A real Debian `redis-server` for the tests that share a budget: on a free loopback port, with
 * nothing persisted, stopped (or restarted empty) by the test. Inspected with `redis-cli`.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const REDIS_SERVER = '/usr/bin/redis-server';

export interface TestRedis {
  port: number;
  /** `redis://127.0.0.1:PORT` (with `user:pass@` when started with a password). */
  url: string;
  /** Runs one redis-cli command and returns its output. */
  cli(...args: string[]): string;
  /** Every key and its hash fields, as text, for scanning for secrets. */
  dump(): string;
  /** Kills the server; its keys are gone (nothing is saved). */
  stop(): Promise<void>;
  /** Starts an empty server on the same port again. */
  start(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Certificate files for `rediss://`: a CA, and a server certificate it signed for 127.0.0.1. */
export interface TlsFiles {
  ca: string;
  cert: string;
  key: string;
}

export async function startRedis(options: { password?: string; tls?: TlsFiles } = {}): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const auth = options.password ? ['--user', 'default', '--pass', options.password, '--no-auth-warning'] : [];
  const tlsCli = options.tls ? ['--tls', '--cacert', options.tls.ca] : [];
  const cli = (...args: string[]) => execFileSync('redis-cli', ['-p', String(port), ...tlsCli, ...auth, ...args], { encoding: 'utf8' });
  const start = async () => {
    const extra = options.password ? ['--requirepass', options.password] : [];
    const listen = options.tls
      ? ['--port', '0', '--tls-port', String(port), '--tls-cert-file', options.tls.cert, '--tls-key-file', options.tls.key, '--tls-ca-cert-file', options.tls.ca, '--tls-auth-clients', 'no']
      : ['--port', String(port)];
    child = spawn(REDIS_SERVER, [...listen, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
    const started = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      started.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('Ready to accept connections')) resolve();
      });
      started.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out.slice(-500)}`)));
    });
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    port,
    url: `${options.tls ? 'rediss' : 'redis'}://${options.password ? `default:${options.password}@` : ''}127.0.0.1:${port}`,
    cli,
    dump() {
      const keys = cli('--scan').split('\n').filter(Boolean);
      return keys.map((key) => `${key} => ${cli('hgetall', key).replace(/\n/g, ' ')}`).join('\n');
    },
    stop,
    start,
  };
}

/** A throwaway CA and a server certificate for 127.0.0.1, made with openssl in `dir`. */
export function makeTlsFiles(dir: string): TlsFiles {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=paginate test CA');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '1', '-extfile', 'ext.cnf');
  return { ca: join(dir, 'ca.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server.key') };
}
