#!/usr/bin/env node
// The CLI runs from its bundle (scripts/bundle.js); with --verbose, stack traces point at src/.
if (process.argv.includes('--verbose')) process.setSourceMapsEnabled(true);
await import('../dist/cli/paginate.js');
