// The benchmark of the issue: every figure measured in one run, against sandbox emulators served
// over loopback from their own processes (bench/serve.js), so server CPU is not charged to paginate.
//   npm run bench                      (builds, then runs this)
//   node bench/run.js [--only=1,3] [--profile] [--long]
//     --only=…   run only these measurements (1 throughput, 2 speedup, 3 CPU, 4 RSS, 5 start-up, 6 page paths,
//                7 three processes sharing one limit on Redis, and the Redis limiter's cost per request,
//                8 fan-out RSS)
//     --profile  also run the CPU-cost export under `node --cpu-prof` and print its top self times
//     --long     (1) also runs a ~6,500-request export that crosses the emulator's minute window,
//                the only kind of run in which its 5,000/min limit can answer 429 (~80 s more)
//   PAGINATE_BIN=/other/checkout/bin/paginate.js node bench/run.js   measures another build (A/B)
// Needs dist/ (npx tsc -p .). Prints a table of figures, targets and PASS/MISS, then the commands.
// Timings are wall clock on a shared machine: other load shows up in them (see `load` in the header).
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { summarise, formatSummary } from './cpuprofile-top.js';
import { writeParents } from './fan-out-parents.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = process.env.PAGINATE_BIN ?? 'bin/paginate.js';
const NODE = process.execPath;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const args = process.argv.slice(2);
const only = args.find((arg) => arg.startsWith('--only='))?.slice(7).split(',').map(Number);
const wanted = (n) => !only || only.includes(n);
const PROFILE = args.includes('--profile');
const LONG = args.includes('--long');

const CEILING_PER_MIN = 5000;
const CEILING = CEILING_PER_MIN / 60; // requests per second
const CONCURRENCY = 16; // profiles/soundcharts.yaml
const SPEEDUP_SIZE = 50_000; // records in (2): 500 pages each way; sequential ≈ 80 s
const CPU_SIZE = 200_000; // records in (3): 2,000 pages of 100
const CPU_ROUNDS = 5;
const RSS_SIZE = 1_000_000;
const STARTUP_RUNS = 10;

const work = mkdtempSync(join(tmpdir(), 'paginate-bench-'));
const stateDir = join(work, 'state');
const commands = [];
const rows = [];
const notes = [];
const servers = new Set();
let unexpectedExits = 0;

// ---------------------------------------------------------------- helpers

const q = (s) => (/^[\w@%+=:,./-]+$/.test(String(s)) ? String(s) : `'${String(s).replaceAll("'", "'\\''")}'`);
const envText = (env) => Object.entries(env ?? {}).map(([k, v]) => `${k}=${q(v)}`).join(' ');
const remember = (label, env, argv) => commands.push(`# ${label}\n${[envText(env), ...argv.map(q)].filter(Boolean).join(' ')}`);
const median = (values) => {
  const sorted = values.toSorted((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const log = (line) => process.stderr.write(`[bench] ${line}\n`);

/** Starts `node bench/serve.js name options` and waits for its {url, env} line. */
async function serve(name, options) {
  const argv = ['bench/serve.js', name, JSON.stringify(options)];
  const child = spawn(NODE, argv, { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.(JSON.parse(line)));
  const next = () => new Promise((resolve) => waiting.push(resolve));
  let closing = false;
  child.once('exit', (code, signal) => {
    if (closing) return;
    unexpectedExits++;
    log(`server ${name} (pid ${child.pid}) exited unexpectedly (${signal ?? `code ${code}`}): stopped from outside?`);
  });
  const ready = await Promise.race([
    next(),
    new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`serve.js ${name} exited with ${code}`)))),
  ]);
  const server = {
    url: ready.url,
    env: ready.env,
    argv: ['node', ...argv],
    ask(command) {
      const answer = next();
      child.stdin.write(`${command}\n`);
      return answer;
    },
    async close() {
      servers.delete(server);
      closing = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end('stop\n');
      await exited;
    },
  };
  servers.add(server);
  return server;
}

/**
 * Runs a command, timing it from the parent (wall) and, where /usr/bin/time exists, taking its
 * user/sys CPU and peak RSS. `shell` runs a pipeline through sh instead.
 */
async function timed(argv, { env = {}, stdout = 'ignore', shell = false, label } = {}) {
  const out = join(work, `time-${performance.now().toFixed(0)}-${Math.random().toString(36).slice(2)}`);
  const fullEnv = { ...process.env, ...env };
  let child;
  const epoch = Date.now();
  const started = performance.now();
  if (shell) {
    child = spawn('sh', ['-c', argv], { cwd: ROOT, env: fullEnv, stdio: ['ignore', stdout, 'pipe'] });
  } else {
    const command = TIME ? [TIME, '-f', '%e %U %S %M', '-o', out, ...argv] : argv;
    child = spawn(command[0], command.slice(1), { cwd: ROOT, env: fullEnv, stdio: ['ignore', stdout, 'pipe'] });
  }
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise((resolve) => child.once('exit', (c, signal) => resolve(c ?? signal)));
  const wall = (performance.now() - started) / 1000;
  let user;
  let sys;
  let rssKb;
  if (!shell && TIME && existsSync(out)) {
    const fields = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    [, user, sys, rssKb] = fields;
  }
  if (code !== 0) throw new Error(`${label ?? argv.join(' ')} exited with ${code}:\n${stderr.slice(-2000)}`);
  return { wall, user, sys, cpu: user + sys, rssMb: rssKb / 1024, stderr, epoch };
}

function paginateArgs(profile, url, extra) {
  return [NODE, BIN, 'export', profile, '--base-url', url, ...extra, '--state-dir', stateDir, '--restart', '--quiet'];
}

const fmt = (n, digits = 2) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
const pct = (n, digits = 1) => `${(n * 100).toFixed(digits)}%`;
function row(item, what, value, target, pass) {
  rows.push({ item, what, value, target: target ?? '', verdict: pass === undefined ? '' : pass ? 'PASS' : 'MISS' });
}

/** Requests arriving at the server per second between `from` and `to` (ms), from the server log. */
function arrivalRate(at, from, to) {
  const count = at.filter((t) => t >= from && t < to).length;
  return count / ((to - from) / 1000);
}

/** Most arrivals in any window of `ms`, sliding over the log. */
function maxInWindow(at, ms) {
  const sorted = at.toSorted((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j] - sorted[i] >= ms) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

const soundchartsExport = (url, strategy, out = '/dev/null') =>
  paginateArgs('soundcharts', url, ['--filter', 'min=10000', '--strategy', strategy, '-o', out]);

/** A one-page export, so the emulator builds its data and ranking before anything is timed. */
async function warm(server, argv) {
  await timed(argv, { env: server.env, label: 'warm-up' });
  await server.ask('reset');
}

// ---------------------------------------------------------------- 1. hybrid vs the ceiling

async function throughput() {
  log('1: hybrid against the 5,000/min soundcharts emulator, latency 150 ms (~18 s)');
  const server = await serve('soundcharts', { latencyMs: 150 });
  try {
    await warm(server, [...soundchartsExport(server.url, 'sequential'), '--max-items', '1']);
    const argv = soundchartsExport(server.url, 'hybrid');
    remember('1. server (own process)', {}, server.argv);
    remember('1. hybrid export', server.env, argv);
    const run = await timed(argv, { env: server.env, label: 'hybrid export' });
    const s = await server.ask('log');
    const n = s.requests;
    const throttled = s.statuses[429] ?? 0;
    const first = s.firstAt;
    const at = s.at.toSorted((a, b) => a - b);
    const wholeRun = n / run.wall;
    const span = n / ((s.lastEnd - first) / 1000);
    const steady = arrivalRate(at, first + 1000, s.lastAt - 500);
    const clientCeiling = CEILING_PER_MIN / ((60_000 + 50) / 1000);
    row('1', 'requests (140,830 records), max in flight', `${n}, ${s.maxInFlight}`);
    row('1', 'steady state: arrivals/s from +1 s to the end − 0.5 s ÷ 83.33', `${fmt(steady)}/s = ${fmt(steady / CEILING, 3)}`, '≥ 0.95', steady / CEILING >= 0.95);
    row('1', 'export span: requests ÷ (first request → last response)', `${fmt(span)}/s = ${fmt(span / CEILING, 3)}`, '≥ 0.95', span / CEILING >= 0.95);
    row('1', 'whole run: requests ÷ process wall time (start-up included)', `${fmt(wholeRun)}/s = ${fmt(wholeRun / CEILING, 3)} (${fmt(run.wall)} s)`, '≥ 0.95', wholeRun / CEILING >= 0.95);
    row('1', 'fixed costs: process start → 1st request; 1st → 2nd (page 1 alone)', `${first - run.epoch} ms; ${at[1] - at[0]} ms`);
    row('1', "paginate's own limiter ceiling (60.05 s per 5,000: jitter margin)", `${fmt(clientCeiling)}/s = ${fmt(clientCeiling / CEILING, 4)}`);
    row('1', '429s (server count)', `${throttled} = ${pct(throttled / n, 2)} of requests`, '≤ 0.1%', throttled / n <= 0.001);
    row('1', 'most arrivals in any 1 s / 12 s window (83.3 / 1,000 at the ceiling)', `${maxInWindow(at, 1000)} / ${maxInWindow(at, 12_000)}`);
    notes.push(
      `(1) ${n} requests < 5,000, so the emulator's fixed minute window cannot answer 429 in this run: the ceiling ` +
        `is held by paginate's limiter alone. "Fraction of the ceiling" is therefore the sustained arrival rate at ` +
        `the server vs 5000/60 = 83.33/s (steady state, and over the export span), plus the whole process run, where ` +
        `start-up and the first page (sent alone to learn the total) are fixed costs. --long adds a run that crosses ` +
        `the minute window.`,
    );
  } finally {
    await server.close();
  }

  if (!LONG) return;
  log('1 (--long): ~6,500 requests across the minute window (~80 s)');
  const size = 650_000;
  const long = await serve('soundcharts', { latencyMs: 150, size });
  try {
    await warm(long, [...soundchartsExport(long.url, 'sequential'), '--max-items', '1']);
    const argv = soundchartsExport(long.url, 'hybrid');
    remember('1 (--long). server', {}, long.argv);
    remember('1 (--long). hybrid export across the minute window', long.env, argv);
    const run = await timed(argv, { env: long.env, label: 'long hybrid export' });
    const s = await long.ask('log');
    const throttled = s.statuses[429] ?? 0;
    const span = s.requests / ((s.lastEnd - s.firstAt) / 1000);
    row('1L', `window-crossing run: ${size.toLocaleString('en')} records, requests`, `${s.requests} in ${fmt(run.wall)} s`);
    row('1L', 'export span rate ÷ 83.33', `${fmt(span)}/s = ${fmt(span / CEILING, 3)}`, '≥ 0.95', span / CEILING >= 0.95);
    row('1L', '429s', `${throttled} = ${pct(throttled / s.requests, 2)}`, '≤ 0.1%', throttled / s.requests <= 0.001);
  } finally {
    await long.close();
  }
}

// ---------------------------------------------------------------- 2. speedup over sequential

async function speedup() {
  log(`2: hybrid vs sequential on the same ${SPEEDUP_SIZE.toLocaleString('en')} records, latency 150 ms (~90 s)`);
  const server = await serve('soundcharts', { latencyMs: 150, size: SPEEDUP_SIZE });
  try {
    await warm(server, [...soundchartsExport(server.url, 'sequential'), '--max-items', '1']);
    remember('2. server', {}, server.argv);
    const result = {};
    for (const strategy of ['hybrid', 'sequential']) {
      const argv = soundchartsExport(server.url, strategy);
      remember(`2. ${strategy}`, server.env, argv);
      const run = await timed(argv, { env: server.env, label: `${strategy} export` });
      const s = await server.ask('log');
      await server.ask('reset');
      const service = s.end.map((end, i) => end - s.at[i]);
      result[strategy] = {
        wall: run.wall,
        span: (s.lastEnd - s.firstAt) / 1000,
        requests: s.requests,
        throttled: s.statuses[429] ?? 0,
        serviceMs: service.reduce((a, b) => a + b, 0) / service.length,
      };
    }
    const { hybrid: h, sequential: seq } = result;
    // L: what one request costs the sequential client end to end (server latency, loopback, parsing, writing).
    const latency = seq.span / seq.requests;
    const ideal = Math.min(CONCURRENCY, CEILING * latency);
    const bySpan = seq.span / h.span;
    const byWall = seq.wall / h.wall;
    // the part of the hybrid span that is not request spacing at the ceiling
    const fixed = h.span - (h.requests - 1) / CEILING;
    row('2', 'requests hybrid / sequential (same data), 429s', `${h.requests} / ${seq.requests}, ${h.throttled + seq.throttled}`);
    row('2', 'export span hybrid / sequential', `${fmt(h.span)} s / ${fmt(seq.span)} s`);
    row('2', 'L = sequential span ÷ requests (server-side latency alone)', `${fmt(latency * 1000, 1)} ms (${fmt(seq.serviceMs, 1)} ms)`);
    row('2', 'ideal = min(C=16, R·L), R = 83.33/s', fmt(ideal));
    row('2', 'hybrid span beyond (requests−1)/R: page 1 alone + last latency', `${fmt(fixed * 1000, 0)} ms`);
    row('2', 'speedup by export span (first request → last response)', `${fmt(bySpan)} = ${fmt(bySpan / ideal, 3)} of ideal`, '≥ 0.9', bySpan / ideal >= 0.9);
    row('2', 'speedup by process wall time (start-up in both)', `${fmt(byWall)} = ${fmt(byWall / ideal, 3)} of ideal`, '≥ 0.9', byWall / ideal >= 0.9);
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------- 3. CPU cost vs a bare undici loop

let unthrottledRecordsPerSecond;
async function cpuCost() {
  log(`3: CPU cost, ${CPU_SIZE.toLocaleString('en')} records from a zero-latency starting-at emulator, ${CPU_ROUNDS}× alternating (~60 s)`);
  // logLimit 1: the first arrival is kept (start-up cost), nothing else is logged
  const server = await serve('starting-at', { latencyMs: 0, size: CPU_SIZE, logLimit: 1 });
  const env = { ...server.env, STARTING_AT_BASE_URL: server.url };
  const paginate = paginateArgs('starting-at', server.url, ['--strategy', 'sequential', '-o', '/dev/null']);
  const redirected = paginateArgs('starting-at', server.url, ['--strategy', 'sequential']);
  const baseline = [NODE, 'bench/baseline-loop.js', server.url, '/dev/null', '100'];
  remember('3. server', {}, server.argv);
  remember('3. paginate', env, paginate);
  commands.push(`# 3. paginate, stdout redirected\n${envText(env)} ${redirected.map(q).join(' ')} > /dev/null`);
  remember('3. baseline', env, baseline);
  const devNull = openSync('/dev/null', 'w');
  try {
    const run = async (argv, label, stdout) => {
      await server.ask('reset');
      const result = await timed(argv, { env, label, stdout });
      const s = await server.ask('stats');
      return { ...result, toFirstRequest: s.firstAt - result.epoch };
    };
    // untimed: the emulator builds its items on the first request; file caches warm up
    await run(baseline, 'baseline warm-up');
    await run(paginate, 'paginate warm-up');
    const p = [];
    const r = [];
    const b = [];
    for (let round = 0; round < CPU_ROUNDS; round++) {
      p.push(await run(paginate, 'paginate -o /dev/null'));
      b.push(await run(baseline, 'baseline'));
      r.push(await run(redirected, 'paginate > /dev/null', devNull));
    }
    const m = (runs, key) => median(runs.map((x) => x[key]));
    const records = JSON.parse(b[0].stderr.trim().split('\n').pop());
    unthrottledRecordsPerSecond = CPU_SIZE / m(p, 'wall');
    row('3', 'records, requests (each run)', `${records.records}, ${records.requests}`);
    row('3', 'wall median (s): paginate -o /dev/null / baseline loop', `${fmt(m(p, 'wall'), 3)} / ${fmt(m(b, 'wall'), 3)}`);
    row('3', 'wall ratio paginate -o /dev/null ÷ baseline', fmt(m(p, 'wall') / m(b, 'wall')), '≤ 1.25', m(p, 'wall') / m(b, 'wall') <= 1.25);
    row('3', 'wall ratio paginate > /dev/null (stdout) ÷ baseline', fmt(m(r, 'wall') / m(b, 'wall')), '≤ 1.25', m(r, 'wall') / m(b, 'wall') <= 1.25);
    if (TIME) {
      row('3', 'client CPU user+sys median (s): -o / stdout / baseline', `${fmt(m(p, 'cpu'))} / ${fmt(m(r, 'cpu'))} / ${fmt(m(b, 'cpu'))} → ${fmt(m(p, 'cpu') / m(b, 'cpu'))}×, ${fmt(m(r, 'cpu') / m(b, 'cpu'))}×`);
    }
    row('3', 'process start → first request (ms): paginate / baseline', `${fmt(m(p, 'toFirstRequest'), 0)} / ${fmt(m(b, 'toFirstRequest'), 0)}`);
    row('3', 'all walls (s): -o | stdout | baseline', `${p.map((x) => fmt(x.wall)).join(' ')} | ${r.map((x) => fmt(x.wall)).join(' ')} | ${b.map((x) => fmt(x.wall)).join(' ')}`);

    if (PROFILE) {
      const dir = join(work, 'prof');
      const profiled = [NODE, '--cpu-prof', `--cpu-prof-dir=${dir}`, ...paginate.slice(1)];
      remember('3. profiled paginate (then: node bench/cpuprofile-top.js DIR/*.cpuprofile)', env, profiled);
      await timed(profiled, { env, label: 'profiled paginate' });
      const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
      const summary = summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      notes.push(`(3) --cpu-prof of the paginate -o /dev/null export:\n${formatSummary(summary, 20)}`);
    }
  } finally {
    closeSync(devNull);
    await server.close();
  }
}

// ---------------------------------------------------------------- 4. peak RSS behind a slow reader

async function peakRss() {
  log(`4: peak RSS, ${RSS_SIZE.toLocaleString('en')} records to stdout piped into a slow reader, paginate then the baseline loop (~70 s)`);
  const server = await serve('starting-at', { latencyMs: 0, size: RSS_SIZE, logLimit: 0 });
  const env = { ...server.env, STARTING_AT_BASE_URL: server.url };
  try {
    // builds the 1,000,000 items in the server before anything is timed
    await warm(server, [...paginateArgs('starting-at', server.url, ['-o', '/dev/null']), '--max-items', '1']);
    // The reader: 64 KiB, then a pause; ≈ 13 MB/s at 5 ms. Slower when paginate itself is slow,
    // so the reader stays the bottleneck: at most half paginate's /dev/null rate (from (3)).
    // starting-at records are ~180 bytes of NDJSON each.
    const bytesPerRecord = 180;
    let sleepMs = 5;
    if (unthrottledRecordsPerSecond) {
      const producer = unthrottledRecordsPerSecond * bytesPerRecord;
      sleepMs = Math.max(5, Math.ceil((65536 / (producer / 2)) * 1000));
    }
    remember('4. server', {}, server.argv);
    const measure = async (name, producer) => {
      const rssFile = join(work, `rss-${name.replace(/\W+/g, '-')}.txt`);
      const pipeline = `${TIME ? `${TIME} -f '%M %e %U %S' -o ${q(rssFile)} ` : ''}${producer.map(q).join(' ')} | ${q(NODE)} bench/slow-reader.js 65536 ${sleepMs}`;
      commands.push(`# 4. ${name} to stdout into a slow reader\n${envText(env)} sh -c ${q(pipeline)}`);
      const run = await timed(pipeline, { env, shell: true, label: `${name} slow-reader pipeline` });
      const reader = JSON.parse(run.stderr.trim().split('\n').pop());
      const [rssKb, seconds, user, sys] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      return { reader, rss: rssKb / 1024, seconds, cpu: user + sys };
    };
    const p = await measure('paginate', paginateArgs('starting-at', server.url, []));
    const b = await measure('baseline loop', [NODE, 'bench/baseline-loop.js', server.url, '/dev/stdout', '100']);
    const readerMBps = p.reader.bytes / 1e6 / p.reader.seconds;
    const readerCeiling = 65536 / 1e6 / (sleepMs / 1000);
    row('4', 'records read by the reader, bytes', `${p.reader.lines}, ${fmt(p.reader.bytes / 1e6, 0)} MB in ${fmt(p.reader.seconds, 1)} s`);
    row('4', `reader: 64 KiB per ${sleepMs} ms (≤ ${fmt(readerCeiling, 1)} MB/s), achieved`, `${fmt(readerMBps, 1)} MB/s`);
    row('4', 'paginate busy: CPU s in wall s (reader is the bottleneck when ≪ 1)', `${fmt(p.cpu, 1)} s in ${fmt(p.seconds, 1)} s`);
    row('4', 'paginate peak RSS (VmHWM)', `${fmt(p.rss, 1)} MB`, '≤ 100 MB', p.rss <= 100);
    row('4', 'reference: baseline undici loop, same reader, peak RSS', `${fmt(b.rss, 1)} MB (${b.reader.lines} lines)`);
    if (p.reader.lines !== RSS_SIZE) notes.push(`(4) the reader counted ${p.reader.lines} lines, not ${RSS_SIZE}`);
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------- 5. start-up

async function startup() {
  log(`5: start-up, median of ${STARTUP_RUNS} runs each, interleaved`);
  const server = await serve('starting-at', { latencyMs: 0, size: 100, logLimit: 0 });
  const env = { ...process.env, ...server.env };
  const oneRecord = ['export', 'starting-at', '--base-url', server.url, '--max-items', '1', '-q'];
  // The same build as tsc writes it (dist/src/cli.js: ~320 modules, V8's default flags), then with
  // bin/paginate.js's --liftoff-only, beside bin/paginate.js itself (the bundle, with the flag).
  const UNBUNDLED = join(dirname(BIN), '..', 'dist', 'src', 'cli.js');
  const cases = {
    'node -e 0': [NODE, '-e', '0'],
    'paginate --help': [NODE, BIN, '--help'],
    'paginate profiles list': [NODE, BIN, 'profiles', 'list'],
    'paginate export, 1 record': [NODE, BIN, ...oneRecord],
    'unbundled --help': [NODE, UNBUNDLED, '--help'],
    'unbundled export, 1 record': [NODE, UNBUNDLED, ...oneRecord],
    'unbundled --liftoff-only export, 1 record': [NODE, '--liftoff-only', UNBUNDLED, ...oneRecord],
  };
  const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  const cpu = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (const argv of Object.values(cases)) spawnSync(argv[0], argv.slice(1), { cwd: ROOT, env, stdio: 'ignore' });
  for (let i = 0; i < STARTUP_RUNS; i++) {
    for (const [name, argv] of Object.entries(cases)) {
      const started = performance.now();
      const before = childCpuMs();
      const result = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      times[name].push(performance.now() - started);
      // Children's CPU: what the machine spends on a start, every thread counted.
      cpu[name].push(childCpuMs() - before);
      if (result.status !== 0) throw new Error(`${name} exited with ${result.status}: ${result.stderr}`);
    }
  }
  await server.close();
  for (const [name, argv] of Object.entries(cases)) remember(`5. ${name}`, name.includes('export') ? server.env : {}, argv);
  const bare = median(times['node -e 0']);
  row('5', 'node -e 0 (median ms)', fmt(bare, 1));
  for (const name of ['paginate --help', 'paginate profiles list']) {
    const ms = median(times[name]);
    row('5', `${name} (median ms) ÷ node -e 0`, `${fmt(ms, 1)} = ${fmt(ms / bare)}×`, '≤ 2', ms / bare <= 2);
  }
  const compare = (label, a, b) => {
    row('5', `${label}, wall (median ms)`, `${fmt(median(times[a]), 0)} ÷ ${fmt(median(times[b]), 0)} = ${fmt(median(times[a]) / median(times[b]))}×`);
    row('5', `${label}, CPU (median ms)`, `${fmt(median(cpu[a]), 0)} ÷ ${fmt(median(cpu[b]), 0)} = ${fmt(median(cpu[a]) / median(cpu[b]))}×`);
  };
  compare('--help: bin/paginate.js ÷ dist/src/cli.js', 'paginate --help', 'unbundled --help');
  compare('1-record export: --liftoff-only ÷ default, unbundled', 'unbundled --liftoff-only export, 1 record', 'unbundled export, 1 record');
  compare('1-record export: bundle ÷ modules, both --liftoff-only', 'paginate export, 1 record', 'unbundled --liftoff-only export, 1 record');
  compare('1-record export: bin/paginate.js ÷ dist/src/cli.js', 'paginate export, 1 record', 'unbundled export, 1 record');
}

/** CPU time (user + system, ms) of this process's waited-for children, from /proc (Linux; 10 ms ticks). */
function childCpuMs() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]);
  return ticks * 10;
}

// ---------------------------------------------------------------- 6. the path language on the page path

async function pagePath() {
  const pages = 10_000;
  log(`6: records paths, ${pages} pages of 100 records, extractor vs JSON.parse alone`);
  const { measurePagePath } = await import('./page-path.js');
  remember('6. records paths on the page path', {}, [NODE, 'bench/page-path.js', String(pages)]);
  for (const { label, parse, extractor } of measurePagePath(pages)) {
    const share = extractor / parse - 1;
    row('6', `${label}: extractor µs/page beyond JSON.parse`, `${fmt(extractor - parse, 1)} of ${fmt(parse, 1)} (${fmt(share * 100, 0)}%)`, '≤ 25%', share <= 0.25);
  }
}

// ---------------------------------------------------------------- 7. one limit shared on Redis

async function sharedLimit() {
  log('7: three processes sharing 5,000/min on redis-server vs one alone; the limiter per request (~60 s)');
  const argv = [NODE, 'bench/shared-limit.js'];
  remember('7. shared limit (starts redis-server and the emulator itself; prints its export commands)', {}, argv);
  const child = spawn(argv[0], argv.slice(1), { cwd: ROOT, env: { ...process.env, PAGINATE_BIN: BIN }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`bench/shared-limit.js exited with ${code}`);
  const r = JSON.parse(out);
  const share = (f) => `steady ${fmt(f.steady, 3)}, span ${fmt(f.span, 3)} (${f.requests} requests, ${f.throttled} × 429, busiest 1 s ${f.busiest})`;
  row('7', 'one process alone, in-process limiter: arrivals ÷ 83.33', share(r.alone));
  row('7', 'one process alone, --limiter redis: arrivals ÷ 83.33', share(r.aloneShared));
  row('7', 'three processes together, --limiter redis: arrivals ÷ 83.33', share(r.three), 'steady ≥ 0.9', r.three.steady >= 0.9);
  row('7', '429s with three processes on one limit', String(r.three.throttled), '0', r.three.throttled === 0);
  const ms = (f) => `${fmt(f.mean, 3)} / ${fmt(f.p50, 3)} / ${fmt(f.p99, 3)} ms`;
  row('7', 'schedule() mean / p50 / p99: in-process, no rate (the default path)', ms(r.inProcess));
  row('7', 'schedule() mean / p50 / p99: in-process with a rate', ms(r.inProcessRated));
  row('7', 'schedule() mean / p50 / p99: Redis limiter, loopback', ms(r.redis));
  const added = r.redis.mean - r.inProcess.mean;
  row('7', 'Redis limiter added latency per request (mean, vs the default path)', `${fmt(added, 3)} ms`, '≤ 2 ms', added <= 2);
  for (const command of r.commands) commands.push(`# 7. export\n${command}`);
  notes.push(
    '(7) "steady" counts arrivals from 1 s after the first to 0.5 s before the last, "span" from the first arrival to ' +
      'the last response (start-up, the first page sent alone and the tail included); the three processes start together ' +
      'with different filters, 333 pages each. schedule() is timed one empty task at a time, 3,000 times.',
  );
}

// ---------------------------------------------------------------- 8. fan-out: memory flat in the number of parents

const FAN_OUT_PARENTS = [1_000, 10_000, 100_000];
const FAN_OUT_CONCURRENCY = 8;

async function fanOutRss() {
  log(`8: fan-out peak RSS at ${FAN_OUT_PARENTS.map((n) => n.toLocaleString('en')).join(' and ')} parents (~1 KB each), one request per parent, --concurrency ${FAN_OUT_CONCURRENCY} (~60 s)`);
  const server = await serve('soundcloud', { latencyMs: 0, logLimit: 0 });
  try {
    remember('8. server', {}, server.argv);
    const results = [];
    for (const count of FAN_OUT_PARENTS) {
      const parents = join(work, `parents-${count}.ndjson`);
      await writeParents(parents, count);
      commands.push(`# 8. ${count} parents
${q(NODE)} bench/fan-out-parents.js ${count} > parents-${count}.ndjson`);
      // paginateArgs puts the endpoint after the options; commander takes it anywhere. --trace-gc
      // (on stdout, free with -o) gives the live heap after every full collection.
      const [node, ...rest] = paginateArgs('soundcloud', server.url, ['user-tracks', '--each', 'user=urn', '--each-from', parents, '--concurrency', String(FAN_OUT_CONCURRENCY), '-o', '/dev/null']);
      const argv = [node, '--trace-gc', ...rest];
      remember(`8. fan-out over ${count} parents`, server.env, argv);
      await server.ask('reset');
      const gcFile = join(work, `gc-${count}.txt`);
      const gcOut = openSync(gcFile, 'w');
      let run;
      try {
        run = await timed(argv, { env: server.env, label: `fan-out over ${count} parents`, stdout: gcOut });
      } finally {
        closeSync(gcOut);
      }
      const live = [...readFileSync(gcFile, 'utf8').matchAll(/Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) \(/g)].map((match) => Number(match[1]));
      const s = await server.ask('stats');
      results.push({ count, ...run, live, parentBytes: statSync(parents).size });
      row('8', `${count.toLocaleString('en')} parents: requests, wall, requests/s`, `${s.requests}, ${fmt(run.wall, 1)} s, ${fmt(s.requests / run.wall, 0)}/s`);
      row('8', `${count.toLocaleString('en')} parents: peak RSS (VmHWM); live heap after full GCs: first → last, max (n)`, `${fmt(run.rssMb, 1)} MB; ${live.map((mb) => fmt(mb, 1)).filter((_, i, all) => i === 0 || i === all.length - 1).join(' → ')} MB, ${fmt(Math.max(...live), 1)} (${live.length})`);
      if (s.requests !== count) notes.push(`(8) ${count} parents sent ${s.requests} requests`);
    }
    const [small, middle, large] = results;
    // The first full GC comes during start-up; from the second on, the export is under way.
    const steady = large.live.slice(1);
    const drift = steady.length > 1 ? steady[steady.length - 1] - steady[0] : NaN;
    row('8', `${large.count.toLocaleString('en')} parents (${fmt(large.parentBytes / 1e6, 0)} MB): live heap, last full GC − second`, `${fmt(drift, 1)} MB`, '≤ 3 MB (flat)', drift <= 3);
    const rssGrowth = large.rssMb - small.rssMb;
    row('8', `peak RSS growth from ${small.count.toLocaleString('en')} to ${large.count.toLocaleString('en')} parents (from ${middle.count.toLocaleString('en')})`, `${fmt(rssGrowth, 1)} MB (${fmt(large.rssMb - middle.rssMb, 1)} MB)`, '< the parents’ MB', TIME ? rssGrowth < large.parentBytes / 1e6 : undefined);
    notes.push(
      `(8) Each parent is one request for a one-page child (7 records). Live heap after full collections stays flat however many ` +
        `parents are read, so the parents are streamed, not held; peak RSS still rises in the 100,000-parent run because V8 grows ` +
        `its heap (young generation first: semi-spaces up to 16 MB each) to a sustained allocation rate, which a few-second ` +
        `run never reaches. Holding the parents would add at least their size (100 MB) to both.`,
    );
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------- main

function printTable() {
  const headers = { item: '#', what: 'measure', value: 'value', target: 'target', verdict: '' };
  const all = [headers, ...rows];
  const width = (key) => Math.max(...all.map((r) => String(r[key]).length));
  const widths = Object.fromEntries(Object.keys(headers).map((key) => [key, width(key)]));
  const line = (r) => Object.keys(headers).map((key) => String(r[key]).padEnd(widths[key])).join('  ').trimEnd();
  console.log(line(headers));
  console.log(Object.values(widths).map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** Runs a measurement; if a server was killed from outside meanwhile, drops its figures and runs it again (at most 3 tries). */
async function once(n, measure) {
  for (let attempt = 1; ; attempt++) {
    const before = unexpectedExits;
    try {
      return await measure();
    } catch (error) {
      if (unexpectedExits === before || attempt === 3) throw error;
      log(`measurement ${n} failed after its server was stopped from outside; running it again`);
      const mine = (text) => text.startsWith(String(n)) || text.startsWith(`# ${n}`);
      for (const list of [rows, notes, commands]) {
        const keep = list.filter((item) => !mine(typeof item === 'string' ? item.replace(/^\(/, '') : item.item));
        list.splice(0, list.length, ...keep);
      }
    }
  }
}

const started = performance.now();
const loadAtStart = loadavg()[0];
let failed;
try {
  if (!existsSync(join(ROOT, 'dist/src/cli.js'))) throw new Error('dist/ is missing: build first (npx tsc -p .)');
  log(`node ${process.version}, ${cpus().length} CPUs, load ${loadavg()[0].toFixed(2)}; emulators in their own processes over loopback`);
  for (const [n, measure] of [[1, throughput], [2, speedup], [3, cpuCost], [4, peakRss], [5, startup], [6, pagePath], [7, sharedLimit], [8, fanOutRss]]) {
    if (wanted(n)) await once(n, measure);
  }
} catch (error) {
  failed = error;
} finally {
  for (const server of servers) await server.close();
}

console.log(
  `\npaginate benchmark — ${new Date().toISOString()}, node ${process.version}, ${cpus().length} CPUs, ` +
    `load ${loadAtStart.toFixed(2)} → ${loadavg()[0].toFixed(2)}, ${((performance.now() - started) / 1000).toFixed(0)} s, ${BIN}\n`,
);
printTable();
if (notes.length > 0) console.log(`\nNotes:\n${notes.join('\n')}`);
console.log(`\nCommands (each server prints {url, env}; URLs are the ports of this run):\n${commands.join('\n')}`);
rmSync(work, { recursive: true, force: true });
if (failed) {
  console.error(`\nbenchmark failed: ${failed.stack ?? failed}`);
  process.exitCode = 1;
} else if (rows.some((r) => r.verdict === 'MISS')) {
  console.log('\nSome targets were missed (MISS above).');
}
