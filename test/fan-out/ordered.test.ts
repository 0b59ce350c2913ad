import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ordered } from '../../src/fan-out/ordered.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function* from<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('ordered fan-out', () => {
  it('yields every task’s items in task order, whatever order they arrive in, within the bounds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 5 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        async (tasks, concurrency, buffer) => {
          let running = 0;
          let maxRunning = 0;
          let maxHeld = 0;
          const held = new Map<number, number>();
          const run = async function* (task: number) {
            running++;
            maxRunning = Math.max(maxRunning, running);
            try {
              for (const [index, delay] of tasks[task].entries()) {
                await tick(delay);
                held.set(task, (held.get(task) ?? 0) + 1);
                maxHeld = Math.max(maxHeld, held.get(task) ?? 0);
                yield `${task}.${index}`;
              }
            } finally {
              running--;
            }
          };
          const out: string[] = [];
          for await (const step of ordered(from(tasks.map((_, index) => index)), run, { concurrency, buffer })) {
            if ('end' in step) out.push(`${step.task}.end`);
            else {
              held.set(step.task, (held.get(step.task) ?? 0) - 1);
              out.push(step.item);
            }
          }
          const expected = tasks.flatMap((items, task) => [...items.map((_, index) => `${task}.${index}`), `${task}.end`]);
          expect(out).toEqual(expected);
          expect(maxRunning).toBeLessThanOrEqual(concurrency);
          // The runner pushes one item past a full buffer before it waits.
          expect(maxHeld).toBeLessThanOrEqual(buffer + 1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('runs tasks at once: a slow task does not hold back the fetching of those after it', async () => {
    const started: number[] = [];
    const run = async function* (task: number) {
      started.push(task);
      await tick(task === 0 ? 60 : 1);
      yield task;
    };
    const out: number[] = [];
    for await (const step of ordered(from([0, 1, 2, 3]), run, { concurrency: 4, buffer: 2 })) if (!('end' in step)) out.push(step.item);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(out).toEqual([0, 1, 2, 3]);
  });

  it('surfaces a task’s failure in its turn, after every item of the tasks before it', async () => {
    const run = async function* (task: number) {
      if (task === 1) throw new Error('task 1 failed');
      await tick(task === 0 ? 30 : 0);
      yield task;
    };
    const out: number[] = [];
    await expect(async () => {
      for await (const step of ordered(from([0, 1, 2]), run, { concurrency: 3, buffer: 4 })) if (!('end' in step)) out.push(step.item);
    }).rejects.toThrow('task 1 failed');
    expect(out).toEqual([0]);
  });

  it('surfaces a failing source after the tasks it had given, and reads it only as slots free up', async () => {
    let pulled = 0;
    async function* source() {
      for (let task = 0; task < 3; task++) {
        pulled++;
        yield task;
      }
      throw new Error('bad line 4');
    }
    const out: number[] = [];
    const run = async function* (task: number) {
      yield task;
    };
    const iterator = ordered(source(), run, { concurrency: 2, buffer: 1 });
    const first = await iterator.next();
    expect(first.value).toEqual({ task: 0, item: 0 });
    expect(pulled).toBe(2);
    await expect(async () => {
      for await (const step of iterator) if (!('end' in step)) out.push(step.item);
    }).rejects.toThrow('bad line 4');
    expect(out).toEqual([1, 2]);
  });

  it('stops every task when the reader stops early', async () => {
    let finished = 0;
    const run = async function* (task: number) {
      try {
        for (let i = 0; ; i++) {
          await tick(1);
          yield task * 100 + i;
        }
      } finally {
        finished++;
      }
    };
    const out: number[] = [];
    for await (const step of ordered(from([0, 1, 2]), run, { concurrency: 3, buffer: 2 })) {
      if (!('end' in step)) out.push(step.item);
      if (out.length === 5) break;
    }
    expect(out).toEqual([0, 1, 2, 3, 4]);
    await tick(20);
    expect(finished).toBe(3);
  });
});
