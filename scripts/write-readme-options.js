// Regenerates the README's `export` options table from src/options/export-options.ts (run by
// `npm run docs`); test/options/readme-table.test.ts fails when it drifts.
import { readFileSync, writeFileSync } from 'node:fs';
import { withExportOptionsTable } from '../dist/src/options/readme-table.js';

const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, withExportOptionsTable(readFileSync(readme, 'utf8')));
console.log(`wrote ${readme.pathname}`);
