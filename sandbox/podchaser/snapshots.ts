/**
 * Point-in-time snapshots behind Podchaser's cursors. A snapshot lives `ttlMs` after the last
 * request that used it; a cursor whose snapshot has gone gets a fresh one, and the response says
 * so with `cursorRefreshed: true`.
 */
import { seededRandom } from '../data/fake-data.js';

export interface Snapshots {
  /** A new snapshot's id. */
  open(): string;
  /** Keeps `pitId` alive if it still is, else opens a new snapshot in its place. */
  touch(pitId: string): { pitId: string; refreshed: boolean };
}

/** Abandoned chains are forgotten beyond this many, oldest first. */
const MAX_SNAPSHOTS = 10_000;

export function createSnapshots(ttlMs: number, now: () => number, seed: number): Snapshots {
  const random = seededRandom(seed);
  const expiries = new Map<string, number>();
  const pitBytes = (): Buffer => Buffer.from(Array.from({ length: 60 }, () => Math.floor(random() * 256)));
  const keep = (pitId: string): string => {
    expiries.delete(pitId);
    expiries.set(pitId, now() + ttlMs);
    if (expiries.size > MAX_SNAPSHOTS) expiries.delete(expiries.keys().next().value as string);
    return pitId;
  };
  // Long, opaque and base64 like Elasticsearch's PIT ids, which real cursors embed.
  const open = (): string => keep(pitBytes().toString('base64'));
  return {
    open,
    touch(pitId) {
      const expiresAt = expiries.get(pitId);
      if (expiresAt !== undefined && now() <= expiresAt) return { pitId: keep(pitId), refreshed: false };
      expiries.delete(pitId);
      return { pitId: open(), refreshed: true };
    },
  };
}
