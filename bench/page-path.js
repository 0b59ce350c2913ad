// Micro-bench of the profile path language on the page path: extracting the records of one page
// through the real extractor (JSON.parse included, as in an export) for each kind of records path,
// beside JSON.parse alone and the dot-path walker the extractor used before JSONPath.
//   npm run build && node bench/page-path.js [pages=20000]      (also measure 6 of bench/run.js)
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createExtractor } from '../dist/src/extract/page.js';
import { getPath } from '../dist/src/json/path.js';

const record = (i) => ({ id: i, uuid: `u-${i}`, name: `artist ${i}`, followers: i * 7, images: [{ url: `https://img/${i}` }], genre: { main: 'pop' } });
const records = Array.from({ length: 100 }, (_, i) => record(i));
const shapes = {
  'items (dot path to an array)': { body: { items: records, page: { total: 1e6, cursor: 'abc' } }, records: 'items', total: 'page.total' },
  '$ (bare array)': { body: records, records: '$' },
  '$[*] (every element)': { body: records, records: '$[*]' },
  'data.items.edges[*].node (Relay)': {
    body: { data: { items: { edges: records.map((node, i) => ({ cursor: `c${i}`, node })), pageInfo: { hasNextPage: true, endCursor: 'c99' } } } },
    records: 'data.items.edges[*].node',
    has_more: 'data.items.pageInfo.hasNextPage',
  },
};

function time(run, pages) {
  const start = performance.now();
  for (let i = 0; i < pages; i++) run();
  return ((performance.now() - start) * 1000) / pages;
}

/** Medians of 7 interleaved rounds, so a load change on a shared machine hits every case alike. */
function compare(cases, pages) {
  for (const run of Object.values(cases)) time(run, pages / 10);
  const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let round = 0; round < 7; round++) for (const [name, run] of Object.entries(cases)) times[name].push(time(run, pages / 7));
  return Object.fromEntries(Object.entries(times).map(([name, list]) => [name, list.sort((a, b) => a - b)[3]]));
}

/** µs per page for each records path: JSON.parse alone, the old dot walker where it applies, the extractor. */
export function measurePagePath(pages) {
  return Object.entries(shapes).map(([label, shape]) => {
    const text = JSON.stringify(shape.body);
    const response = { status: 200, headers: {}, text };
    const pagination = { kind: 'cursor', cursor: 'x', param: { in: 'query', name: 'c' }, stop_at_total: true, stop_on_short_page: false, total: shape.total, has_more: shape.has_more };
    const extract = createExtractor({ endpoint: { records: shape.records, pagination }, endpointName: 'bench', file: 'bench.yaml' });
    const cases = { parse: () => JSON.parse(text), extractor: () => extract(response) };
    if (!shape.records.includes('[') && shape.records !== '$') cases.walker = () => getPath(JSON.parse(text), shape.records);
    return { label, ...compare(cases, pages) };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pages = Number(process.argv[2] ?? 20_000);
  console.log(`${pages} pages of 100 records each; µs per page (lower is better)`);
  console.log('| records path | JSON.parse alone | dot walker (before) | extractor (now) | path cost beyond JSON.parse |');
  console.log('|---|---|---|---|---|');
  for (const { label, parse, walker, extractor } of measurePagePath(pages)) {
    console.log(`| ${label} | ${parse.toFixed(1)} | ${walker === undefined ? 'could not express it' : walker.toFixed(1)} | ${extractor.toFixed(1)} | ${(extractor - parse).toFixed(1)} (${(((extractor - parse) / parse) * 100).toFixed(0)}%) |`);
  }
}
