import { HttpError } from '../../src/http/http-error.js';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseEach } from '../../src/fan-out/each.js';
import { createFanOut, type FanOutPage } from '../../src/fan-out/fan-out.js';
import type { Resume } from '../../src/engine.js';
import type { RequestSpec } from '../../src/request/spec.js';
import type { ResolvedExport } from '../../src/profile/resolve.js';

/** An engine whose child export of parent `id` has `pages[id]` pages of two records; id 404 is not found. */
function fakeEngine(pages: Record<string, number>) {
  const calls: Array<{ id: string; resume?: Resume }> = [];
  const resolved = {
    base: { method: 'GET', url: new URL('http://api.test/items'), headers: {} },
    endpoint: { filters: { parent: { in: 'query', name: 'parent', type: 'string' } } },
  } as unknown as ResolvedExport;
  return {
    calls,
    engine: {
      resolved,
      async *pages(resume?: Resume, base?: RequestSpec) {
        const id = base?.url.searchParams.get('parent') as string;
        calls.push({ id, resume });
        if (id === '404') throw new HttpError({ response: { status: 404, headers: {}, text: '' }, where: 'GET http://api.test/items', said: 'not found', redact: (text) => text });
        const count = pages[id] ?? 1;
        for (let page = resume?.position.page ?? 0; page < count; page++) {
          yield { records: [`${id}.${page}a`, `${id}.${page}b`], next: page + 1 < count ? { page: page + 1 } : undefined };
        }
      },
    },
  };
}

async function run(lines: string[], pages: Record<string, number>, options: Partial<Parameters<typeof createFanOut>[0]> = {}) {
  const { engine, calls } = fakeEngine(pages);
  const warnings: string[] = [];
  const fanOut = createFanOut({
    engine,
    each: parseEach(['parent=id']),
    input: Readable.from([lines.map((line) => `${line}\n`).join('')]),
    source: 'stdin',
    concurrency: 3,
    warn: (message) => warnings.push(message),
    ...options,
  });
  const out: FanOutPage[] = [];
  let error: Error | undefined;
  try {
    for await (const page of fanOut.pages()) out.push(page);
  } catch (caught) {
    error = caught as Error;
  }
  return { out, error, calls, warnings, fanOut };
}

const parents = (...ids: string[]) => ids.map((id) => JSON.stringify({ id }));

describe('fan-out', () => {
  it('yields children in parent order with the state to resume after each page', async () => {
    const { out, fanOut } = await run(parents('a', 'b', 'c'), { a: 2, b: 1, c: 3 }, { withParent: 'from' });
    expect(out.flatMap((page) => page.records)).toEqual(
      ['a.0a', 'a.0b', 'a.1a', 'a.1b', 'b.0a', 'b.0b', 'c.0a', 'c.0b', 'c.1a', 'c.1b', 'c.2a', 'c.2b'].map((value) => ({ from: value[0], value })),
    );
    expect(out.map((page) => [page.fanOut.parent, page.fanOut.child?.position.page])).toEqual([
      [0, 1],
      [1, undefined],
      [2, undefined],
      [2, 1],
      [2, 2],
      [3, undefined],
    ]);
    expect(out.every((page) => page.next !== undefined)).toBe(true);
    expect(fanOut.parents).toBe(3);
    expect(fanOut.reasons()).toEqual([]);
  });

  it('resumes at the checkpointed parent and child position, skipping the parents before it', async () => {
    const first = await run(parents('a', 'b', 'c'), { a: 1, b: 3, c: 1 });
    const state = first.out[1].fanOut;
    expect(state).toMatchObject({ parent: 1, child: { position: { page: 1 }, emitted: 2 } });
    const again = await run(parents('a', 'b', 'c'), { a: 1, b: 3, c: 1 }, { resumed: state });
    expect(again.calls.map((call) => [call.id, call.resume?.position])).toEqual([
      ['b', { page: 1 }],
      ['c', undefined],
    ]);
    expect(again.out.flatMap((page) => page.records)).toEqual(first.out.slice(2).flatMap((page) => page.records));
  });

  it('refuses other parents than the checkpoint’s, before any child request', async () => {
    const state = (await run(parents('a', 'b', 'c'), { b: 3 })).out[1].fanOut;
    const changed = await run(parents('a', 'x', 'c'), { b: 3 }, { resumed: state });
    expect(changed.error?.message).toMatch(/parents on stdin are not the ones the checkpoint was made from \(parent 2 \(line 2\)/);
    expect((changed.error as { exitCode?: number }).exitCode).toBe(2);
    expect(changed.calls).toEqual([]);
  });

  it('counts a 404 parent, warns, and goes on; a bad parent stops after the ones before it', async () => {
    const notFound = await run(parents('a', '404', 'b'), {});
    expect(notFound.out.flatMap((page) => page.records)).toEqual(['a.0a', 'a.0b', 'b.0a', 'b.0b']);
    expect(notFound.warnings).toEqual([expect.stringMatching(/^parent 2 \(stdin line 2, parent=404\) not found, skipped/)]);
    expect(notFound.fanOut.reasons()).toEqual(['1 of 3 parents not found (HTTP 404); their children are missing']);
    const bad = await run([...parents('a'), '{"name":"no id"}', ...parents('b')], {});
    expect(bad.out.flatMap((page) => page.records)).toEqual(['a.0a', 'a.0b']);
    expect(bad.error?.message).toMatch(/^stdin line 2: the parent has no value at id/);
  });
});
