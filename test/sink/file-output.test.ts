import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PaginateError } from '../../src/errors.js';
import { openOutput } from '../../src/sink/output.js';

const dir = mkdtempSync(join(tmpdir(), 'paginate-file-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pages = Array.from({ length: 6 }, (_, p) =>
  Array.from({ length: 50 }, (_, r) => `${JSON.stringify({ id: p * 50 + r, name: `Ünïcödé 🎵 ${r}` })}\n`).join(''),
);

async function openError(options: Parameters<typeof openOutput>[0]): Promise<PaginateError> {
  const error = await openOutput(options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof PaginateError)) throw new Error(`expected a PaginateError, got ${String(error)}`);
  return error;
}

describe('file output', () => {
  it('writes the chunks, reports the length at each sync, and creates the file rw-r--r-- (under umask)', async () => {
    const path = join(dir, 'plain.ndjson');
    const output = await openOutput({ path });
    expect(output.path).toBe(path);
    let expected = '';
    for (const page of pages) {
      await output.write(page);
      expected += page;
      expect(await output.sync()).toBe(Buffer.byteLength(expected));
    }
    await output.close();
    expect(readFileSync(path, 'utf8')).toBe(expected);
    expect(output.bytes).toBe(Buffer.byteLength(expected));
    const mode = statSync(path).mode & 0o777;
    expect(mode & 0o600).toBe(0o600);
    expect(mode & 0o133).toBe(0);
  });

  it('replaces an existing file', async () => {
    const path = join(dir, 'replaced.ndjson');
    writeFileSync(path, 'old content that is longer than the new one\n');
    const output = await openOutput({ path });
    await output.write('new\n');
    await output.close();
    expect(readFileSync(path, 'utf8')).toBe('new\n');
  });

  it('resumes: cut back to the checkpointed length and appended, byte-identical to an uninterrupted run', async () => {
    const whole = join(dir, 'whole.ndjson');
    const uninterrupted = await openOutput({ path: whole });
    for (const page of pages) await uninterrupted.write(page);
    await uninterrupted.close();

    const path = join(dir, 'resumed.ndjson');
    const first = await openOutput({ path });
    await first.write(pages[0]);
    await first.write(pages[1]);
    const checkpoint = await first.sync();
    await first.write(pages[2].slice(0, 100)); // a page half-written when the run was killed
    await first.close();

    const resumed = await openOutput({ path, append: { truncateTo: checkpoint } });
    for (const page of pages.slice(2)) await resumed.write(page);
    expect(await resumed.sync()).toBe(statSync(whole).size);
    await resumed.close();
    expect(readFileSync(path).equals(readFileSync(whole))).toBe(true);
  });

  it('refuses to resume a file that is gone or shorter than the checkpoint', async () => {
    const gone = await openError({ path: join(dir, 'never-written.ndjson'), append: { truncateTo: 10 } });
    expect(gone).toMatchObject({ code: 'OUTPUT_RESUME', exitCode: 1 });
    expect(gone.message).toContain('never-written.ndjson');

    const short = join(dir, 'short.ndjson');
    writeFileSync(short, '12345');
    const error = await openError({ path: short, append: { truncateTo: 10 } });
    expect(error).toMatchObject({ code: 'OUTPUT_RESUME', exitCode: 1 });
    expect(error.message).toBe(
      `cannot resume ${short}: it has 5 bytes, fewer than the 10 the checkpoint recorded; run with --restart`,
    );
    expect(readFileSync(short, 'utf8')).toBe('12345');
  });

  it('fails at open, naming the path, when the folder does not exist', async () => {
    const path = join(dir, 'no-such-folder', 'out.ndjson');
    const error = await openError({ path });
    expect(error).toMatchObject({ code: 'OUTPUT_FOLDER_MISSING', exitCode: 1 });
    expect(error.message).toBe(`cannot write ${path}: output folder ${join(dir, 'no-such-folder')} does not exist`);
  });

  it('fails at open when the path is a directory', async () => {
    const error = await openError({ path: dir });
    expect(error).toMatchObject({ code: 'OUTPUT_IS_DIRECTORY', exitCode: 1 });
    expect(error.message).toContain(dir);
  });

  // root ignores directory permissions, so the case cannot be provoked there: probe, and skip.
  const readOnly = join(dir, 'read-only');
  mkdirSync(readOnly);
  chmodSync(readOnly, 0o555);
  const permissionsApply = (() => {
    try {
      writeFileSync(join(readOnly, 'probe'), '');
      return false;
    } catch {
      return true;
    }
  })();

  it.skipIf(!permissionsApply)('fails at open when the folder is read-only (skipped: running as root, which ignores permissions)', async () => {
    const path = join(readOnly, 'out.ndjson');
    const error = await openError({ path });
    expect(error).toMatchObject({ code: 'OUTPUT_PERMISSION', exitCode: 1 });
    expect(error.message).toBe(`cannot write ${path}: permission denied`);
  });

  it('reports a full disk (/dev/full) by the latest at sync, and close rejects with the same error', async () => {
    const output = await openOutput({ path: '/dev/full' });
    await output.write(pages[0]).catch(() => {}); // accepted into the buffer, or already failed
    const error = await output.sync().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PaginateError);
    expect(error).toMatchObject({ code: 'OUTPUT_DISK_FULL', exitCode: 1, message: 'cannot write /dev/full: disk is full' });
    await expect(output.write('more\n')).rejects.toBe(error);
    await expect(output.close()).rejects.toBe(error);
  });
});
