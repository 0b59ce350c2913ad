/** At most `limit` tasks at once, the rest queued in order. */
export function inFlightCap(limit: number) {
  const queue: Array<() => void> = [];
  let active = 0;
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot straight to the next in line, so no newcomer can jump in between.
    if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const next = queue.shift();
      if (next) next();
      else active--;
    }
  };
}
