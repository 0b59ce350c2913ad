// Serves one sandbox emulator in its own process, so the server's CPU is not charged to the client
// being measured.
//   node bench/serve.js <name> '<json options>'
// Options are startSandbox's (latencyMs, size, rateLimitPerMinute, port, faults, logLimit, …);
// JSON has no Infinity, so any rateLimitPerMinute >= 1e15 (or the string "Infinity") turns the
// provider's limit off.
// Prints one JSON line {url, env} on stdout once listening, then serves until SIGTERM/SIGINT.
// Commands, one per line on stdin, each answered with one JSON line on stdout:
//   stats   {requests, statuses, rateLimited, maxInFlight, inFlight, logged, firstAt, lastAt, lastEnd}
//   log     the same plus `at` and `end`: arrival and finish times (ms) of every logged request
//   reset   clears the counters and the log ({reset: true})
//   stop    closes the server and exits (how bench/run.js stops it; so does closing stdin)
// SIGUSR2 prints `stats` too. SIGTERM/SIGINT stop it, with a line on stderr saying so.
import { fstatSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { startSandbox } from '../dist/sandbox/registry.js';

const [name, json = '{}'] = process.argv.slice(2);
if (!name) {
  console.error("usage: node bench/serve.js <name> '<json options>'");
  process.exit(2);
}
const options = JSON.parse(json);
if (options.rateLimitPerMinute === 'Infinity' || options.rateLimitPerMinute >= 1e15) options.rateLimitPerMinute = Infinity;

const server = await startSandbox(name, options);

function stats(withLog) {
  const s = server.stats;
  const log = s.log;
  let lastAt = 0;
  let lastEnd = 0;
  for (const entry of log) {
    if (entry.at > lastAt) lastAt = entry.at;
    if ((entry.end ?? 0) > lastEnd) lastEnd = entry.end;
  }
  const out = {
    requests: s.requests,
    statuses: s.statuses,
    rateLimited: s.rateLimited,
    maxInFlight: s.maxInFlight,
    inFlight: s.inFlight,
    logged: log.length,
    firstAt: log.length > 0 ? log[0].at : null,
    lastAt: log.length > 0 ? lastAt : null,
    lastEnd: log.length > 0 ? lastEnd : null,
  };
  if (withLog) {
    out.at = log.map((entry) => entry.at);
    out.end = log.map((entry) => entry.end ?? null);
  }
  return out;
}

const print = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);

print({ url: server.url, env: server.emulator.env });

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim();
  if (command === 'stats' || command === '') print(stats(false));
  else if (command === 'log') print(stats(true));
  else if (command === 'reset') {
    server.resetStats();
    print({ reset: true });
  } else if (command === 'stop') stop();
  else print({ error: `unknown command ${JSON.stringify(command)}: stats, log, reset or stop` });
});

process.on('SIGUSR2', () => print(stats(false)));
let stopping = false;
const stop = async (why) => {
  if (stopping) return;
  stopping = true;
  if (why) process.stderr.write(`serve.js ${name} (pid ${process.pid}): stopping on ${why}\n`);
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
// Started by bench/run.js over a pipe: when the parent goes away, do not linger. (Not for a
// terminal or </dev/null, where stdin says nothing about the parent.)
const stdin = fstatSync(0);
if (stdin.isFIFO() || stdin.isSocket()) process.stdin.on('end', () => stop());
