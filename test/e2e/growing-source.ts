/**
 * A source that grows between runs, served on 127.0.0.1 port 0: records `{id, created_at}` in
 * (created_at, id) order, ascending or newest first, with a keyset cursor and an optional lower
 * bound `since` (json-server's createdAt_gte, GitHub's since). Grows by new records, records
 * sharing the newest timestamp, and late records whose timestamp is up to `lateMs` in the past.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { json, tinyServer, type TinyServer } from './tiny-server.js';

export interface Item {
  id: string;
  created_at: string;
  n: number;
}

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 1);

export interface Growth {
  fresh: number;
  tied?: number;
  late?: number;
}

export interface GrowingSource {
  url: string;
  readonly requests: number;
  items(): Item[];
  grow(growth: Growth): void;
  close(): Promise<void>;
}

const order = (a: Item, b: Item) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const cursorOf = (item: Item) => Buffer.from(JSON.stringify([item.created_at, item.id])).toString('base64url');

/** `stepMs` apart, so a lookback shorter than it covers no older record. */
export async function growingSource(options: { initial: number; stepMs?: number; lateMs?: number; latencyMs?: number }): Promise<GrowingSource> {
  const step = options.stepMs ?? MINUTE;
  const lateMs = options.lateMs ?? 30 * MINUTE;
  const items: Item[] = [];
  let top = START;
  let n = 0;
  const add = (at: number) => {
    n++;
    items.push({ id: `i${String(n).padStart(7, '0')}`, created_at: new Date(at).toISOString(), n });
  };
  const grow = ({ fresh, tied = 0, late = 0 }: Growth) => {
    for (let i = 0; i < tied && n > 0; i++) add(top);
    for (let i = 0; i < late && n > 0; i++) add(top - 1000 - ((n * 7919) % lateMs));
    for (let i = 0; i < fresh; i++) add((top += step));
    items.sort(order);
  };
  grow({ fresh: options.initial });
  const server: TinyServer = await tinyServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const reply = () => {
      const desc = url.searchParams.get('order') === 'desc';
      const since = url.searchParams.get('since');
      const limit = Number(url.searchParams.get('limit') ?? 10);
      const cursor = url.searchParams.get('cursor');
      let list = since ? items.filter((item) => item.created_at >= since) : items;
      if (desc) list = [...list].reverse();
      let start = 0;
      if (cursor) {
        const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
        const mark = { id, created_at: at, n: 0 };
        start = list.findIndex((item) => (desc ? order(item, mark) < 0 : order(item, mark) > 0));
        if (start < 0) start = list.length;
      }
      const page = list.slice(start, start + limit);
      const more = start + limit < list.length;
      json(res, 200, { items: page, next: more ? cursorOf(page[page.length - 1]) : null });
    };
    if (options.latencyMs) setTimeout(reply, options.latencyMs);
    else reply();
  });
  return {
    url: server.url,
    get requests() {
      return server.requests.length;
    },
    items: () => [...items],
    grow,
    close: () => server.close(),
  };
}

/** A profile for the growing source: endpoints `since` (filter), `newest` (newest first), `plain` (no incremental). */
export function growingProfile(lookback = '1h'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'paginate-profile-')), 'grow.yaml');
  const pagination = `
    pagination:
      kind: cursor
      cursor: next
      param: {in: query, name: cursor}
      page_size: {in: query, name: limit, default: 10, max: 100}`;
  writeFileSync(
    file,
    `name: grow
base_url: https://grow.invalid
endpoints:
  since:
    path: /items
    records: items
    filters:
      tag: {in: query, name: tag}${pagination}
    incremental: {field: created_at, type: timestamp, key: id, mode: filter, filter: {in: query, name: since}, lookback: ${lookback}}
  newest:
    path: /items
    query: {order: desc}
    records: items${pagination}
    incremental: {field: created_at, type: timestamp, key: id, mode: newest_first, lookback: ${lookback}, max_keys: 50}
  plain:
    path: /items
    records: items${pagination}
`,
  );
  return file;
}
