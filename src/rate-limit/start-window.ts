/**
 * The last `count` request starts of a rate: the next start may come only once the one `count`
 * starts back is a whole window (plus the jitter margin) behind it. Spacing alone lets a late
 * timer's start be followed by a catch-up start, and a run of those fit count + 1 starts in a
 * window; this bound holds however late the timers fire. Pure: times come from the caller.
 */
export interface StartWindow {
  /** The earliest time the next start keeps every window at or under the count. */
  earliest(): number;
  started(at: number): void;
}

export function createStartWindow(count: number, windowMs: number): StartWindow {
  const starts = new Array<number>(count).fill(-Infinity);
  let oldest = 0;
  return {
    earliest: () => starts[oldest] + windowMs,
    started(at) {
      starts[oldest] = at;
      oldest = (oldest + 1) % count;
    },
  };
}
