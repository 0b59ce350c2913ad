// Writes N fan-out parents as NDJSON: SoundCloud users of the sandbox, each padded to ~1 KB
// so that holding the parents in memory would show in the peak RSS (100,000 parents ≈ 100 MB).
//   node bench/fan-out-parents.js 100000 > parents.ndjson      (measure 7 of bench/run.js)
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';

// The sandbox's user with one page of seven tracks: one request per parent.
const USER = 'soundcloud:users:5550001';
const PADDING = 'x'.repeat(950);

export async function writeParents(path, count) {
  const out = path === '-' ? process.stdout : createWriteStream(path);
  for (let n = 0; n < count; n++) {
    if (!out.write(`${JSON.stringify({ n, urn: USER, bio: PADDING })}\n`)) await once(out, 'drain');
  }
  if (out !== process.stdout) {
    out.end();
    await once(out, 'finish');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await writeParents('-', Number(process.argv[2] ?? 1000));
