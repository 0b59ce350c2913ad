/**
 * Records appearing between two runs, as on a live API: what `--incremental` is tested against.
 * Seeded like the rest of an emulator's data, so the same calls grow the same records.
 */
import { int, type Random } from './fake-data.js';

export interface Growth {
  /** Records newer than every record so far. */
  fresh: number;
  /** Records sharing the newest record's timestamp (the boundary). @default 0 */
  tied?: number;
  /** Records that arrive late: older than the newest by up to `lateMs`. @default 0 */
  late?: number;
  /** @default 1_800_000 (30 minutes) */
  lateMs?: number;
}

/** Creation times (whole seconds, ms since the epoch) of the records a growth adds. */
export function growthTimes(random: Random, newestMs: number, growth: Growth): number[] {
  const times: number[] = [];
  const lateSeconds = Math.max(1, Math.floor((growth.lateMs ?? 1_800_000) / 1000));
  for (let i = 0; i < (growth.tied ?? 0); i++) times.push(newestMs);
  for (let i = 0; i < (growth.late ?? 0); i++) times.push(newestMs - int(random, 1, lateSeconds) * 1000);
  let time = newestMs;
  for (let i = 0; i < growth.fresh; i++) times.push((time += int(random, 1, 600) * 1000));
  return times;
}
