/**
 * One sorted, filtered ranking of the catalogue per distinct query, built once and cached, so a
 * request costs a binary search for its cursor and a slice of items serialised once per row.
 */
import { COUNTRIES } from '../data/fake-data.js';
import { ID_BASE, METRICS, mix, type Dataset } from './data.js';
import { PERIODS, type RankQuery } from './query.js';

export interface RankView {
  /** Catalogue rows in ranking order: (value, then id ascending) — a total order, so keysets work. */
  readonly rows: Int32Array;
  /** The sort value of each ranked row (`fieldValue` of a cursor). */
  readonly values: Float64Array;
  /** The item at a position as JSON. */
  json(position: number): string;
}

/** How many distinct queries keep their view; older ones are rebuilt on demand. */
const CACHED_VIEWS = 16;

/** Growth over the period, stable per row: `change` and `percent` sorts need it. */
function growthValue(dataset: Dataset, metric: number, query: RankQuery, row: number, total: number): number {
  const period = PERIODS.indexOf(query.sort.period as (typeof PERIODS)[number]);
  const fraction = ((mix(dataset.seed, row, metric, period) / 2 ** 32) * 0.35 - 0.05) * [0.25, 1, 3][period];
  if (query.sort.sortBy === 'percent') return Math.round(fraction * 10_000) / 100;
  return Math.round(total - total / (1 + fraction));
}

function buildView(dataset: Dataset, query: RankQuery): RankView {
  const metricKey = `${query.sort.platform}/${query.sort.metricType}`;
  const totals = dataset.totals.get(metricKey)!;
  const filters = query.filters.map((f) => ({ column: dataset.totals.get(`${f.platform}/${f.metricType}`)!, min: f.min, max: f.max }));
  const country = query.countryCode === undefined ? -1 : COUNTRIES.indexOf(query.countryCode as (typeof COUNTRIES)[number]);
  const picked: number[] = [];
  for (let row = 0; row < dataset.length; row++) {
    if (query.countryCode !== undefined && dataset.country[row] !== country) continue;
    if (filters.every(({ column, min, max }) => column[row] >= min && column[row] <= max)) picked.push(row);
  }
  let key = totals;
  if (query.sort.sortBy !== 'total') {
    const metric = METRICS[query.endpoint].indexOf(metricKey);
    key = new Float64Array(dataset.length);
    for (const row of picked) key[row] = growthValue(dataset, metric, query, row, totals[row]);
  }
  const rows = Int32Array.from(picked).sort(
    query.sort.order === 'desc' ? (a, b) => key[b] - key[a] || a - b : (a, b) => key[a] - key[b] || a - b,
  );
  const values = Float64Array.from(rows, (row) => key[row]);
  // the text JSON.stringify would give for {artist|song, metric: {value}}: no spaces, same key order
  const prefix = query.endpoint === 'artists' ? '{"artist":' : '{"song":';
  return {
    rows,
    values,
    json: (position) => `${prefix}${dataset.entity(rows[position])},"metric":{"value":${values[position]}}}`,
  };
}

/** Views by query, least recently used evicted first. */
export function createViewCache(dataset: Dataset): (query: RankQuery) => RankView {
  const views = new Map<string, RankView>();
  return (query) => {
    const id = JSON.stringify(query);
    let view = views.get(id);
    if (view) views.delete(id);
    else view = buildView(dataset, query);
    views.set(id, view);
    if (views.size > CACHED_VIEWS) views.delete(views.keys().next().value!);
    return view;
  };
}

/** The first position strictly after the keyset (fieldValue, id) in the view's order. */
export function positionAfter(view: RankView, fieldValue: number, id: number, order: 'asc' | 'desc'): number {
  let low = 0;
  let high = view.rows.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const value = view.values[mid];
    const after =
      value === fieldValue ? ID_BASE + view.rows[mid] > id : order === 'desc' ? value < fieldValue : value > fieldValue;
    if (after) high = mid;
    else low = mid + 1;
  }
  return low;
}
