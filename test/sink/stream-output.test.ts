import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PaginateError } from '../../src/errors.js';
import { openOutput } from '../../src/sink/output.js';

/** A reader that takes `delayMs` per chunk, recording the most it ever had buffered. */
function slowStream(highWaterMark: number, delayMs: number) {
  const seen = { maxBuffered: 0, bytes: 0 };
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, callback) {
      seen.maxBuffered = Math.max(seen.maxBuffered, stream.writableLength);
      seen.bytes += chunk.length;
      setTimeout(callback, delayMs);
    },
  });
  return { stream, seen };
}

const chunkOf = (size: number, fill: string): string => `${fill.repeat(size - 1)}\n`;

describe('stream output (stdout)', () => {
  it('counts bytes, syncs to the bytes written, and leaves the stream open on close', async () => {
    const { stream, seen } = slowStream(1024, 0);
    const output = await openOutput({ path: '-', stream });
    await output.write('héllo\n');
    expect(await output.sync()).toBe(7);
    await output.close();
    expect(seen.bytes).toBe(7);
    expect(stream.writableEnded).toBe(false);
  });

  it('waits for a slow reader: never more than highWaterMark plus one chunk buffered', async () => {
    const highWaterMark = 4096;
    const chunk = chunkOf(10_000, 'x');
    const { stream, seen } = slowStream(highWaterMark, 1);
    const output = await openOutput({ stream });
    for (let i = 0; i < 100; i++) await output.write(chunk);
    await output.close();
    expect(seen.bytes).toBe(100 * chunk.length);
    expect(seen.maxBuffered, `buffered at most ${highWaterMark} + ${chunk.length} bytes`).toBeLessThanOrEqual(
      highWaterMark + chunk.length,
    );
  });

  it('keeps gzip bounded too behind a slow reader', async () => {
    const highWaterMark = 4096;
    const { stream, seen } = slowStream(highWaterMark, 1);
    const output = await openOutput({ stream, gzip: true });
    // Incompressible text, so compressed bytes flow while we write.
    let state = 1;
    const random = (): string => ((state = (state * 48271) % 2147483647) / 2147483647).toString(36).slice(2);
    for (let i = 0; i < 40; i++) await output.write(Array.from({ length: 1000 }, random).join('\n'));
    await output.close();
    expect(seen.bytes).toBe(output.bytes);
    expect(seen.maxBuffered).toBeLessThanOrEqual(highWaterMark + 64 * 1024);
  });

  it('waits for a real pipe whose reader is slow to start', async () => {
    const reader = spawn('sh', ['-c', 'sleep 0.3; wc -c'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const counted = once(reader.stdout, 'data');
    const output = await openOutput({ stream: reader.stdin });
    const chunk = chunkOf(64 * 1024, 'y');
    let maxBuffered = 0;
    for (let i = 0; i < 64; i++) {
      await output.write(chunk);
      maxBuffered = Math.max(maxBuffered, reader.stdin.writableLength);
    }
    await output.close();
    reader.stdin.end();
    expect(Number(String((await counted)[0]).trim())).toBe(64 * chunk.length);
    expect(maxBuffered).toBeLessThanOrEqual(reader.stdin.writableHighWaterMark + chunk.length);
  });

  it('rejects with OUTPUT_CLOSED (exit code 0) once the reader is gone, as with `| head -n 5`', async () => {
    const head = spawn('head', ['-n', '5'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let headOutput = '';
    head.stdout.setEncoding('utf8').on('data', (text: string) => (headOutput += text));
    const closed = once(head, 'close'); // after its stdout is read to the end
    const output = await openOutput({ stream: head.stdin });

    let error: unknown;
    let written = 0;
    try {
      for (; written < 200_000; written += 1000) {
        await output.write(Array.from({ length: 1000 }, (_, i) => `{"id":${written + i}}\n`).join(''));
      }
    } catch (caught) {
      error = caught;
    }
    expect(error, `expected a rejection before all 200000 lines were written (got to ${written})`).toBeInstanceOf(
      PaginateError,
    );
    expect(error).toMatchObject({ code: 'OUTPUT_CLOSED', exitCode: 0, message: 'stdout was closed by its reader' });
    await expect(output.write('more\n')).rejects.toBe(error);
    await expect(output.close()).rejects.toBe(error);
    await closed;
    expect(headOutput.split('\n').slice(0, 5)).toEqual(['{"id":0}', '{"id":1}', '{"id":2}', '{"id":3}', '{"id":4}']);
  });

  it('reports a stream destroyed under it as closed', async () => {
    const { stream } = slowStream(1024, 0);
    const output = await openOutput({ stream });
    stream.destroy();
    await expect(output.write('x\n')).rejects.toMatchObject({ code: 'OUTPUT_CLOSED', exitCode: 0 });
  });

  it('ENOSPC and EIO, called back or thrown by a synchronous stream, reject as one PaginateError naming stdout', async () => {
    const cases = [
      ['ENOSPC', /^cannot write stdout: disk is full$/],
      ['EIO', /^cannot write stdout: input\/output error \(EIO\)/],
    ] as const;
    for (const [code, message] of cases) {
      for (const thrown of [false, true]) {
        const failure = Object.assign(new Error(`${code}: failed, write`), { code });
        const stream = new Writable({
          write(_chunk, _encoding, callback) {
            if (thrown) throw failure;
            callback(failure);
          },
        });
        const output = await openOutput({ stream });
        const first = await output.write('a\n').then(() => output.sync()).catch((error: unknown) => error);
        expect(first, `${code} ${thrown ? 'thrown' : 'called back'}`).toBeInstanceOf(PaginateError);
        expect((first as PaginateError).message).toMatch(message);
        expect((first as PaginateError).exitCode).toBe(1);
        await expect(output.write('b\n')).rejects.toBe(first);
        await expect(output.close()).rejects.toBe(first);
      }
    }
  });
});
