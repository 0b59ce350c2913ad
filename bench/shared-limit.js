// The shared limiter (--limiter redis://): three export processes sharing one 5,000/min budget on a
// real redis-server, against one Soundcharts emulator (latency 150 ms) served from this process,
// beside one process alone; and the limiter's own cost per request on loopback.
//   node bench/shared-limit.js            (needs dist/: npm run build; /usr/bin/redis-server)
// Prints one JSON line of figures (bench/run.js turns it into rows), and the commands to stderr.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { startSandbox } from '../dist/sandbox/registry.js';
import { connectSharedLimiter } from '../dist/src/rate-limit/shared-limiter.js';
import { createLimiter } from '../dist/src/rate-limit/limiter.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = process.env.PAGINATE_BIN ?? join(ROOT, 'bin/paginate.js');
const CEILING = 5000 / 60;
const PER_PROCESS = 33_300; // records: 333 pages each, ~1,000 requests for the three (~12 s at the ceiling)
const LATENCY_CALLS = 3000;
const log = (line) => process.stderr.write(`[bench shared] ${line}\n`);

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function startRedis() {
  const port = await freePort();
  const child = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk) && out.includes('Ready to accept connections') && resolve());
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGKILL') };
}

function run(argv, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`paginate exited with ${code}: ${stderr.slice(-500)}`))));
  });
}

/** Arrivals per second over the export span (first arrival → last response), ÷ the ceiling; 429s; busiest second. */
function figures(log) {
  const at = log.map((entry) => entry.at).sort((a, b) => a - b);
  const lastEnd = Math.max(...log.map((entry) => entry.end ?? entry.at));
  const span = log.length / ((lastEnd - at[0]) / 1000);
  const steadyFrom = at[0] + 1000;
  const steadyTo = at[at.length - 1] - 500;
  const steady = at.filter((t) => t >= steadyFrom && t < steadyTo).length / ((steadyTo - steadyFrom) / 1000);
  let busiest = 0;
  for (let i = 0, j = 0; j < at.length; j++) {
    while (at[j] - at[i] >= 1000) i++;
    busiest = Math.max(busiest, j - i + 1);
  }
  return { requests: log.length, span: span / CEILING, steady: steady / CEILING, throttled: log.filter((entry) => entry.status === 429).length, busiest };
}

/** Mean, median and p99 ms per schedule() of an empty task, one at a time. */
async function perCall(limiter) {
  const times = [];
  for (let i = 0; i < LATENCY_CALLS; i++) {
    const started = performance.now();
    await limiter.schedule(async () => {});
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, p50: times[times.length >> 1], p99: times[Math.floor(times.length * 0.99)] };
}

const redis = await startRedis();
const server = await startSandbox('soundcharts', { latencyMs: 150 });
const state = mkdtempSync(join(tmpdir(), 'paginate-bench-shared-'));
const commands = [];
const exportArgs = (min, limiter, maxItems = PER_PROCESS) => [
  'export', 'soundcharts', '--base-url', server.url, '--filter', `min=${min}`, '--max-items', String(maxItems),
  ...(limiter ? ['--limiter', redis.url] : []), '--state-dir', join(state, min), '--restart', '--quiet', '-o', '/dev/null',
];
const env = server.emulator.env;
const result = {};
try {
  // A one-record export first, so the emulator builds its data and ranking before anything is timed.
  await run(exportArgs('10000', false, 1), env);
  for (const [name, mins, limiter] of [['alone', ['10000'], false], ['aloneShared', ['10000'], true], ['three', ['10000', '10001', '10002'], true]]) {
    server.resetStats();
    log(`${name}: ${mins.length} process(es)${limiter ? ' on the Redis limiter' : ', in-process limiter'}`);
    for (const min of mins) commands.push(`${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')} node bin/paginate.js ${exportArgs(min, limiter).join(' ')}${mins.length > 1 ? ' &' : ''}`);
    await Promise.all(mins.map((min) => run(exportArgs(min, limiter), env)));
    result[name] = figures(server.stats.log);
  }
  log(`added latency: ${LATENCY_CALLS} schedule() calls one at a time, in-process vs Redis`);
  const rate = { count: 1_000_000, perMs: 1000 };
  // In-process with no rate is the path every request takes without --limiter.
  for (const [name, limiterRate] of [['inProcess', undefined], ['inProcessRated', rate]]) {
    const local = createLimiter({ rate: limiterRate, concurrency: 1 });
    result[name] = await perCall(local);
    await local.stop();
  }
  const shared = await connectSharedLimiter(redis.url);
  result.redis = await perCall(shared.limiter({ rate, concurrency: 1, scope: { origin: 'http://bench.invalid', identity: ['bench'] } }));
  await shared.close();
  result.commands = commands;
} finally {
  await server.close();
  redis.stop();
  rmSync(state, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(result)}\n`);
