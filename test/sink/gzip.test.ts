import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { openOutput } from '../../src/sink/output.js';

const dir = mkdtempSync(join(tmpdir(), 'paginate-gzip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Big enough that each page spans several zlib chunks.
const pages = Array.from({ length: 8 }, (_, p) =>
  Array.from({ length: 400 }, (_, r) => `${JSON.stringify({ id: p * 400 + r, name: `artist ${Math.sin(p * 400 + r)}` })}\n`).join(''),
);

const isGzipMember = (bytes: Buffer): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

describe('gzip output', () => {
  it('is chosen by a .gz path and decompresses to exactly the text written', async () => {
    const path = join(dir, 'out.ndjson.gz');
    const output = await openOutput({ path });
    for (const page of pages) await output.write(page);
    await output.close();
    const file = readFileSync(path);
    expect(output.bytes).toBe(file.length);
    expect(gunzipSync(file).toString()).toBe(pages.join(''));
  });

  it('ends a member at each sync: every sync length is a member boundary', async () => {
    const path = join(dir, 'members.ndjson.gz');
    const output = await openOutput({ path });
    const boundaries = [0];
    for (const page of pages.slice(0, 3)) {
      await output.write(page);
      boundaries.push(await output.sync());
    }
    expect(await output.sync()).toBe(boundaries.at(-1)); // nothing written since: no empty member
    await output.close();
    const file = readFileSync(path);
    expect(file.length).toBe(boundaries.at(-1));
    for (let i = 0; i < 3; i++) {
      const member = file.subarray(boundaries[i], boundaries[i + 1]);
      expect(isGzipMember(member), `member ${i} starts with the gzip magic`).toBe(true);
      expect(gunzipSync(member).toString()).toBe(pages[i]);
    }
    expect(gunzipSync(file).toString()).toBe(pages.slice(0, 3).join(''));
  });

  it('resumes at a sync point byte-identically to an uninterrupted run with the same sync points', async () => {
    const whole = join(dir, 'whole.ndjson.gz');
    const uninterrupted = await openOutput({ path: whole });
    for (const page of pages) {
      await uninterrupted.write(page);
      await uninterrupted.sync();
    }
    await uninterrupted.close();

    const path = join(dir, 'resumed.ndjson.gz');
    const first = await openOutput({ path });
    let checkpoint = 0;
    for (const page of pages.slice(0, 3)) {
      await first.write(page);
      checkpoint = await first.sync();
    }
    await first.write(pages[3]); // compressed and written, never synced: cut off on resume
    await first.close();
    expect(statSync(path).size).toBeGreaterThan(checkpoint);

    const resumed = await openOutput({ path, append: { truncateTo: checkpoint } });
    for (const page of pages.slice(3)) {
      await resumed.write(page);
      await resumed.sync();
    }
    await resumed.close();
    expect(readFileSync(path).equals(readFileSync(whole))).toBe(true);
    expect(gunzipSync(readFileSync(path)).toString()).toBe(pages.join(''));
  });

  it('reports a full disk through gzip, and rejects every later call with the same error', async () => {
    const output = await openOutput({ path: '/dev/full', gzip: true });
    await output.write(pages[0]).catch(() => {}); // compressed into buffers, or already failed
    const error = await output.sync().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: 'PaginateError', code: 'OUTPUT_DISK_FULL', exitCode: 1 });
    await expect(output.write(pages[1])).rejects.toBe(error);
    await expect(output.close()).rejects.toBe(error);
  });

  it('compresses to stdout when asked', async () => {
    const chunks: Buffer[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    const output = await openOutput({ path: '-', gzip: true, stream });
    expect(output.path).toBeUndefined();
    await output.write(pages[0]);
    const synced = await output.sync();
    await output.write(pages[1]);
    await output.close();
    const bytes = Buffer.concat(chunks);
    expect(synced).toBeLessThan(bytes.length);
    expect(output.bytes).toBe(bytes.length);
    expect(gunzipSync(bytes).toString()).toBe(pages[0] + pages[1]);
  });
});
