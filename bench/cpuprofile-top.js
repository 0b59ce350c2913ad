// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by file.
//   node bench/cpuprofile-top.js <file.cpuprofile> [top=25]
// Self time = samples whose top frame is the function, times the mean sampling interval.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function summarise(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const msPerSample = profile.samples.length > 0 ? totalMs / profile.samples.length : 0;
  const functions = new Map();
  const files = new Map();
  for (const [id, count] of counts) {
    const { callFrame } = byId.get(id);
    const url = callFrame.url.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '');
    const where = url === '' ? '' : `${url}:${callFrame.lineNumber + 1}`;
    const name = `${callFrame.functionName || '(anonymous)'} ${where}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + count);
    const file = url === '' ? `(${callFrame.functionName || 'native'})` : url.replace(/^.*node_modules\/([^/]+)\/.*$/, 'node_modules/$1');
    files.set(file, (files.get(file) ?? 0) + count);
  }
  const rank = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([name, count]) => ({ name, ms: count * msPerSample, share: count / profile.samples.length }));
  return { totalMs, functions: rank(functions), files: rank(files) };
}

export function formatSummary(summary, top = 25) {
  const line = ({ name, ms, share }) => `  ${ms.toFixed(0).padStart(7)} ms ${(share * 100).toFixed(1).padStart(5)}%  ${name}`;
  return [
    `profile: ${summary.totalMs.toFixed(0)} ms sampled`,
    `self time by function (top ${top}):`,
    ...summary.functions.slice(0, top).map(line),
    `self time by file / package (top ${Math.min(top, 15)}):`,
    ...summary.files.slice(0, Math.min(top, 15)).map(line),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, top = '25'] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node bench/cpuprofile-top.js <file.cpuprofile> [top=25]');
    process.exit(2);
  }
  console.log(formatSummary(summarise(JSON.parse(readFileSync(file, 'utf8'))), Number(top)));
}
