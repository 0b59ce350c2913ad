/**
 * Runs up to `concurrency` tasks at once and yields their items in task order, through a bounded
 * buffer: each task holds at most `buffer` items not yet taken, then waits (the one being written
 * too, so a slow reader slows every fetch). Tasks are
 * pulled from their source only when a slot is free, so the source is read at the pace of the
 * output. A task's failure (or the source's) surfaces when its turn comes, after every item of the
 * tasks before it. Pure: no I/O of its own.
 */
export type Ordered<T, R> = { task: T; item: R } | { task: T; end: true };

export interface OrderedOptions {
  concurrency: number;
  /** Items a task may hold before it is the one being written. */
  buffer: number;
}

interface Lane<T, R> {
  task?: T;
  items: R[];
  done: boolean;
  failed?: { error: unknown };
  /** Wakes the lane's runner when the buffer has room again. */
  room?: () => void;
  iterator?: AsyncIterator<R>;
}

export async function* ordered<T, R>(tasks: AsyncIterable<T>, run: (task: T) => AsyncIterable<R>, options: OrderedOptions): AsyncGenerator<Ordered<T, R>> {
  const source = tasks[Symbol.asyncIterator]();
  const lanes: Lane<T, R>[] = [];
  let sourceDone = false;
  let stopped = false;
  let changed: (() => void) | undefined;
  const notify = () => {
    const wake = changed;
    changed = undefined;
    wake?.();
  };
  const nextChange = () => new Promise<void>((resolve) => (changed = resolve));

  const pump = async (lane: Lane<T, R>) => {
    try {
      lane.iterator = run(lane.task as T)[Symbol.asyncIterator]();
      for (;;) {
        const step = await lane.iterator.next();
        if (step.done || stopped) break;
        lane.items.push(step.value);
        notify();
        while (lane.items.length >= options.buffer && !stopped) await new Promise<void>((resolve) => (lane.room = resolve));
      }
    } catch (error) {
      lane.failed = { error };
    }
    lane.done = true;
    notify();
  };

  /** Starts tasks while there is a free slot; a failing source becomes a lane that fails in its turn. */
  const fill = async () => {
    while (!sourceDone && !stopped && lanes.length < options.concurrency) {
      let step: IteratorResult<T>;
      try {
        step = await source.next();
      } catch (error) {
        sourceDone = true;
        lanes.push({ items: [], done: true, failed: { error } });
        return;
      }
      if (step.done) {
        sourceDone = true;
        return;
      }
      const lane: Lane<T, R> = { task: step.value, items: [], done: false };
      lanes.push(lane);
      void pump(lane);
    }
  };

  try {
    await fill();
    while (lanes.length > 0) {
      const head = lanes[0];
      if (head.items.length > 0) {
        const items = head.items.splice(0);
        head.room?.();
        for (const item of items) yield { task: head.task as T, item };
        continue;
      }
      if (!head.done) {
        head.room?.();
        await nextChange();
        continue;
      }
      if (head.failed) throw head.failed.error;
      lanes.shift();
      lanes[0]?.room?.();
      yield { task: head.task as T, end: true };
      await fill();
    }
  } finally {
    stopped = true;
    for (const lane of lanes) {
      lane.room?.();
      void lane.iterator?.return?.(undefined).catch(() => {});
    }
    await source.return?.(undefined);
  }
}
