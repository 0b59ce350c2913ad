// A deliberately slow consumer of stdin: reads up to CHUNK bytes, then sleeps MS milliseconds,
// until end of input. Ceiling ≈ CHUNK / MS (64 KiB per 5 ms ≈ 13 MB/s).
//   producer | node bench/slow-reader.js [chunk-bytes=65536] [sleep-ms=5]
// Prints `{"bytes":N,"lines":L,"seconds":S}` on stderr at the end.
import { readSync } from 'node:fs';

const chunkBytes = Number(process.argv[2] ?? 65536);
const sleepMs = Number(process.argv[3] ?? 5);
const buffer = Buffer.allocUnsafe(chunkBytes);
const pause = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms) => Atomics.wait(pause, 0, 0, ms);

const started = process.hrtime.bigint();
let bytes = 0;
let lines = 0;
for (;;) {
  let n;
  try {
    n = readSync(0, buffer, 0, chunkBytes, null);
  } catch (error) {
    if (error.code === 'EAGAIN') {
      sleep(1);
      continue;
    }
    if (error.code === 'EOF') break;
    throw error;
  }
  if (n === 0) break;
  bytes += n;
  for (let i = buffer.indexOf(10); i !== -1 && i < n; i = buffer.indexOf(10, i + 1)) lines++;
  sleep(sleepMs);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stderr.write(`${JSON.stringify({ bytes, lines, seconds })}\n`);
