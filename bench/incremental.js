// Request counts of a nightly run: a 100,000-record source gains 50 records, then one plain full
// export against one --incremental run, on the SoundCloud (newest first) and starting-at (keyset)
// emulators. Counts come from the emulator's own request counter.
//   npm run build && node bench/incremental.js
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../dist/sandbox/registry.js';

const SIZE = 100_000;
const NEW = 50;
const USER = 'soundcloud:users:948745750';
const CASES = [
  { name: 'soundcloud', mode: 'newest first', args: ['export', 'soundcloud', 'user-tracks', '--filter', `user=${USER}`, '--page-size', '200'] },
  { name: 'starting-at', mode: 'keyset', args: ['export', 'starting-at', '--page-size', '100'] },
];

const work = mkdtempSync(join(tmpdir(), 'paginate-bench-incremental-'));
const lines = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;

/** Async: the emulator answers from this process, so it must not be blocked while paginate runs. */
function run(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/paginate.js', ...args, '--quiet'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`paginate ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

const rows = [];
for (const c of CASES) {
  const sandbox = await startSandbox(c.name, { size: SIZE, latencyMs: 0, rateLimitPerMinute: Infinity });
  try {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, XDG_STATE_HOME: join(work, c.name), ...sandbox.emulator.env };
    const base = [...c.args, '--base-url', sandbox.url];
    const out = join(work, `${c.name}.ndjson`);
    const count = async (args) => {
      const before = sandbox.stats.requests;
      await run(args, env);
      return sandbox.stats.requests - before;
    };
    const first = await count([...base, '--incremental', '-o', out]);
    const records = lines(out);
    sandbox.emulator.grow({ fresh: NEW });
    const full = await count([...base, '-o', join(work, `${c.name}-full.ndjson`)]);
    const incremental = await count([...base, '--incremental', '-o', out]);
    rows.push({ provider: c.name, mode: c.mode, records, first, full, incremental, appended: lines(out) - records });
  } finally {
    await sandbox.close();
  }
}

console.log(`source of ${SIZE.toLocaleString('en')} records, ${NEW} new between two runs; requests counted by the emulator`);
console.log('provider      mode           first run  full export  incremental  records appended');
for (const row of rows) {
  console.log(`${row.provider.padEnd(13)} ${row.mode.padEnd(14)} ${String(row.first).padStart(9)}  ${String(row.full).padStart(11)}  ${String(row.incremental).padStart(11)}  ${String(row.appended).padStart(16)}`);
}
