import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/checkpoint/lock.js';
import { openCheckpointStore } from '../../src/checkpoint/store.js';
import { KEY, rejection, tempRoot } from './fixtures.js';

const root = tempRoot('checkpoint-lock');
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
function freshDir(): string {
  const dir = join(root, `state-${++folders}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const open = (dir: string) => openCheckpointStore({ dir, key: KEY, restart: false });
const lockFile = (dir: string) => join(dir, `${KEY}.lock`);
const writeLock = (dir: string, owner: object) => writeFileSync(lockFile(dir), JSON.stringify(owner));

describe('checkpoint lock', () => {
  it('stops a second run on the same checkpoint, then lets it in once the first releases', async () => {
    const dir = freshDir();
    const first = await open(dir);
    const error = await rejection(open(dir));
    expect(error).toMatchObject({ code: 'CHECKPOINT_LOCKED', exitCode: 2 });
    expect(error.message).toContain(`pid ${process.pid}`);
    expect(error.message).toContain(lockFile(dir));
    await first.release();
    await (await open(dir)).release();
  });

  it('refuses a lock held by a live process on this host', async () => {
    const dir = freshDir();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], { stdio: 'ignore' });
    try {
      writeLock(dir, { pid: child.pid, hostname: hostname(), startedAt: new Date().toISOString() });
      const error = await rejection(open(dir));
      expect(error).toMatchObject({ code: 'CHECKPOINT_LOCKED', exitCode: 2 });
      expect(error.message).toBe(
        `another paginate run (pid ${child.pid}) is using this checkpoint: ${lockFile(dir)}; wait for it or stop it`,
      );
    } finally {
      child.kill();
    }
  });

  it('takes over the lock of a process that died', async () => {
    const dir = freshDir();
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await once(child, 'exit');
    writeLock(dir, { pid: child.pid, hostname: hostname(), startedAt: '2025-01-01T00:00:00.000Z' });
    const store = await open(dir);
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8'))).toMatchObject({ pid: process.pid, hostname: hostname() });
    await store.release();
  });

  it('keeps out of a lock held on another host, saying how to clear it', async () => {
    const dir = freshDir();
    writeLock(dir, { pid: 4242, hostname: `not-${hostname()}`, startedAt: '2025-01-01T00:00:00.000Z' });
    const error = await rejection(open(dir));
    expect(error.code).toBe('CHECKPOINT_LOCKED');
    expect(error.message).toContain(`pid 4242 on not-${hostname()}`);
    expect(error.message).toContain(`delete ${lockFile(dir)}`);
  });

  it('waits out an unparseable lock that may still be being written, and takes over an old one', async () => {
    const dir = freshDir();
    writeFileSync(lockFile(dir), '');
    expect((await rejection(open(dir))).code).toBe('CHECKPOINT_LOCKED');
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lockFile(dir), minuteAgo, minuteAgo);
    await (await open(dir)).release();
  });

  it('release() leaves a lock that is no longer ours, and unhooks its exit handler', async () => {
    const path = join(freshDir(), 'x.lock');
    const listeners = process.listenerCount('exit');
    const lock = await acquireLock(path);
    expect(process.listenerCount('exit')).toBe(listeners + 1);
    const theirs = JSON.stringify({ pid: 1, hostname: hostname(), startedAt: new Date().toISOString() });
    writeFileSync(path, theirs);
    await lock.release();
    await lock.release();
    expect(process.listenerCount('exit')).toBe(listeners);
    expect(readFileSync(path, 'utf8')).toBe(theirs);
  });
});
