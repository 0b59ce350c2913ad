// Regenerates profiles/profile.schema.json from the zod schema (run by `npm run schema`).
import { writeFileSync } from 'node:fs';
import { profileJsonSchema } from '../dist/profile/json-schema.js';

const target = new URL('../profiles/profile.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(profileJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
