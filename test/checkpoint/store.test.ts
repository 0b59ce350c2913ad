import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../src/checkpoint/checkpoint.js';
import { type CheckpointStoreOptions, openCheckpointStore } from '../../src/checkpoint/store.js';
import { PaginateError } from '../../src/errors.js';
import { KEY, checkpointAt, rejection, tempRoot } from './fixtures.js';

const root = tempRoot('checkpoint-store');
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const freshDir = (): string => join(root, `state-${++folders}`);

const open = (dir: string, options: Partial<CheckpointStoreOptions> = {}) =>
  openCheckpointStore({ dir, key: KEY, restart: false, ...options });
const onDisk = (dir: string): Checkpoint => JSON.parse(readFileSync(join(dir, `${KEY}.json`), 'utf8'));

describe('checkpoint store', () => {
  it('starts fresh, then resumes from what was saved', async () => {
    const dir = freshDir();
    const first = await open(dir);
    expect(first.resumed).toBeUndefined();
    expect(first.path).toBe(join(dir, `${KEY}.json`));
    const saved = checkpointAt({ cursor: 'c-300', offset: 3 }, 300, { columns: ['uuid', 'name'], headerWritten: true, incomplete: ['cursor refreshed'], total: 140830 });
    expect(await first.save(saved)).toBe(true);
    await first.release();

    const second = await open(dir);
    expect(second.resumed).toEqual(saved);
    await second.release();
  });

  it('writes the checkpoint 0600 in a new 0700 folder, and leaves no temp file', async () => {
    const dir = freshDir();
    const store = await open(dir);
    await store.save(checkpointAt({ page: 2 }, 100));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, `${KEY}.lock`)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual([`${KEY}.json`, `${KEY}.lock`]);
    await store.release();
    expect(readdirSync(dir)).toEqual([`${KEY}.json`]);
  });

  it('saves at most every minIntervalMs unless forced', async () => {
    let time = 1_000;
    const store = await open(freshDir(), { now: () => time, minIntervalMs: 200 });
    const saves: boolean[] = [];
    for (const [at, force] of [[1_000, false], [1_100, false], [1_199, false], [1_200, false], [1_250, true], [1_300, false], [1_450, false]] as const) {
      time = at;
      saves.push(await store.save(checkpointAt({ page: at }), { force }));
    }
    expect(saves).toEqual([true, false, false, true, true, false, true]);
    expect(onDisk(join(root, `state-${folders}`)).position).toEqual({ page: 1_450 });
    await store.release();
  });

  it('keeps the last durable checkpoint when a save was skipped by the throttle', async () => {
    let time = 0;
    const dir = freshDir();
    const store = await open(dir, { now: () => time });
    await store.save(checkpointAt({ page: 1 }));
    time = 50;
    expect(await store.save(checkpointAt({ page: 2 }))).toBe(false);
    expect(onDisk(dir).position).toEqual({ page: 1 });
    await store.release();
  });

  it('runs overlapping saves one at a time (a forced save from a signal handler during a throttled one)', async () => {
    const dir = freshDir();
    const store = await open(dir, { minIntervalMs: 0 });
    const results = await Promise.all([1, 2, 3, 4, 5].map((page) => store.save(checkpointAt({ page }), { force: page === 5 })));
    expect(results).toEqual([true, true, true, true, true]);
    expect(onDisk(dir).position).toEqual({ page: 5 });
    await store.release();
  });

  it('still reads the previous checkpoint after a crash between writing the temp file and the rename', async () => {
    const dir = freshDir();
    const store = await open(dir);
    const before = checkpointAt({ cursor: 'before' }, 200);
    await store.save(before);
    await store.release();
    writeFileSync(join(dir, `${KEY}.json.tmp`), JSON.stringify(checkpointAt({ cursor: 'after' }, 300)).slice(0, 40), { mode: 0o600 });

    const resumed = await open(dir, { minIntervalMs: 0 });
    expect(resumed.resumed).toEqual(before);
    expect(await resumed.save(checkpointAt({ cursor: 'next' }, 400))).toBe(true);
    expect(onDisk(dir).position).toEqual({ cursor: 'next' });
    expect(existsSync(join(dir, `${KEY}.json.tmp`))).toBe(false);
    await resumed.release();
  });

  it.each([
    ['truncated JSON', '{"version":1,"key":', 'not JSON'],
    ['a schema violation', JSON.stringify({ ...checkpointAt({ page: 1 }), emitted: -1 }), 'emitted'],
    ['an unknown version', JSON.stringify({ ...checkpointAt({ page: 1 }), version: 2 }), 'another version'],
    ['another export’s checkpoint', JSON.stringify(checkpointAt({ page: 1 }, 0, { key: 'artsy-artworks-0000000000000000' })), 'another export'],
    ['an empty file', '', 'not JSON'],
  ])('refuses %s with exit 2 and --restart advice, never restarting silently', async (_, text, why) => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${KEY}.json`), text);
    const error = await rejection(open(dir));
    expect(error.code).toBe('CHECKPOINT_CORRUPT');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(join(dir, `${KEY}.json`));
    expect(error.message).toContain(why);
    expect(error.message).toContain('--restart');
    // The lock was let go: the same error again, not "locked".
    expect((await rejection(open(dir))).code).toBe('CHECKPOINT_CORRUPT');
    expect(readFileSync(join(dir, `${KEY}.json`), 'utf8')).toBe(text);
  });

  it('reports a checkpoint that cannot be read at all the same way', async () => {
    const dir = freshDir();
    mkdirSync(join(dir, `${KEY}.json`), { recursive: true });
    const error = await rejection(open(dir));
    expect(error).toMatchObject({ code: 'CHECKPOINT_CORRUPT', exitCode: 2 });
    expect(error.message).toContain('--restart');
  });

  it('--restart deletes the checkpoint, even a corrupt one, and starts fresh', async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${KEY}.json`), '{garbage');
    writeFileSync(join(dir, `${KEY}.json.tmp`), '{garbage');
    const store = await open(dir, { restart: true });
    expect(store.resumed).toBeUndefined();
    expect(readdirSync(dir)).toEqual([`${KEY}.lock`]);
    await store.release();
  });

  it('remove() deletes the checkpoint and the lock of a finished export; later saves write nothing', async () => {
    const dir = freshDir();
    const store = await open(dir, { minIntervalMs: 0 });
    await store.save(checkpointAt({ page: 9 }, 900));
    await store.remove();
    expect(readdirSync(dir)).toEqual([]);
    expect(await store.save(checkpointAt({ page: 10 }, 1000), { force: true })).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    expect((await open(dir)).resumed).toBeUndefined();
  });

  it('refuses to write a credential, naming the field but not the value, and keeps the previous checkpoint', async () => {
    const dir = freshDir();
    const secret = 'sk_live_Zy9/+Q==';
    const store = await open(dir, { minIntervalMs: 0, secrets: () => [secret, 'abc'] });
    await store.save(checkpointAt({ page: 1 }));
    for (const url of [
      `https://api.example.com/items?api_key=${secret}`,
      `https://api.example.com/items?api_key=${encodeURIComponent(secret)}`,
      'https://user:hunter22@api.example.com/items?page=2',
    ]) {
      const error = await rejection(store.save(checkpointAt({ url })));
      expect(error).toMatchObject({ code: 'CHECKPOINT_SECRET', exitCode: 1 });
      expect(error.message).toContain('position');
      expect(error.message).not.toContain(secret);
      expect(error.message).not.toContain('hunter22');
    }
    // Shorter than 4 characters: too likely to occur by chance, as in log redaction.
    expect(await store.save(checkpointAt({ cursor: 'abcdef' }))).toBe(true);
    expect(onDisk(dir).position).toEqual({ cursor: 'abcdef' });
    await store.release();
  });

  it('treats an invalid checkpoint from the caller as a bug, not a user error', async () => {
    const store = await open(freshDir());
    const error = await store.save(checkpointAt({ offset: Number.NaN })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PaginateError);
    await store.release();
  });

  it('reads back the last saved checkpoint after any sequence of throttled and forced saves', async () => {
    const position = fc.record(
      { cursor: fc.option(fc.string(), { nil: null }), url: fc.webUrl(), offset: fc.nat(), page: fc.nat() },
      { requiredKeys: [] },
    );
    const step = fc.record({ position, advanceMs: fc.nat({ max: 300 }), force: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 15 }), async (steps) => {
        const dir = freshDir();
        let time = 0;
        let last: number | undefined;
        let expected: Checkpoint | undefined;
        const store = await open(dir, { now: () => time });
        for (const [index, { position, advanceMs, force }] of steps.entries()) {
          time += advanceMs;
          const checkpoint = checkpointAt(position, index);
          const due = force || last === undefined || time - last >= 200;
          expect(await store.save(checkpoint, { force })).toBe(due);
          if (due) [last, expected] = [time, checkpoint];
        }
        await store.release();
        const reopened = await open(dir);
        expect(reopened.resumed).toEqual(expected);
        await reopened.release();
      }),
      { numRuns: 40 },
    );
  });
});
