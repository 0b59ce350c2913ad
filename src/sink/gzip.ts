/**
 * Gzip in front of another Output. Each sync() ends the current gzip member and the next write
 * starts a new one: concatenated members are one valid gzip stream, and a resume can cut the file
 * exactly at a member boundary (the length sync() returned).
 */
import { once } from 'node:events';
import { createGzip, type Gzip } from 'node:zlib';
import type { PaginateError } from '../errors.js';
import type { Output } from './output.js';
import { outputError } from './output-error.js';

interface Member {
  gzip: Gzip;
  /** Moves compressed bytes to the inner output, awaiting each write: backpressure end to end. */
  pumped: Promise<void>;
}

export function gzipOutput(inner: Output): Output {
  const target = inner.path ?? 'stdout';
  let member: Member | undefined;
  let failed: PaginateError | undefined;
  const fail = (error: unknown): never => {
    throw (failed ??= outputError(error, target));
  };

  function startMember(): Member {
    const gzip = createGzip();
    const pumped = (async () => {
      for await (const compressed of gzip) await inner.write(compressed as Buffer);
    })().catch(fail);
    // Reported by the write or sync that awaits it, not as an unhandled rejection meanwhile.
    pumped.catch(() => {});
    return { gzip, pumped };
  }

  async function endMember(): Promise<void> {
    if (!member) return;
    const { gzip, pumped } = member;
    member = undefined;
    gzip.end();
    await pumped;
  }

  return {
    async write(chunk) {
      if (failed) throw failed;
      if (chunk.length === 0) return;
      member ??= startMember();
      if (!member.gzip.write(chunk)) {
        await Promise.race([once(member.gzip, 'drain'), member.pumped]).catch(fail);
      }
    },
    async sync() {
      await endMember();
      return inner.sync();
    },
    async close() {
      try {
        await endMember();
      } finally {
        await inner.close();
      }
    },
    get bytes() {
      return inner.bytes;
    },
    path: inner.path,
  };
}
