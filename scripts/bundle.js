// Bundles the built CLI (dist/src/cli.js) into dist/cli/, which bin/paginate.js runs. Node loads
// ESM files one at a time (resolve, read, link): the CLI's ~320 modules cost ~45% of every start's CPU,
// and every cron run and fan-out child pays it (measure 5 of bench/run.js times both side by side).
// What is loaded on use (progress bars, Redis, the sandbox) stays in chunks of its own.
import { build } from 'esbuild';

await build({
  entryPoints: { paginate: 'dist/src/cli.js' },
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // The bundled CommonJS packages (undici, yaml, ioredis) call require() for Node's own modules.
  banner: { js: "import { createRequire as paginateRequire } from 'node:module'; const require = paginateRequire(import.meta.url);" },
  logLevel: 'warning',
});
