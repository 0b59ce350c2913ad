/**
 * The last `count` request starts of a rate: the next start may come only once the one `count`
 * starts back is a whole window (plus the jitter margin) behind it. Spacing alone lets a late
 * timer's start be followed by a catch-up start, and a run of those fit count + 1 starts in a
 * window; this bound holds however late the timers fire. Pure: times come from the caller.
 */
export interface Stamp {
  readonly slot: number;
  readonly at: number;
}

export interface StartWindow {
  /** The earliest time the next start keeps every window at or under the count. */
  earliest(): number;
  started(at: number): Stamp;
  /** Counts a start from a later time (when it reached the server), unless it has left the window. */
  restamp(stamp: Stamp, at: number): void;
}

export function createStartWindow(count: number, windowMs: number): StartWindow {
  const starts = new Array<number>(count).fill(-Infinity);
  let oldest = 0;
  return {
    earliest: () => starts[oldest] + windowMs,
    started(at) {
      const slot = oldest;
      starts[slot] = at;
      oldest = (oldest + 1) % count;
      return { slot, at };
    },
    restamp(stamp, at) {
      if (starts[stamp.slot] === stamp.at && at > stamp.at) starts[stamp.slot] = at;
    },
  };
}
