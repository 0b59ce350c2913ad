// The least a client can do to export the starting-at API: the yardstick for paginate's CPU cost.
// One undici request() at a time along the cursor chain, exactly the requests paginate sends
// (GET /items?limit=N, then &starting_at=…, until an empty page or no cursor), JSON.parse of each body,
// and one string per page of JSON.stringify(record) + '\n' written to the output.
//   node bench/baseline-loop.js <base-url> [out=/dev/null] [page-size=100]
// The bearer token comes from STARTING_AT_TOKEN (the sandbox's is `sandbox-token`).
// Prints `{"records":N,"requests":M}` on stderr.
import { openSync, writeSync, closeSync } from 'node:fs';
import { Agent, request } from 'undici';

const [base, out = '/dev/null', size = '100'] = process.argv.slice(2);
if (!base) {
  console.error('usage: node bench/baseline-loop.js <base-url> [out=/dev/null] [page-size=100]');
  process.exit(2);
}
const headers = { authorization: `Bearer ${process.env.STARTING_AT_TOKEN ?? 'sandbox-token'}` };
const agent = new Agent({ connections: 1, keepAliveTimeout: 30_000 });
const fd = openSync(out, 'w');

let cursor = null;
let records = 0;
let requests = 0;
for (;;) {
  const url = new URL('/items', base);
  url.searchParams.set('limit', size);
  if (cursor !== null) url.searchParams.set('starting_at', cursor);
  const response = await request(url, { method: 'GET', headers, dispatcher: agent });
  requests++;
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`);
  const body = JSON.parse(text);
  const items = body.items;
  let chunk = '';
  for (const record of items) chunk += `${JSON.stringify(record)}\n`;
  if (chunk !== '') writeSync(fd, chunk);
  records += items.length;
  cursor = body.cursor?.starting_at;
  if (items.length === 0 || typeof cursor !== 'string' || cursor === '') break;
}
closeSync(fd);
await agent.close();
process.stderr.write(`${JSON.stringify({ records, requests })}\n`);
