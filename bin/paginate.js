#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// undici parses HTTP with llhttp compiled to WebAssembly, and V8 compiles all of it a second time
// with its optimizing tier in the background: ~35 MB of RSS and ~0.1 s of CPU in every process,
// for a parser that is a small share of an export. Its baseline tier is enough (bench 3, 4, 5).
setFlagsFromString('--liftoff-only');
// The CLI runs from its bundle (scripts/bundle.js); with --verbose, stack traces point at src/.
if (process.argv.includes('--verbose')) process.setSourceMapsEnabled(true);
await import('../dist/cli/paginate.js');
