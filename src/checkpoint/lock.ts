/**
 * One run per checkpoint: an exclusive-create lock file naming its owner. A lock whose owner died
 * on this machine (killed, power loss) is taken over, so a crash never needs manual cleanup.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { type PaginateError, usageError } from '../errors.js';

export interface Lock {
  readonly path: string;
  /** Removes the lock file if it is still ours; never throws, so it is safe in a `finally`. Idempotent. */
  release(): Promise<void>;
}

interface Owner {
  pid: number;
  hostname: string;
  startedAt: string;
}

const HOST = hostname();

/** 'wx' creates the file before its content is written: an unparseable lock this young is being written. */
const BEING_WRITTEN_MS = 5_000;

/** Creates `path` for this process, taking over a stale lock; CHECKPOINT_LOCKED (exit 2) when another run holds it. */
export async function acquireLock(path: string): Promise<Lock> {
  const ours = JSON.stringify({ pid: process.pid, hostname: HOST, startedAt: new Date().toISOString() } satisfies Owner);
  if (!(await create(path, ours))) {
    const holder = await inspect(path);
    if (holder.live) throw locked(path, holder.owner);
    // Re-read right before unlinking so that a run which took over the same stale lock a moment ago
    // keeps it; what remains of that race ends with one of us failing 'wx' below and reporting the lock.
    if ((await readText(path)) === holder.text) await unlink(path).catch((error: unknown) => missingOr(error, path));
    if (!(await create(path, ours))) throw locked(path, (await inspect(path)).owner);
  }

  // A safety net for exits that skip release(); a kill -9 leaves a stale lock, taken over next time.
  const onExit = () => {
    try {
      if (readFileSync(path, 'utf8') === ours) unlinkSync(path);
    } catch {
      // Exiting anyway: the next run takes over whatever is left.
    }
  };
  process.on('exit', onExit);
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      const current = await readFile(path, 'utf8').catch(() => undefined);
      if (current === ours) await unlink(path).catch(() => {});
    },
  };
}

async function create(path: string, text: string): Promise<boolean> {
  try {
    await writeFile(path, text, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw lockError(error, path);
  }
}

interface Holder {
  live: boolean;
  text: string | undefined;
  owner?: Owner;
}

async function inspect(path: string): Promise<Holder> {
  const text = await readText(path);
  if (text === undefined) return { live: false, text };
  const owner = parseOwner(text);
  if (owner === undefined) {
    const age = Date.now() - (await stat(path).then((stats) => stats.mtimeMs, () => 0));
    return { live: age < BEING_WRITTEN_MS, text };
  }
  // Another host's processes cannot be seen from here: its lock holds until removed by hand.
  return { live: owner.hostname !== HOST || isAlive(owner.pid), text, owner };
}

function parseOwner(text: string): Owner | undefined {
  try {
    const owner: unknown = JSON.parse(text);
    const { pid, hostname: host } = (owner ?? {}) as Partial<Owner>;
    // pid 0 and negative pids address process groups in kill(): never a valid owner.
    return Number.isSafeInteger(pid) && (pid as number) > 0 && typeof host === 'string' ? (owner as Owner) : undefined;
  } catch {
    return undefined;
  }
}

/** Signal 0 only checks existence; EPERM means the process exists but belongs to another user. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function locked(path: string, owner: Owner | undefined): PaginateError {
  const elsewhere = owner !== undefined && owner.hostname !== HOST;
  const who = owner === undefined ? 'pid unknown' : elsewhere ? `pid ${owner.pid} on ${owner.hostname}` : `pid ${owner.pid}`;
  const advice = elsewhere ? `wait for it or stop it, or delete ${path} if it is no longer running` : 'wait for it or stop it';
  return usageError('CHECKPOINT_LOCKED', `another paginate run (${who}) is using this checkpoint: ${path}; ${advice}`);
}

const readText = (path: string): Promise<string | undefined> =>
  readFile(path, 'utf8').catch((error: unknown) => missingOr(error, path));

function missingOr(error: unknown, path: string): undefined {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  throw lockError(error, path);
}

const lockError = (error: unknown, path: string) =>
  usageError('CHECKPOINT_LOCK', `cannot use the checkpoint lock ${path} (${(error as Error).message})`, error);
